"""Case use cases: each checks the rule it applies, writes, audits, and stores the rule used."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.accounts.scoping import can_write
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.cases.criminal import criminal_situation
from hoanhap.cases.lifecycle import MANAGEMENT, OPEN_STATES, Kind, State, StopReason
from hoanhap.cases.models import (
    CRITERIA,
    AddictionAssessment,
    Aftercare,
    AftercareEventRecord,
    DrugTest,
    ManagementActivity,
    ManagementEvent,
    RehabEpisode,
    RehabEventRecord,
    Sample,
    SubstitutionEventRecord,
    SubstitutionTreatment,
    UserManagement,
)
from hoanhap.cases.positive import Response, outcome_of_positive
from hoanhap.cases.rehab import (
    AFTERCARE,
    AFTERCARE_STATE_LABELS,
    COMPULSORY_FORMS,
    EPISODE_STATE_LABELS,
    OPEN_AFTERCARE_STATES,
    OPEN_EPISODE_STATES,
    SUBSTITUTION,
    SUBSTITUTION_STATE_LABELS,
    VOLUNTARY_FORMS,
    AftercareEndReason,
    AftercareEvent,
    EpisodeEvent,
    RehabForm,
    SubstitutionEvent,
    SubstitutionState,
    allowed_episode_moves,
    fold_aftercare,
    fold_episode,
)
from hoanhap.documents.services import reserve_number
from hoanhap.law import periods
from hoanhap.law import services as law
from hoanhap.law.rulebook import Regime
from hoanhap.lib.dates import age_on, now, today
from hoanhap.people.models import Person, StableResidence

TEST_FIELDS = (
    "tested_at",
    "place",
    "reason",
    "sample",
    "testing_body",
    "tester",
    "same_sex_supervision",
    "guardian_consent",
    "result",
    "substances",
    "result_received_at",
)


def _start_of_day(day: dt.date) -> dt.datetime:
    """Office hours start: the moment a paper dated ``day`` is taken to have been received."""
    return dt.datetime.combine(day, dt.time(8), tzinfo=timezone.get_current_timezone())


def _audit(actor: User, person: Person, extra: dict[str, Any]) -> None:
    record(actor, Action.CASE_WRITE, purpose=Purpose.CASE_WORK, obj=person, extra=extra)


def _check_writer(actor: User, person: Person) -> None:
    if not can_write(actor, person):
        raise PermissionDenied


def record_drug_test(actor: User, *, person: Person, data: dict[str, Any]) -> DrugTest:
    """A body drug test. A positive result starts the clock for the management decision."""
    _check_writer(actor, person)
    test = DrugTest(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        created_by=actor,
        **{k: data[k] for k in TEST_FIELDS if k in data},
    )
    _check_test(test, person)
    if test.is_positive:
        _start_follow_up(test, person)
    else:
        test.substances = []
    with transaction.atomic():
        test.save()
        _audit(actor, person, {"drug_test": str(test.uuid), "result": test.result})
    return test


def _start_follow_up(test: DrugTest, person: Person) -> None:
    """What the result leads to depends on the person's case on the day of the test
    (``cases.positive``): a management decision falls due, an addiction determination, a ground for
    compulsory rehab, or no step at the commune. The rule that decided it is stored on the test."""
    received = test.result_received_at or test.tested_at
    test.result_received_at = received
    regime = law.regime_for_decision(decided_on=law.to_local_date(received))
    outcome = outcome_of_positive(person, tested_on=law.to_local_date(test.tested_at), regime=regime)
    if outcome.response is Response.DECISION:
        test.decision_rule = outcome.rule.as_json()
        test.decision_due = law.deadline(outcome.rule, start=received)
    elif outcome.response is Response.ASSESSMENT:
        test.assessment_rule = outcome.rule.as_json()
    elif outcome.response is Response.GROUND:
        test.ground_rule = outcome.rule.as_json()
    else:
        test.no_step_rule = outcome.rule.as_json()
    if outcome.response is not Response.NOT_SENT:
        _note_criminal_point(test, person)


def _note_criminal_point(test: DrugTest, person: Person) -> None:
    """A use in a situation of Bộ luật Hình sự Điều 256a.1 may be a crime (``cases.criminal``): the
    point and the rule are stored, and the step above waits for the investigation body. Not for a
    result the law does not send to the commune (in a public facility, Luật 120/2025 Điều 23.2): the
    commune police have no step on it, criminal or administrative."""
    tested_on = law.to_local_date(test.tested_at)
    point = criminal_situation(person, tested_on)
    if point is not None:
        test.criminal_point = point
        test.criminal_rule = law.rule("criminal_use", regime=law.regime_on(tested_on)).as_json()


def _check_test(test: DrugTest, person: Person) -> None:
    if test.tested_at > now():
        raise ValidationError({"tested_at": _("Thời điểm xét nghiệm không thể ở tương lai.")})
    if test.result_received_at and test.result_received_at < test.tested_at:
        raise ValidationError({"result_received_at": _("Không thể nhận kết quả trước khi xét nghiệm.")})
    try:
        regime = law.regime_on(law.to_local_date(test.tested_at))
    except law.NoRegimeError as exc:  # an old test, before the law HoaNhap applies: refused, not a 500
        raise ValidationError({"tested_at": exc.messages}) from exc
    consent = law.rule("sample_consent_age", regime=regime)
    minor = person.birth_date and age_on(person.birth_date, test.tested_at.date()) < int(consent.value)
    if minor and test.sample != Sample.URINE and not test.guardian_consent:
        message = _(
            "Người dưới %(age)s tuổi: lấy mẫu không phải nước tiểu phải được cha, mẹ, người giám hộ "
            "đồng ý (%(c)s)."
        )
        raise ValidationError({"guardian_consent": message % {"age": consent.value, "c": consent.citation}})


def open_management(person: Person) -> UserManagement | None:
    for management in person.user_managements.prefetch_related("events"):
        if management.state in OPEN_STATES:
            return management
    return None


def decide_user_management(
    actor: User,
    *,
    person: Person,
    source_test: DrugTest,
    decided_on: dt.date,
    decision_number: str,
    signer_name: str,
    team_leader: str,
    assigned_helper: str,
    late_reason: str = "",
) -> UserManagement:
    """The management decision after a positive test: who signs it and how long it runs follow the
    regime in force on the decision date (Luật 120/2025 Điều 56)."""
    management, current = _management_to_decide(
        actor,
        person=person,
        source_test=source_test,
        decided_on=decided_on,
        decision_number=decision_number,
        signer_name=signer_name,
        team_leader=team_leader,
        assigned_helper=assigned_helper,
        late_reason=late_reason,
    )
    regime = law.regime_by_code(management.regime)
    with transaction.atomic():
        if not management.decision_number:
            management.decision_number = reserve_number(
                commune_id=person.commune_id, role=management.signer_role, on=decided_on
            )
        management.full_clean()
        if current is not None:  # the year restarts from the new decision (NĐ 105/2021 Điều 43.2)
            record_management_event(
                actor,
                management=current,
                kind=Kind.RENEW,
                on=decided_on,
                document_number=management.decision_number,
            )
        management.save()
        _audit(
            actor,
            person,
            {
                "user_management": str(management.uuid),
                "regime": regime.code,
                "late": bool(management.late_reason),
            },
        )
    return management


def preview_user_management(
    actor: User, *, person: Person, source_test: DrugTest, **data: Any
) -> UserManagement:
    """The decision as it would be made, every check applied, not saved and without a number: what
    the officer reads before the decision takes one. Reading it reads the person: audited."""
    management, _current = _management_to_decide(actor, person=person, source_test=source_test, **data)
    management.decision_number = ""
    record(
        actor,
        Action.PERSON_READ,
        purpose=Purpose.CASE_WORK,
        obj=person,
        extra={"preview": "user_management_decision"},
    )
    return management


def _management_to_decide(
    actor: User,
    *,
    person: Person,
    source_test: DrugTest,
    decided_on: dt.date,
    decision_number: str,
    signer_name: str,
    team_leader: str,
    assigned_helper: str,
    late_reason: str = "",
) -> tuple[UserManagement, UserManagement | None]:
    _check_writer(actor, person)
    if source_test.person_id != person.pk or not source_test.is_positive:
        raise ValidationError(
            _("Quyết định quản lý phải dựa trên một kết quả xét nghiệm dương tính của người này.")
        )
    if hasattr(source_test, "management"):
        raise ValidationError(_("Đã có quyết định quản lý cho kết quả xét nghiệm này."))
    _check_leads_to_decision(source_test)
    if not source_test.tested_at.date() <= decided_on <= today():
        raise ValidationError({"decided_on": _("Ngày quyết định phải từ ngày xét nghiệm đến hôm nay.")})
    regime = law.regime_for_decision(decided_on=decided_on)
    current = open_management(person)
    if current is not None and (
        source_test.decision_rule is None or source_test.tested_at.date() < current.decided_on
    ):
        response = law.rule("repeated_use_response", regime=regime)
        message = _(
            "Người này đang bị quản lý theo một quyết định khác còn hiệu lực; việc tiếp tục sử dụng "
            "được xử lý theo %(c)s."
        )
        raise ValidationError(message % {"c": response.citation})
    late_reason = _check_late(source_test, decided_on, late_reason)
    term = law.rule("user_management_term", regime=regime)
    signer = law.rule("user_management_decider", regime=regime)
    management = UserManagement(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        source_test=source_test,
        regime=regime.code,
        decision_number=decision_number.strip(),
        decided_on=decided_on,
        signer_role=str(signer.value),
        signer_name=signer_name.strip(),
        term_rule=term.as_json(),
        ends_on=law.last_day(term, decided_on),
        team_leader=team_leader.strip(),
        assigned_helper=assigned_helper.strip(),
        late_reason=late_reason,
        created_by=actor,
    )
    return management, current


def _check_late(test: DrugTest, decided_on: dt.date, reason: str) -> str:
    """A decision after its deadline is still made (the person must be managed), but with the
    reason it came late, which the record keeps; one in time keeps none."""
    if test.decision_due is None or decided_on <= law.to_local_date(test.decision_due):
        return ""
    if not reason.strip():
        citation = test.decision_rule["citation"] if test.decision_rule else ""
        day = f"{law.to_local_date(test.decision_due):%d/%m/%Y}"
        message = _("Quyết định ra sau thời hạn %(d)s (%(c)s): hãy ghi lý do.")
        raise ValidationError({"late_reason": message % {"d": day, "c": citation}})
    return reason.strip()


def _check_leads_to_decision(test: DrugTest) -> None:
    """A result that the law sends elsewhere (an addiction determination, a ground for compulsory
    rehab, no step at the commune) is not the basis of a management decision (``cases.positive``). A
    result with the investigation body is: the decision of Luật 120/2025 Điều 24.4.a has no criminal
    exception (management "không phải là biện pháp xử lý hành chính", Điều 24.1; custody suspends it,
    Điều 24.7), unlike the steps of Điều 31.1.c–d and 35.1, which ``cases.criminal`` holds."""
    if test.decision_rule is not None:
        return
    other = test.assessment_rule or test.ground_rule or test.no_step_rule
    if other is not None:
        applied = law.AppliedRule(**other)
        message = _("Kết quả xét nghiệm này không dẫn đến quyết định quản lý: %(what)s (%(c)s).")
        raise ValidationError(message % {"what": applied.value_label, "c": applied.citation})


def record_management_event(
    actor: User,
    *,
    management: UserManagement,
    kind: str,
    on: dt.date,
    stop_reason: str = "",
    document_number: str = "",
) -> ManagementEvent:
    """Suspend, resume, stop or terminate a management: only the moves ``lifecycle.TRANSITIONS``
    allows from the current state, on a date in order."""
    _check_writer(actor, management.person)
    with transaction.atomic():
        locked = UserManagement.objects.select_for_update().get(pk=management.pk)
        events = list(locked.events.all())
        state = locked.state
        _check_move(locked, state, Kind(kind), on, events, stop_reason)
        regime = law.regime_for_decision(decided_on=on)
        signer = law.rule("management_end_decider", regime=regime) if kind != Kind.RESUME else None
        event = ManagementEvent.objects.create(
            management=locked,
            kind=kind,
            on=on,
            stop_reason=stop_reason if kind == Kind.STOP else "",
            document_number=document_number.strip(),
            signer_role=str(signer.value) if signer else "",
            rule=signer.as_json() if signer else None,
            created_by=actor,
        )
        _audit(actor, locked.person, {"user_management": str(locked.uuid), "event": kind})
    return event


def record_management_activity(
    actor: User, *, management: UserManagement, on: dt.date, kind: str, by: str, note: str = ""
) -> ManagementActivity:
    """An activity of the management year; a residence check resets the monthly clock (Nghị định
    105/2021 Điều 47.1)."""
    _check_writer(actor, management.person)
    if management.state not in OPEN_STATES:
        raise ValidationError(_("Quyết định quản lý này đã kết thúc."))
    _check_in_order(on, management.decided_on)
    activity = ManagementActivity(
        management=management, on=on, kind=kind, by=by.strip(), note=note.strip(), created_by=actor
    )
    activity.full_clean()
    with transaction.atomic():
        activity.save()
        _audit(actor, management.person, {"user_management": str(management.uuid), "activity": kind})
    return activity


def _check_in_order(on: dt.date, earliest: dt.date) -> None:
    """Events are recorded in the order they happened, never in the future."""
    if not earliest <= on <= today():
        raise ValidationError({"on": _("Ngày phải từ %(d)s đến hôm nay.") % {"d": f"{earliest:%d/%m/%Y}"}})


def _check_move(
    management: UserManagement,
    state: State,
    kind: Kind,
    on: dt.date,
    events: list[ManagementEvent],
    reason: str,
) -> None:
    if not MANAGEMENT.allows(state, kind):
        raise ValidationError(
            _(
                "Không thể “%(move)s” khi quản lý đang ở trạng thái “%(state)s” (Luật 120/2025 Điều 24.5–7; "
                "Nghị định 105/2021 Điều 48)."
            )
            % {"move": kind.label, "state": state.value}
        )
    _check_in_order(on, events[-1].on if events else management.decided_on)
    if kind == Kind.STOP and not reason:
        raise ValidationError({"stop_reason": _("Hãy chọn lý do dừng quản lý.")})
    first_day_after = law.first_day_after(management.ends_on)
    if kind == Kind.TERMINATE and on < first_day_after:
        citation = f"{management.term_rule['citation']}; {law.CIVIL_CODE_PERIODS}"
        raise ValidationError(
            {
                "on": _("Chỉ chấm dứt khi hết thời hạn quản lý 01 năm, từ ngày %(d)s (%(citation)s).")
                % {"d": f"{first_day_after:%d/%m/%Y}", "citation": citation}
            }
        )


ASSESSMENT_FIELDS = (
    "trigger",
    "requesting_unit",
    "health_facility",
    "started_on",
    "result_on",
    "substance_class",
    "criteria",
    "result_number",
)


def record_assessment(actor: User, *, person: Person, data: dict[str, Any]) -> AddictionAssessment:
    """The result of an addiction determination. Addicted when at least the threshold of the six
    criteria hold (TT 18/2021/TT-BYT Điều 3); then user management stops (Luật 120/2025 Điều 24.5.a)
    and the registration for rehab or substitution treatment falls due."""
    _check_writer(actor, person)
    assessment = AddictionAssessment(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        created_by=actor,
        **{k: data[k] for k in ASSESSMENT_FIELDS if k in data},
    )
    _check_assessment(assessment)
    regime = law.regime_for_decision(decided_on=assessment.result_on)
    threshold = law.rule("addiction_criteria_threshold", regime=regime)
    assessment.addicted = len(set(assessment.criteria)) >= int(threshold.value)
    assessment.threshold_rule = threshold.as_json()
    if law.has_rule("assessment_validity", regime=regime):  # Luật 120/2025 Điều 31.1.b only
        validity = law.rule("assessment_validity", regime=regime)
        assessment.valid_until = law.last_day(validity, assessment.result_on)
    if assessment.addicted and _must_register(person, assessment.result_on, regime):
        registration = law.rule("registration_after_addicted", regime=regime)
        assessment.registration_rule = registration.as_json()
        assessment.registration_due = law.deadline(registration, start=_start_of_day(assessment.result_on))
    with transaction.atomic():
        assessment.save()
        if assessment.addicted:
            _stop_management_of_addicted(actor, person, assessment.result_on)
            _end_aftercare_of_relapsed(actor, person, assessment.result_on)
        else:
            _decision_after_not_addicted(person, assessment.result_on)
        _audit(actor, person, {"assessment": str(assessment.uuid), "addicted": assessment.addicted})
    return assessment


def _must_register(person: Person, on: dt.date, regime: Regime) -> bool:
    """Found addicted, a person registers for rehab or substitution treatment, except, under Luật 73,
    someone under post-rehab management, whose relapse is a ground for compulsory rehab instead."""
    aftercare = open_aftercare(person)
    if aftercare is None or aftercare.starts_on > on:
        return True
    return law.rule("registration_after_aftercare_relapse", regime=regime).value != "not_required"


def _check_assessment(assessment: AddictionAssessment) -> None:
    if not assessment.started_on <= assessment.result_on <= today():
        raise ValidationError({"result_on": _("Ngày có kết quả phải từ ngày bắt đầu đến hôm nay.")})
    unknown = set(assessment.criteria) - {code for code, _label in CRITERIA}
    if unknown:
        raise ValidationError({"criteria": _("Tiêu chí không hợp lệ.")})


def _decision_after_not_addicted(person: Person, on: dt.date) -> None:
    """Someone under management who used again and is found not addicted: a new decision, the year
    counted again from it (Nghị định 105/2021 Điều 43.2), falls due on the result; the referred test
    is its basis."""
    current = open_management(person)
    if current is None or current.decided_on > on:
        return
    regime = law.regime_for_decision(decided_on=on)
    response = law.rule("not_addicted_under_management", regime=regime)
    if response.value != "new_decision":
        return
    referred = (
        person.drug_tests.filter(
            assessment_rule__isnull=False,
            decision_rule__isnull=True,
            tested_at__date__gte=current.decided_on,
            tested_at__date__lte=on,
        )
        .order_by("-tested_at")
        .first()
    )
    if referred is None:
        return
    applied = law.rule("user_management_decision", regime=regime)
    referred.decision_rule = {**applied.as_json(), "citation": f"{response.citation}; {applied.citation}"}
    referred.decision_due = law.deadline(applied, start=_start_of_day(on))
    referred.save(update_fields=["decision_rule", "decision_due"])


def _end_aftercare_of_relapsed(actor: User, person: Person, on: dt.date) -> None:
    """Relapse: out of the post-rehab list (Luật 120/2025 Điều 48.4.b); an adult then faces the
    compulsory-rehab dossier (Điều 35.1.d), which the commune opens."""
    aftercare = open_aftercare(person)
    if aftercare is not None and aftercare.starts_on <= on:
        record_aftercare_event(
            actor, aftercare=aftercare, kind=AftercareEvent.END, on=on, end_reason=AftercareEndReason.ADDICTED
        )


def _stop_management_of_addicted(actor: User, person: Person, on: dt.date) -> None:
    management = open_management(person)
    if management is not None and management.decided_on <= on:
        record_management_event(
            actor, management=management, kind=Kind.STOP, on=on, stop_reason=StopReason.ADDICTED
        )


def register_voluntary_rehab(
    actor: User,
    *,
    person: Person,
    form: str,
    started_on: dt.date,
    intake_record_number: str,
    provider: str,
    guardian_confirmed: bool = False,
    term_months: int | None = None,
) -> RehabEpisode:
    """Voluntary rehab from the intake record (Luật 120/2025 Điều 32.5): the term is that of the regime
    in force on the start date (Điều 56) and depends on whether this is the person's first rehab."""
    _check_writer(actor, person)
    regime = law.regime_for_rehab_term(started_on=started_on)
    _check_registration(person, RehabForm(form), started_on, guardian_confirmed, regime)
    assessment = _valid_assessment(person, started_on, regime)
    number = person.prior_rehab_count + person.rehab_episodes.count() + 1
    term, months = _rehab_term(regime, number, term_months)
    episode = RehabEpisode(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        form=form,
        episode_number=number,
        regime=regime.code,
        started_on=started_on,
        intake_record_number=intake_record_number.strip(),
        provider=provider.strip(),
        guardian_confirmed=guardian_confirmed,
        source_assessment=assessment,
        term_rule=term.as_json(),
        term_months=months,
        planned_end=periods.last_day_in_months(started_on, months),
        created_by=actor,
    )
    with transaction.atomic():
        episode.save()
        _audit(actor, person, {"rehab_episode": str(episode.uuid), "form": form, "regime": regime.code})
    return episode


def _check_registration(person: Person, form: RehabForm, on: dt.date, guardian: bool, regime: Regime) -> None:
    if form not in VOLUNTARY_FORMS:
        raise ValidationError({"form": _("Cai nghiện bắt buộc chỉ bắt đầu theo quyết định của Tòa án.")})
    if form == RehabForm.VOLUNTARY_PRIVATE_PARTIAL and not law.has_rule(
        "partial_private_min_stages", regime=regime
    ):
        # The citation of the first regime that has the form, read from the rulebook.
        since = next(r for r in law.REGIMES if law.has_rule("partial_private_min_stages", regime=r))
        basis = law.rule("partial_private_min_stages", regime=since).citation
        message = _("Cai nghiện một phần tại cơ sở tư nhân, tiếp tục tại gia đình chỉ có từ %(c)s.")
        raise ValidationError({"form": message % {"c": f"{basis} ({since.starts:%d/%m/%Y})"}})
    if not on <= today():
        raise ValidationError({"started_on": _("Ngày tiếp nhận không thể ở tương lai.")})
    if any(e.state in OPEN_EPISODE_STATES for e in person.rehab_episodes.prefetch_related("events")):
        raise ValidationError(_("Người này đang trong một đợt cai nghiện chưa kết thúc."))
    if person.birth_date:
        age = age_on(person.birth_date, on)
        minimum, adult = law.rule("rehab_min_age", regime=regime), law.rule("adult_age", regime=regime)
        if age < int(minimum.value):
            raise ValidationError(
                _("Chỉ áp dụng cai nghiện từ đủ %(n)s tuổi (%(c)s).")
                % {"n": minimum.value, "c": minimum.citation}
            )
        if age < int(adult.value) and not guardian:
            raise ValidationError(
                {
                    "guardian_confirmed": _(
                        "Người chưa thành niên: cam kết phải có xác nhận của cha, mẹ, người giám hộ "
                        "(Luật 120/2025 Điều 32.4, 34.2.b)."
                    )
                }
            )
    if person.stable_residence == StableResidence.NONE and law.has_rule(
        "no_residence_rehab_form", regime=regime
    ):
        required = law.rule("no_residence_rehab_form", regime=regime)
        if form != required.value:
            message = _(
                "Người không có nơi cư trú ổn định phải cai nghiện tự nguyện tại cơ sở công lập (%(c)s)."
            )
            raise ValidationError({"form": message % {"c": required.citation}})


def _valid_assessment(person: Person, on: dt.date, regime: Regime) -> AddictionAssessment:
    """The "addicted" result a registration rests on. Under Luật 120/2025 it must be under six months
    old on the registration day (Điều 31.1.b); Luật 73/2021 set no such limit."""
    latest = person.assessments.filter(addicted=True, result_on__lte=on).order_by("-result_on").first()
    if not law.has_rule("assessment_validity", regime=regime):
        if latest is None:
            raise ValidationError(_("Cần kết quả xác định là nghiện ma túy trước khi đăng ký."))
        return latest
    validity = law.rule("assessment_validity", regime=regime)
    if latest is None or law.last_day(validity, latest.result_on) < on:
        raise ValidationError(
            _(
                "Cần kết quả xác định tình trạng nghiện còn hiệu lực (trong %(n)s tháng, %(c)s) "
                "trước khi đăng ký."
            )
            % {"n": validity.value, "c": validity.citation}
        )
    return latest


def _rehab_term(
    regime: Regime, number: int, chosen: int | None, *, range_code: str = "rehab_term_voluntary"
) -> tuple[law.AppliedRule, int]:
    """Luật 120/2025 Điều 29.1: one term for every form, by first or repeated rehab. Before it, a
    range by form (``range_code``) that the decision chose within."""
    if law.has_rule("rehab_term_first", regime=regime):
        term = law.rule("rehab_term_first" if number == 1 else "rehab_term_repeat", regime=regime)
        return term, int(term.value)
    term = law.rule(range_code, regime=regime)
    if chosen is None or not int(term.value) <= chosen <= int(term.max_value or term.value):
        raise ValidationError(
            {
                "term_months": _("Thời hạn phải từ %(a)s đến %(b)s tháng (%(c)s).")
                % {"a": term.value, "b": term.max_value, "c": term.citation}
            }
        )
    return term, chosen


def record_rehab_event(
    actor: User,
    *,
    episode: RehabEpisode,
    kind: str,
    on: dt.date,
    stage: int | None = None,
    exit_reason: str = "",
    document_number: str = "",
    note: str = "",
) -> RehabEventRecord:
    """A stage done, an interruption by prison and the return, completion with its certificate, an
    early exit, and in a facility serving a court order: escape, suspension, transfer. Only the moves
    ``rehab.allowed_episode_moves`` offers for the episode's form and state."""
    _check_writer(actor, episode.person)
    with transaction.atomic():
        locked = RehabEpisode.objects.select_for_update().get(pk=episode.pk)
        events = list(locked.events.all())
        _check_episode_move(locked, EpisodeEvent(kind), on, events, stage, exit_reason, note)
        signer = _episode_signer(locked, EpisodeEvent(kind), on, events)
        event = RehabEventRecord.objects.create(
            episode=locked,
            kind=kind,
            on=on,
            stage=stage if kind == EpisodeEvent.STAGE_DONE else None,
            exit_reason=exit_reason if kind == EpisodeEvent.EXIT else "",
            document_number=document_number.strip(),
            note=note.strip(),
            signer_role=str(signer.value) if signer else "",
            rule=signer.as_json() if signer else None,
            created_by=actor,
        )
        if kind == EpisodeEvent.TRANSFER:  # the facility the person is now in
            locked.provider = note.strip()
            locked.save(update_fields=["provider"])
        _audit(actor, locked.person, {"rehab_episode": str(locked.uuid), "event": kind})
    return event


def effective_end(episode: RehabEpisode, events: list[RehabEventRecord]) -> dt.date:
    """The planned end pushed back by the time spent in prison (Luật 120/2025 Điều 47.1) or on the
    run; time suspended for illness counts (Điều 39)."""
    paused = _paused_days(events, EpisodeEvent.INTERRUPT, EpisodeEvent.RESUME)
    paused += _paused_days(events, EpisodeEvent.ESCAPE, EpisodeEvent.RETURN)
    return episode.planned_end + dt.timedelta(days=paused)


def _check_episode_move(
    episode: RehabEpisode,
    kind: EpisodeEvent,
    on: dt.date,
    events: list[RehabEventRecord],
    stage: int | None,
    reason: str,
    note: str,
) -> None:
    state = fold_episode(e.kind for e in events)
    if kind not in allowed_episode_moves(state, episode.form):
        raise ValidationError(
            _("Không thể “%(move)s” khi đợt cai nghiện đang “%(state)s” (Luật 120/2025 Điều 29, 47).")
            % {"move": kind.label, "state": EPISODE_STATE_LABELS[state]}
        )
    _check_in_order(on, events[-1].on if events else episode.started_on)
    done = {e.stage for e in events if e.kind == EpisodeEvent.STAGE_DONE and e.stage is not None}
    if kind == EpisodeEvent.STAGE_DONE and (stage is None or stage in done or stage != len(done) + 1):
        raise ValidationError(
            {
                "stage": _("Các giai đoạn hoàn thành lần lượt; giai đoạn tiếp theo là %(n)s.")
                % {"n": len(done) + 1}
            }
        )
    if kind == EpisodeEvent.EXIT and not reason:
        raise ValidationError({"exit_reason": _("Hãy chọn lý do chấm dứt.")})
    if kind == EpisodeEvent.TRANSFER and not note.strip():
        raise ValidationError({"note": _("Hãy ghi tên cơ sở chuyển đến.")})
    if kind == EpisodeEvent.CONTINUE_AT_HOME:
        _check_partial(episode, done)
    if kind == EpisodeEvent.COMPLETE:
        _check_completion(episode, on, events, done)


def _check_partial(episode: RehabEpisode, done: set[int]) -> None:
    minimum = law.rule("partial_private_min_stages", regime=law.regime_by_code(episode.regime))
    if not set(range(1, int(minimum.value) + 1)) <= done:
        raise ValidationError(
            _("Phải hoàn thành ít nhất %(n)s giai đoạn đầu tại cơ sở (%(c)s).")
            % {"n": minimum.value, "c": minimum.citation}
        )


def _check_completion(
    episode: RehabEpisode, on: dt.date, events: list[RehabEventRecord], done: set[int]
) -> None:
    regime = law.regime_by_code(episode.regime)
    code = "compulsory_required_stages" if episode.form in COMPULSORY_FORMS else "voluntary_required_stages"
    required = law.rule(code, regime=regime)
    if not set(range(1, int(required.value) + 1)) <= done:
        raise ValidationError(
            _("Chưa hoàn thành đủ %(n)s giai đoạn (%(c)s).") % {"n": required.value, "c": required.citation}
        )
    end = effective_end(episode, events)
    if on < end:
        raise ValidationError(
            {
                "on": _("Chưa hết thời hạn cai nghiện: đến %(d)s (%(c)s).")
                % {"d": f"{end:%d/%m/%Y}", "c": episode.term_rule["citation"]}
            }
        )


def _episode_signer(
    episode: RehabEpisode, kind: EpisodeEvent, on: dt.date, events: list[RehabEventRecord]
) -> law.AppliedRule | None:
    """Who signs the paper this event records: the completion certificate is the commune's for home
    or community rehab (Luật 120/2025 Điều 32.5), the facility's otherwise (Điều 33, 34.4, 35.5,
    36.5); a search order for an escapee is the facility head's (Điều 46.2.đ)."""
    regime = law.regime_for_decision(decided_on=on)
    if kind == EpisodeEvent.ESCAPE:
        return law.rule("escape_search_decider", regime=regime)
    if kind != EpisodeEvent.COMPLETE:
        return None
    at_home = episode.form == RehabForm.VOLUNTARY_COMMUNITY or any(
        e.kind == EpisodeEvent.CONTINUE_AT_HOME for e in events
    )
    code = "community_rehab_registrar" if at_home else "facility_certificate_signer"
    return law.rule(code, regime=regime)


def completion_date(episode: RehabEpisode) -> dt.date | None:
    return next((e.on for e in episode.events.all() if e.kind == EpisodeEvent.COMPLETE), None)


def decide_aftercare(
    actor: User,
    *,
    episode: RehabEpisode | None = None,
    treatment: SubstitutionTreatment | None = None,
    decided_on: dt.date,
    decision_number: str,
    signer_name: str,
    assigned_helper: str,
) -> Aftercare:
    """Post-rehab management from the completion date of a rehab episode or of substitution
    treatment: 1 year, 2 after an adult's compulsory rehab (Luật 120/2025 Điều 42.1–2); the commune
    chairman decides (Điều 42.6)."""
    source = episode or treatment
    if source is None or (episode and treatment):
        raise ValueError("decide_aftercare needs exactly one of episode, treatment")
    person = source.person
    _check_writer(actor, person)
    if episode is not None:
        completed = completion_date(episode)
    else:
        completed = treatment_completion_date(treatment) if treatment else None
    if completed is None:
        raise ValidationError(
            _("Chỉ quản lý sau cai nghiện khi đã hoàn thành cai nghiện hoặc điều trị thay thế.")
        )
    if hasattr(source, "aftercare"):
        raise ValidationError(_("Đã có quyết định quản lý sau cai nghiện cho lần này."))
    if not completed <= decided_on <= today():
        raise ValidationError(
            {"decided_on": _("Ngày quyết định phải từ ngày hoàn thành cai nghiện đến hôm nay.")}
        )
    regime = law.regime_for_decision(decided_on=decided_on)
    adult_compulsory = episode is not None and episode.form == RehabForm.COMPULSORY_ADULT
    code = "aftercare_term_adult_compulsory" if adult_compulsory else "aftercare_term"
    term, signer = law.rule(code, regime=regime), law.rule("aftercare_decider", regime=regime)
    aftercare = Aftercare(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        source_episode=episode,
        source_treatment=treatment,
        regime=regime.code,
        decision_number=decision_number.strip(),
        decided_on=decided_on,
        starts_on=completed,
        signer_role=str(signer.value),
        signer_name=signer_name.strip(),
        term_rule=term.as_json(),
        ends_on=law.last_day(term, completed),
        assigned_helper=assigned_helper.strip(),
        created_by=actor,
    )
    with transaction.atomic():
        if not aftercare.decision_number:
            aftercare.decision_number = reserve_number(
                commune_id=person.commune_id, role=aftercare.signer_role, on=decided_on
            )
        aftercare.full_clean()
        aftercare.save()
        _audit(actor, person, {"aftercare": str(aftercare.uuid), "regime": regime.code})
    return aftercare


def record_aftercare_event(
    actor: User,
    *,
    aftercare: Aftercare,
    kind: str,
    on: dt.date,
    end_reason: str = "",
    document_number: str = "",
) -> AftercareEventRecord:
    _check_writer(actor, aftercare.person)
    with transaction.atomic():
        locked = Aftercare.objects.select_for_update().get(pk=aftercare.pk)
        events = list(locked.events.all())
        _check_aftercare_move(locked, AftercareEvent(kind), on, events, end_reason)
        # Removal from the list before the term is the commune police's (Luật 120/2025 Điều 48.4).
        signer_rule = "aftercare_removal" if kind == AftercareEvent.END else "aftercare_decider"
        signer = law.rule(signer_rule, regime=law.regime_for_decision(decided_on=on))
        event = AftercareEventRecord.objects.create(
            aftercare=locked,
            kind=kind,
            on=on,
            end_reason=end_reason if kind == AftercareEvent.END else "",
            document_number=document_number.strip(),
            signer_role=str(signer.value),
            created_by=actor,
        )
        _audit(actor, locked.person, {"aftercare": str(locked.uuid), "event": kind})
    return event


def _check_aftercare_move(
    aftercare: Aftercare, kind: AftercareEvent, on: dt.date, events: list[AftercareEventRecord], reason: str
) -> None:
    state = fold_aftercare(e.kind for e in events)
    if not AFTERCARE.allows(state, kind):
        raise ValidationError(
            _("Không thể “%(move)s” khi đang “%(state)s” (Luật 120/2025 Điều 42, 47.1, 48.4).")
            % {"move": kind.label, "state": AFTERCARE_STATE_LABELS[state]}
        )
    _check_in_order(on, events[-1].on if events else aftercare.starts_on)
    if kind == AftercareEvent.END and not reason:
        raise ValidationError({"end_reason": _("Hãy chọn lý do đưa ra khỏi danh sách.")})
    if kind == AftercareEvent.COMPLETE:
        paused = _paused_days(events, AftercareEvent.INTERRUPT, AftercareEvent.RESUME)
        end = aftercare.ends_on + dt.timedelta(days=paused)
        if on < law.first_day_after(end):
            raise ValidationError(
                {
                    "on": _("Chưa hết thời hạn quản lý sau cai nghiện: đến %(d)s (%(c)s).")
                    % {"d": f"{end:%d/%m/%Y}", "c": aftercare.term_rule["citation"]}
                }
            )


def _paused_days(events: list[Any], pause: str, resume: str) -> int:
    paused, since = 0, None
    for event in events:
        if event.kind == pause:
            since = event.on
        elif event.kind == resume and since is not None:
            paused += (event.on - since).days
            since = None
    return paused


def open_aftercare(person: Person) -> Aftercare | None:
    for aftercare in person.aftercares.prefetch_related("events"):
        if aftercare.state in OPEN_AFTERCARE_STATES:
            return aftercare
    return None


def treatment_completion_date(treatment: SubstitutionTreatment) -> dt.date | None:
    return next((e.on for e in treatment.events.all() if e.kind == SubstitutionEvent.COMPLETE), None)


def open_treatment(person: Person) -> SubstitutionTreatment | None:
    for treatment in person.substitution_treatments.prefetch_related("events"):
        if treatment.state is SubstitutionState.ON_TREATMENT:
            return treatment
    return None


def enrol_substitution(
    actor: User,
    *,
    person: Person,
    clinic: str,
    patient_code: str,
    enrolled_on: dt.date,
    medication: str = "Methadone",
) -> SubstitutionTreatment:
    """Enrolment in substitution treatment, which stands in for registering for voluntary rehab
    (Luật 120/2025 Điều 31.6). It closes the registration item of an "addicted" result."""
    _check_writer(actor, person)
    if enrolled_on > today():
        raise ValidationError({"enrolled_on": _("Ngày bắt đầu điều trị không thể ở tương lai.")})
    if open_treatment(person) is not None:
        raise ValidationError(_("Người này đang điều trị bằng thuốc thay thế."))
    if any(e.state in OPEN_EPISODE_STATES for e in person.rehab_episodes.prefetch_related("events")):
        raise ValidationError(_("Người này đang trong một đợt cai nghiện chưa kết thúc."))
    treatment = SubstitutionTreatment(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        clinic=clinic.strip(),
        patient_code=patient_code.strip(),
        enrolled_on=enrolled_on,
        medication=medication.strip() or "Methadone",
        source_assessment=person.assessments.filter(addicted=True, result_on__lte=enrolled_on)
        .order_by("-result_on")
        .first(),
        created_by=actor,
    )
    treatment.full_clean()
    with transaction.atomic():
        treatment.save()
        _audit(actor, person, {"substitution": str(treatment.uuid)})
    return treatment


def record_substitution_event(
    actor: User, *, treatment: SubstitutionTreatment, kind: str, on: dt.date, document_number: str = ""
) -> SubstitutionEventRecord:
    """Completion, quitting, or expulsion for violations; the last two are grounds for compulsory
    rehab (Luật 120/2025 Điều 35.1.c, 36.1.c)."""
    _check_writer(actor, treatment.person)
    with transaction.atomic():
        locked = SubstitutionTreatment.objects.select_for_update().get(pk=treatment.pk)
        events = list(locked.events.all())
        state = locked.state
        move = SubstitutionEvent(kind)
        if not SUBSTITUTION.allows(state, move):
            raise ValidationError(
                _("Không thể “%(move)s” khi “%(state)s” (Luật 120/2025 Điều 31.6, 35.1.c, 42.1).")
                % {"move": move.label, "state": SUBSTITUTION_STATE_LABELS[state]}
            )
        _check_in_order(on, events[-1].on if events else locked.enrolled_on)
        event = SubstitutionEventRecord.objects.create(
            treatment=locked, kind=kind, on=on, document_number=document_number.strip(), created_by=actor
        )
        _audit(actor, locked.person, {"substitution": str(locked.uuid), "event": kind})
    return event
