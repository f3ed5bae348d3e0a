"""Due items of case work: the deadlines the rules imply, computed from the facts each time, never stored
(the inbox, ``hoanhap.inbox``, gathers them with the other apps')."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hoanhap.cases.criminal import administrative_open, held
from hoanhap.cases.dossier import (
    DOSSIER,
    OPEN_DOSSIER_STATES,
    DossierState,
    limitation_end,
    limitation_lapsed,
)
from hoanhap.cases.lifecycle import MANAGEMENT, OPEN_STATES, State
from hoanhap.cases.machine import events_by_case, still_open
from hoanhap.cases.models import (
    ActivityKind,
    AddictionAssessment,
    Aftercare,
    AftercareEventRecord,
    CompulsoryDossier,
    DrugTest,
    RehabEpisode,
    RehabEventRecord,
    SubstitutionEventRecord,
    SubstitutionTreatment,
    UserManagement,
    aftercare_end,
    effective_end,
)
from hoanhap.cases.rehab import (
    AFTERCARE,
    EPISODE,
    OPEN_AFTERCARE_STATES,
    OPEN_EPISODE_STATES,
    VOLUNTARY_FORMS,
    AftercareEndReason,
    AftercareEvent,
    AftercareState,
    EpisodeEvent,
    EpisodeState,
    ExitReason,
    RehabForm,
    SubstitutionEvent,
)
from hoanhap.cases.services.common import start_of_day as _start_of_day
from hoanhap.inbox.items import CHECK_NOTICE, TERM_END_NOTICE, DueItem, person_item, with_person
from hoanhap.inbox.registry import Source
from hoanhap.law import services as law
from hoanhap.law.rulebook import Unit
from hoanhap.law.services import end_of_day
from hoanhap.lib.compiled import compiled_query
from hoanhap.lib.dates import age_on, now, today
from hoanhap.people.models import StableResidence


def sources() -> tuple[Source, ...]:
    """The due items of case work, in the order the inbox has always gathered them; ``CasesConfig.ready``
    registers them, with electronic monitoring's (``cases.monitoring_due``) and the criminal route's
    (``cases.criminal_due``)."""
    return (
        _management_decisions,
        _residence_verifications,
        _monthly_checks,
        _term_ends,
        _registrations,
        _aftercare_decisions,
        _aftercare_ends,
        _assessment_referrals,
        _dossiers_to_open,
        _dossier_steps,
        _minors_turning_adult,
        _episode_ends,
    )


# The sources' queries are ``compiled_query``: built and compiled once, run with the commune (and a
# date); building and compiling them again on every request was a fifth of the inbox (benchmark).
@compiled_query(commune_id=str)
def _undecided_tests(commune_id: str) -> QuerySet[DrugTest, tuple[int, dt.datetime | None, Any]]:
    return (
        DrugTest.objects.filter(
            commune_id=commune_id,
            result="positive",
            management__isnull=True,
            decision_due__isnull=False,
            decision_rule__isnull=False,
        )
        # Not held by the criminal route: Luật 120/2025 Điều 24.4.a gives the decision no exception
        # ("trong thời hạn 24 giờ kể từ khi nhận được kết quả xét nghiệm dương tính"), management is
        # not an administrative sanction (Điều 24.1), and custody suspends it (Điều 24.7).
        .order_by()
        .values_list("person_id", "decision_due", "decision_rule")
    )


def _management_decisions(commune_id: str) -> list[DueItem]:
    tests = _undecided_tests(commune_id=commune_id)
    title = _("Ra quyết định quản lý người sử dụng trái phép chất ma túy")
    return _stored_rule_items(tests, "decide_management", title, "user_management_decider")


def _stored_rule_items(
    rows: Iterable[tuple[int, dt.datetime | None, dict[str, Any] | None]],
    kind: str,
    title: str | Promise,
    role_rule: str,
    *,
    has_deadline: bool = True,
) -> list[DueItem]:
    """Items from (person, date, rule) rows of facts on which the service stored the rule that
    applied (its regime and citation) and the date the item falls due; ``role_rule`` names who acts."""
    shown, items = str(title), []  # translated once, not per row (a large commune has hundreds)
    for person_id, due, applied in rows:
        if due is None or applied is None:  # the queries exclude these; for the type checker
            continue
        role = law.rule(role_rule, regime=law.regime_by_code(applied["regime"]))
        items.append(
            person_item(
                kind,
                shown,
                person_id,
                due,
                str(role.value),
                applied["citation"],
                has_deadline=has_deadline,
            )
        )
    return items


@compiled_query(commune_id=str)
def _unverified_residences(
    commune_id: str,
) -> QuerySet[DrugTest, tuple[int, dt.datetime | None, dt.datetime]]:
    return (
        DrugTest.objects.filter(
            commune_id=commune_id,
            result="positive",
            management__isnull=True,
            person__stable_residence=StableResidence.UNKNOWN,
        )
        .order_by()  # not held: the verification serves the decision, which is not (above)
        .values_list("person_id", "result_received_at", "tested_at")
    )


def _residence_verifications(commune_id: str) -> list[DueItem]:
    """After a positive result, where the person lives must be verified (Nghị định 105/2021 Điều 41):
    due until the person's record says whether the residence is stable."""
    tests = _unverified_residences(commune_id=commune_id)
    title, items = str(_("Xác minh nơi cư trú của người có kết quả dương tính")), []
    for person_id, result_received_at, tested_at in tests:
        received = result_received_at or tested_at
        verification = law.rule("residence_verification", regime=law.regime_on(law.to_local_date(received)))
        # Under Luật 120/2025 the verification has no period of its own: it is done within the
        # decision's 24 hours (the rule says why), so the item has no deadline.
        timed = verification.unit != Unit.CHOICE
        items.append(
            person_item(
                "verify_residence",
                title,
                person_id,
                law.deadline(verification, start=received) if timed else received,
                "commune_police",
                verification.citation,
                has_deadline=timed,
            )
        )
    return items


@compiled_query(commune_id=str)
def _open_managements(commune_id: str) -> QuerySet[UserManagement, tuple[int, int, dt.date, Any]]:
    # The last check as an aggregate: loading every activity of the commune's managements to find
    # it took most of this source's time in the largest commune (benchmark).
    rows: QuerySet[UserManagement, tuple[int, int, dt.date, Any]] = (
        still_open(UserManagement.objects.filter(commune_id=commune_id), MANAGEMENT, OPEN_STATES)
        .annotate(last_check=Max("activities__on", filter=Q(activities__kind=ActivityKind.RESIDENCE_CHECK)))
        .order_by()
        .values_list("pk", "person_id", "decided_on", "last_check")
    )
    return rows


def _monthly_checks(commune_id: str) -> list[DueItem]:
    """Each month of an active management, the residence is checked and updated (Nghị định 105/2021
    Điều 47.1): due a month after the decision or the last check."""
    managements = _open_managements(commune_id=commune_id)
    events = events_by_case(UserManagement, (pk for pk, *_rest in managements))
    horizon = today() + CHECK_NOTICE
    title, items = str(_("Kiểm tra, cập nhật nơi cư trú hằng tháng")), []
    for pk, person_id, decided_on, last_check in managements:
        if MANAGEMENT.fold(e.kind for e in events[pk]) is not State.ACTIVE:
            continue
        last = max(decided_on, last_check or decided_on)
        rule = law.rule("monthly_residence_check", regime=law.regime_on(last))
        due = law.last_day(rule, last)
        if due <= horizon:
            items.append(
                person_item(
                    "residence_check",
                    title,
                    person_id,
                    end_of_day(due),
                    "commune_police",
                    rule.citation,
                )
            )
    return items


@compiled_query(commune_id=str, horizon=dt.date)
def _managements_ending(commune_id: str, horizon: dt.date) -> QuerySet[UserManagement]:
    # Open (suspended too) is all this needs, and ``still_open`` tells it exactly: no events to fold.
    return (
        still_open(
            UserManagement.objects.filter(commune_id=commune_id, ends_on__lte=horizon),
            MANAGEMENT,
            OPEN_STATES,
        )
        .order_by()
        .values_list("person_id", "ends_on", "term_rule")
    )


def _term_ends(commune_id: str) -> list[DueItem]:
    managements = _managements_ending(commune_id=commune_id, horizon=today() + TERM_END_NOTICE)
    title = str(_("Chấm dứt quản lý khi hết thời hạn 01 năm"))
    return [
        _term_end_item("terminate_management", title, person_id, ends_on, "management_end_decider", term_rule)
        for person_id, ends_on, term_rule in managements
    ]


def _term_end_item(
    kind: str, title: str, person_id: int, last_day: dt.date, decider: str, term_rule: dict[str, Any]
) -> DueItem:
    """Closing a case whose term's last day is ``last_day``: due the day after, the last day counting
    whole (Bộ luật Dân sự 2015 Điều 147.2, 148), for the role the rule ``decider`` then names."""
    signer = law.rule(decider, regime=law.regime_on(last_day))
    due = end_of_day(law.first_day_after(last_day))
    return person_item(kind, title, person_id, due, str(signer.value), term_rule["citation"])


@compiled_query(commune_id=str)
def _unregistered(commune_id: str) -> QuerySet[AddictionAssessment, tuple[int, dt.datetime | None, Any]]:
    registered = RehabEpisode.objects.filter(person=OuterRef("person"), started_on__gte=OuterRef("result_on"))
    enrolled = SubstitutionTreatment.objects.filter(
        person=OuterRef("person"), enrolled_on__gte=OuterRef("result_on")
    )
    return (
        AddictionAssessment.objects.filter(
            commune_id=commune_id,
            addicted=True,
            registration_due__isnull=False,
            registration_rule__isnull=False,
        )
        .exclude(Exists(registered))
        .exclude(Exists(enrolled))
        .order_by()
        .values_list("person_id", "registration_due", "registration_rule")
    )


def _registrations(commune_id: str) -> list[DueItem]:
    """After an "addicted" result, registration for rehab or substitution treatment falls due; a
    rehab episode starting on or after the result closes it."""
    assessments = _unregistered(commune_id=commune_id)
    title = _("Đăng ký cai nghiện tự nguyện hoặc điều trị thay thế")
    return _stored_rule_items(assessments, "register_rehab", title, "community_rehab_registrar")


# The completions of the commune's cases, the cases as a subquery (``IN``): joined, or as a
# correlated EXISTS, SQLite read the country's completions through the (kind, on) index the
# indicators use (200 ms in the largest commune, benchmark). The latest completion of a case
# starts its deadline.
@compiled_query(commune_id=str)
def _completed_episodes(commune_id: str) -> QuerySet[RehabEventRecord, tuple[Any, ...]]:
    episodes = RehabEpisode.objects.filter(commune_id=commune_id, aftercare__isnull=True)
    return (
        RehabEventRecord.objects.filter(episode__in=episodes.values("pk"), kind=EpisodeEvent.COMPLETE)
        .order_by()
        .values_list("episode_id", "episode__person_id")
        .annotate(done=Max("on"))
    )


@compiled_query(commune_id=str)
def _completed_treatments(commune_id: str) -> QuerySet[SubstitutionEventRecord, tuple[Any, ...]]:
    treatments = SubstitutionTreatment.objects.filter(commune_id=commune_id, aftercare__isnull=True)
    return (
        SubstitutionEventRecord.objects.filter(
            treatment__in=treatments.values("pk"), kind=SubstitutionEvent.COMPLETE
        )
        .order_by()
        .values_list("treatment_id", "treatment__person_id")
        .annotate(done=Max("on"))
    )


def _aftercare_decisions(commune_id: str) -> list[DueItem]:
    """A completed rehab or substitution treatment needs its post-rehab decision (Luật 120/2025
    Điều 42.1; deadline from NĐ 116/2021, unverified)."""
    completions = [*_completed_episodes(commune_id=commune_id), *_completed_treatments(commune_id=commune_id)]
    title, items = str(_("Ra quyết định quản lý sau cai nghiện")), []
    for _case, person_id, done in completions:
        regime = law.regime_on(done)
        deadline_rule, decider = (
            law.rule("aftercare_decision_deadline", regime=regime),
            law.rule("aftercare_decider", regime=regime),
        )
        due = law.deadline(deadline_rule, start=end_of_day(done).replace(hour=8, minute=0, second=0))
        items.append(
            person_item(
                "decide_aftercare",
                title,
                person_id,
                due,
                str(decider.value),
                deadline_rule.citation,
            )
        )
    return items


@compiled_query(commune_id=str, horizon=dt.date)
def _aftercares_ending(commune_id: str, horizon: dt.date) -> QuerySet[Aftercare]:
    return (
        still_open(
            Aftercare.objects.filter(commune_id=commune_id, ends_on__lte=horizon),
            AFTERCARE,
            OPEN_AFTERCARE_STATES,
        )
        .order_by()
        .values_list("pk", "person_id", "ends_on", "term_rule")
    )


def _aftercare_ends(commune_id: str) -> list[DueItem]:
    """An active post-rehab management reaching the end of its term, moved back by any time in prison
    (``models.aftercare_end``, as the completion check reads it); the rows are those whose decided
    end is near, a first cut the moved end then narrows."""
    horizon = today() + TERM_END_NOTICE
    aftercares = _aftercares_ending(commune_id=commune_id, horizon=horizon)
    events = events_by_case(Aftercare, (pk for pk, *_rest in aftercares), "on")
    title, items = str(_("Cấp giấy chứng nhận chấp hành xong quản lý sau cai")), []
    for pk, person_id, ends_on, term_rule in aftercares:
        if AFTERCARE.fold(e.kind for e in events[pk]) is not AftercareState.ACTIVE:
            continue
        end = aftercare_end(ends_on, events[pk])
        if end <= horizon:
            items.append(
                _term_end_item("complete_aftercare", title, person_id, end, "aftercare_decider", term_rule)
            )
    return items


@compiled_query(commune_id=str)
def _unassessed_tests(commune_id: str) -> QuerySet[DrugTest, tuple[int, dt.datetime, Any, dt.date | None]]:
    assessed = AddictionAssessment.objects.filter(
        person=OuterRef("person"), started_on__gte=OuterRef("tested_on")
    )
    return (
        DrugTest.objects.filter(commune_id=commune_id, assessment_rule__isnull=False)
        .filter(administrative_open())
        .annotate(tested_on=TruncDate("tested_at"))
        .exclude(Exists(assessed))
        .order_by()
        .values_list("person_id", "tested_at", "assessment_rule", "answered_on")
    )


def _assessment_referrals(commune_id: str) -> list[DueItem]:
    """Someone under management used again: refer for an addiction determination (Luật 120/2025 Điều
    31.1.c), "nếu không thuộc trường hợp bị xử lý theo quy định của pháp luật về hình sự": after the
    investigation body's "không xử lý hình sự", dated from its answer. The law sets no deadline for
    this, so the item shows none and never turns overdue."""
    tests = [
        (person_id, _start_of_day(answered_on) if answered_on else tested_at, rule)
        for person_id, tested_at, rule, answered_on in _unassessed_tests(commune_id=commune_id)
    ]
    title = _("Đề nghị xác định tình trạng nghiện (tiếp tục sử dụng)")
    return _stored_rule_items(tests, "refer_assessment", title, "assessment_referrer", has_deadline=False)


# Early exits from voluntary rehab that are grounds for compulsory rehab (Luật 120/2025 Điều 35.1.a–b, đ).
_EXIT_GROUNDS = {
    ExitReason.QUIT: "voluntary_not_done",
    ExitReason.USED: "used_in_voluntary",
    ExitReason.REFUSED_MONITORING: "violations",
    ExitReason.VIOLATIONS: "violations",
}


# The commune's cases as subqueries, not joins: joined, SQLite read the country's events of the
# kind through the (kind, on) index the indicators use.
@compiled_query(commune_id=str)
def _voluntary_exits(commune_id: str) -> QuerySet[RehabEventRecord, tuple[int, dt.date, str, dt.date]]:
    voluntary = RehabEpisode.objects.filter(commune_id=commune_id, form__in=list(VOLUNTARY_FORMS))
    return (
        RehabEventRecord.objects.filter(
            episode__in=voluntary.values("pk"), kind=EpisodeEvent.EXIT, exit_reason__in=list(_EXIT_GROUNDS)
        )
        .order_by()
        .values_list("episode__person_id", "on", "exit_reason", "episode__started_on")
    )


def _held_tests(commune_id: str) -> dict[int, list[dt.datetime]]:
    """When each person's positive results that wait for the investigation body, or that it
    prosecuted, were taken."""
    taken: dict[int, list[dt.datetime]] = {}
    rows = DrugTest.objects.filter(held(), commune_id=commune_id).values_list("person_id", "tested_at")
    for person_id, tested_at in rows:
        taken.setdefault(person_id, []).append(tested_at)
    return taken


@compiled_query(commune_id=str)
def _stopped_treatments(commune_id: str) -> QuerySet[SubstitutionEventRecord, tuple[int, dt.date]]:
    treatments = SubstitutionTreatment.objects.filter(commune_id=commune_id)
    return (
        SubstitutionEventRecord.objects.filter(
            treatment__in=treatments.values("pk"), kind__in=[SubstitutionEvent.QUIT, SubstitutionEvent.EXPEL]
        )
        .order_by()
        .values_list("treatment__person_id", "on")
    )


@compiled_query(commune_id=str)
def _aftercare_relapses(
    commune_id: str,
) -> QuerySet[AftercareEventRecord, tuple[int, dt.date, dt.date | None]]:
    aftercares = Aftercare.objects.filter(commune_id=commune_id)
    return (
        AftercareEventRecord.objects.filter(
            aftercare__in=aftercares.values("pk"),
            kind=AftercareEvent.END,
            end_reason=AftercareEndReason.ADDICTED,
        )
        .order_by()
        .values_list("aftercare__person_id", "on", "aftercare__person__birth_date")
    )


@compiled_query(commune_id=str)
def _positive_in_voluntary(commune_id: str) -> QuerySet[DrugTest, tuple[int, dt.datetime]]:
    return (
        # The violation's day stays the test's: the limitation counts from it (Luật 120/2025 Điều 35.4).
        DrugTest.objects.filter(commune_id=commune_id, ground_rule__isnull=False)
        .filter(administrative_open())
        .order_by()
        .values_list("person_id", "tested_at")
    )


def _ground_facts(commune_id: str) -> list[tuple[int, dt.date, str]]:
    """(person id, date of the violation, ground) for each fact that calls for a compulsory-rehab dossier."""
    # An exit for drug use is a ground only if the use is not dealt with under criminal law (Luật
    # 120/2025 Điều 35.1, 36.1): not while a positive result of the episode is held (``cases.criminal``).
    held_on = _held_tests(commune_id=commune_id)
    facts: list[tuple[int, dt.date, str]] = [
        (person_id, on, _EXIT_GROUNDS[ExitReason(reason)])
        for person_id, on, reason, started_on in _voluntary_exits(commune_id=commune_id)
        if reason != ExitReason.USED
        or not any(started_on <= law.to_local_date(t) <= on for t in held_on.get(person_id, ()))
    ]
    facts += [(person_id, on, "substitution") for person_id, on in _stopped_treatments(commune_id=commune_id)]
    # Used during voluntary rehab (Luật 120/2025 Điều 35.1.b, 36.1.b): the test is the violation.
    facts += [
        (person_id, law.to_local_date(tested_at), "used_in_voluntary")
        for person_id, tested_at in _positive_in_voluntary(commune_id=commune_id)
    ]
    # Not registered within the deadline after an "addicted" result (Điều 35.1.a, 36.1.a): the
    # violation is complete when the deadline runs out, and the limitation counts from that day.
    moment = now()
    facts += [
        (person_id, law.to_local_date(due), "voluntary_not_done")
        for person_id, due, _rule in _unregistered(commune_id=commune_id)
        if due < moment
    ]
    facts += [
        (person_id, on, "aftercare_relapse")
        for person_id, on, birth_date in _aftercare_relapses(commune_id=commune_id)
        if _adult_on(birth_date, on)
    ]
    return facts


def _adult_on(birth_date: dt.date | None, day: dt.date) -> bool:
    adult = law.rule("adult_age", regime=law.regime_on(day))
    return birth_date is None or age_on(birth_date, day) >= int(adult.value)


def _dossiers_to_open(commune_id: str) -> list[DueItem]:
    """A ground for compulsory rehab with no dossier opened since: due before the 3-month limitation
    runs out (Luật 120/2025 Điều 35.4). Once it has, no dossier can be opened on it (``open_dossier``
    refuses): nothing is left to do, and the item goes."""
    facts, on = _ground_facts(commune_id), today()
    person_ids = {person_id for person_id, _on, _ground in facts}
    opened: dict[int, dt.date] = {}
    for person_id, day in (
        CompulsoryDossier.objects.filter(person_id__in=person_ids)
        .order_by()
        .values_list("person_id", "opened_on")
    ):
        opened[person_id] = max(day, opened.get(person_id, day))
    latest: dict[int, dt.date] = {}  # one item a person, from the last violation (Điều 35.4)
    for person_id, day, _ground in facts:
        if opened.get(person_id, dt.date.min) < day:
            latest[person_id] = max(day, latest.get(person_id, day))
    title, items = str(_("Lập hồ sơ đề nghị áp dụng biện pháp đưa đi cai nghiện bắt buộc")), []
    for person_id, day in latest.items():
        regime = law.regime_on(day)
        limitation, preparer = (
            law.rule("compulsory_limitation", regime=regime),
            law.rule("compulsory_dossier_preparer", regime=regime, on=on),
        )
        limitation_ends = limitation_end(day, limitation)
        if limitation_lapsed(limitation_ends, on):
            continue
        items.append(
            person_item(
                "open_dossier",
                title,
                person_id,
                end_of_day(limitation_ends),
                str(preparer.value),
                limitation.citation,
            )
        )
    return items


def _dossier_steps(commune_id: str) -> list[DueItem]:
    """The next step of each open dossier: notify before the limitation runs out, forward after the
    reading window, follow the court on a minor's case, carry out an order."""
    dossiers = _open_dossiers(commune_id=commune_id)
    events = events_by_case(CompulsoryDossier, (dossier.pk for dossier in dossiers), "on")
    items, on = [], today()
    for dossier in dossiers:
        item = _dossier_step(dossier, events[dossier.pk], on)
        if item is not None:
            items.append(item)
    return items


@compiled_query(named=True, commune_id=str)
def _open_dossiers(commune_id: str) -> QuerySet[CompulsoryDossier]:
    """What ``_dossier_step`` reads of each open dossier (its checklist and the rest stay unread)."""
    return (
        still_open(CompulsoryDossier.objects.filter(commune_id=commune_id), DOSSIER, OPEN_DOSSIER_STATES)
        .order_by()
        .values_list(
            "pk",
            "person_id",
            "preparer_role",
            "limitation_ends",
            "limitation_rule",
            "forward_due",
            "forwarding_rule",
            "minor",
        )
    )


def _dossier_step(dossier: Any, events: list[Any], on: dt.date) -> DueItem | None:
    """The next step of ``dossier`` on the day ``on``, its ``events`` (kind, on) given in order."""
    state, role = DOSSIER.fold(e.kind for e in events), dossier.preparer_role
    lapsed = limitation_lapsed(dossier.limitation_ends, on)
    if state is DossierState.PREPARING or (state is DossierState.NOTIFIED and lapsed):
        # Notice is due before the limitation runs out; after it neither notice nor forwarding is
        # possible, and the dossier is to be closed (no deadline for that).
        kind, title = (
            ("close_dossier", _("Đóng hồ sơ đề nghị cai nghiện bắt buộc: đã hết thời hiệu"))
            if lapsed
            else (
                "notify_dossier",
                _("Hoàn thiện, thông báo hồ sơ đề nghị cai nghiện bắt buộc trước khi hết thời hiệu"),
            )
        )
        return person_item(
            kind,
            str(title),
            dossier.person_id,
            end_of_day(dossier.limitation_ends),
            role,
            dossier.limitation_rule["citation"],
            has_deadline=not lapsed,
        )
    if state is DossierState.NOTIFIED and dossier.forward_due and dossier.forwarding_rule:
        due_on = law.to_local_date(dossier.forward_due)
        recipient = law.rule("compulsory_dossier_recipient", regime=law.regime_on(due_on), on=due_on)
        forward = _("Quyết định chuyển hồ sơ đến %(body)s") % {"body": recipient.value_label}
        return person_item(
            "forward_dossier",
            forward,
            dossier.person_id,
            dossier.forward_due,
            role,
            dossier.forwarding_rule["citation"],
        )
    if state is DossierState.ACCEPTED and dossier.minor:
        accepted = max(e.on for e in events if e.kind == "accept")
        court = law.rule("minor_court_decision", regime=law.regime_on(accepted))
        due = end_of_day(law.last_day(court, accepted))
        title = _("Theo dõi: Tòa án xem xét, quyết định hồ sơ người chưa thành niên")
        return person_item("court_minor", str(title), dossier.person_id, due, role, court.citation)
    if state in (DossierState.ORDERED, DossierState.ABSCONDED):
        title = (
            _("Thi hành quyết định: đưa người vào cơ sở cai nghiện bắt buộc")
            if state is DossierState.ORDERED
            else _("Phối hợp truy tìm người bỏ trốn trước khi vào cơ sở")
        )
        since = max(e.on for e in events)
        return person_item(
            f"execute_{state.value}",
            str(title),
            dossier.person_id,
            end_of_day(since),
            role,
            "Luật 120/2025 Điều 38",
            has_deadline=False,
        )
    return None


def _minors_turning_adult(commune_id: str) -> list[DueItem]:
    """A minor in compulsory rehab who turns 18 with at least 3 months left moves to an adults'
    facility (Luật 120/2025 Điều 36.4); the law sets no deadline, the birthday is the date."""
    horizon = today() + TERM_END_NOTICE
    episodes = list(
        with_person(
            RehabEpisode.objects.filter(commune_id=commune_id, form=RehabForm.COMPULSORY_MINOR)
        ).order_by()
    )
    events_of = events_by_case(RehabEpisode, (episode.pk for episode in episodes), "on")
    items = []
    for episode in episodes:
        person, events = episode.person, events_of[episode.pk]
        if EPISODE.fold(e.kind for e in events) is not EpisodeState.IN_PROGRESS or person.birth_date is None:
            continue
        regime = law.regime_by_code(episode.regime)
        adult, remaining = (
            law.rule("adult_age", regime=regime),
            law.rule("minor_transfer_remaining", regime=regime),
        )
        birthday = person.birth_date + relativedelta(years=int(adult.value))
        if birthday > horizon or any(e.kind == EpisodeEvent.TRANSFER and e.on >= birthday for e in events):
            continue
        if effective_end(episode, events) < birthday + relativedelta(months=int(remaining.value)):
            continue
        items.append(
            DueItem(
                "transfer_adult",
                str(_("Chuyển sang cơ sở cai nghiện bắt buộc người thành niên (đã đủ 18 tuổi)")),
                person,
                end_of_day(birthday),
                "provincial_police",
                remaining.citation,
                has_deadline=False,
            )
        )
    return items


def _episode_ends(commune_id: str) -> list[DueItem]:
    """An episode reaching its term: at home or in the community the commune certifies completion
    (Luật 120/2025 Điều 32.5); a facility must report completion within its notice period
    (Điều 32.8.c, 46.2.i), so an unreported one turns overdue after that."""
    horizon = today() + TERM_END_NOTICE
    episodes = list(
        still_open(
            RehabEpisode.objects.filter(
                commune_id=commune_id, planned_end__lte=horizon, form__in=list(VOLUNTARY_FORMS)
            ),
            EPISODE,
            OPEN_EPISODE_STATES,
        ).order_by()
    )
    events_of = events_by_case(RehabEpisode, (episode.pk for episode in episodes), "on")
    items = []
    for episode in episodes:
        events = events_of[episode.pk]
        if EPISODE.fold(e.kind for e in events) is not EpisodeState.IN_PROGRESS:
            continue
        end = effective_end(episode, events)
        at_home = episode.form == RehabForm.VOLUNTARY_COMMUNITY or any(
            e.kind == EpisodeEvent.CONTINUE_AT_HOME for e in events
        )
        regime = law.regime_on(end)
        if at_home:
            registrar = law.rule("community_rehab_registrar", regime=regime)
            title = _("Xét cấp giấy chứng nhận hoàn thành cai nghiện tại gia đình, cộng đồng")
            due, role, citation = end_of_day(end), str(registrar.value), episode.term_rule["citation"]
        else:
            notice = law.rule("provider_notice", regime=regime)
            title = _("Đôn đốc cơ sở cai nghiện thông báo kết quả khi hết thời hạn")
            due = law.deadline(notice, start=end_of_day(end))
            role, citation = "commune_police", notice.citation
        items.append(person_item("episode_end", str(title), episode.person_id, due, role, citation))
    return items
