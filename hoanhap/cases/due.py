"""Due items: the deadlines the rules imply, computed from the facts each time, never stored."""

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.roles import Role
from hoanhap.cases.lifecycle import OPEN_STATES
from hoanhap.cases.models import AddictionAssessment, Aftercare, DrugTest, RehabEpisode, UserManagement
from hoanhap.cases.rehab import AftercareState, EpisodeEvent
from hoanhap.law import services as law
from hoanhap.lib.dates import now

# How far ahead the end of a management term shows up in the inbox.
TERM_END_NOTICE = relativedelta(days=30)


@dataclass(frozen=True)
class DueItem:
    kind: str
    title: str
    person: object
    due_at: dt.datetime
    responsible_role: str
    citation: str
    has_deadline: bool = True

    @property
    def role_label(self) -> str:
        return str(Role(self.responsible_role).label)

    @property
    def overdue(self) -> bool:
        return self.has_deadline and self.due_at < now()

    @property
    def escalated(self) -> bool:
        """Overdue items also go to the head of the unit."""
        return self.overdue


def due_items_for_commune(commune_id: str) -> list[DueItem]:
    items = [
        *_management_decisions(commune_id),
        *_term_ends(commune_id),
        *_registrations(commune_id),
        *_aftercare_decisions(commune_id),
        *_aftercare_ends(commune_id),
        *_assessment_referrals(commune_id),
    ]
    return sorted(items, key=lambda item: item.due_at)


def _management_decisions(commune_id: str) -> list[DueItem]:
    tests = DrugTest.objects.filter(
        commune_id=commune_id, result="positive", management__isnull=True, decision_due__isnull=False
    ).select_related("person")
    items = []
    for test in tests:
        if (
            test.decision_due is None or test.decision_rule is None
        ):  # excluded by the query; for the type checker
            continue
        regime = law.regime_by_code(test.decision_rule["regime"])
        decider = law.rule("user_management_decider", regime=regime)
        items.append(
            DueItem(
                "decide_management",
                str(_("Ra quyết định quản lý người sử dụng trái phép chất ma túy")),
                test.person,
                test.decision_due,
                str(decider.value),
                test.decision_rule["citation"],
            )
        )
    return items


def _term_ends(commune_id: str) -> list[DueItem]:
    horizon = now().date() + TERM_END_NOTICE
    managements = (
        UserManagement.objects.filter(commune_id=commune_id, ends_on__lte=horizon)
        .select_related("person")
        .prefetch_related("events")
    )
    items = []
    for management in managements:
        if management.state not in OPEN_STATES:
            continue
        decider = law.rule("management_end_decider", regime=law.regime_on(management.ends_on))
        due = dt.datetime.combine(
            management.ends_on, dt.time(23, 59, 59), tzinfo=timezone.get_current_timezone()
        )
        items.append(
            DueItem(
                "terminate_management",
                str(_("Chấm dứt quản lý khi hết thời hạn 01 năm")),
                management.person,
                due,
                str(decider.value),
                management.term_rule["citation"],
            )
        )
    return items


def _registrations(commune_id: str) -> list[DueItem]:
    """After an "addicted" result, registration for rehab or substitution treatment falls due; a
    rehab episode starting on or after the result closes it."""
    registered = RehabEpisode.objects.filter(person=OuterRef("person"), started_on__gte=OuterRef("result_on"))
    assessments = (
        AddictionAssessment.objects.filter(
            commune_id=commune_id, addicted=True, registration_due__isnull=False
        )
        .exclude(Exists(registered))
        .select_related("person")
    )
    items = []
    for assessment in assessments:
        if assessment.registration_due is None or assessment.registration_rule is None:
            continue
        registrar = law.rule(
            "community_rehab_registrar", regime=law.regime_by_code(assessment.registration_rule["regime"])
        )
        items.append(
            DueItem(
                "register_rehab",
                str(_("Đăng ký cai nghiện tự nguyện hoặc điều trị thay thế")),
                assessment.person,
                assessment.registration_due,
                str(registrar.value),
                assessment.registration_rule["citation"],
            )
        )
    return items


def _end_of_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=timezone.get_current_timezone())


def _aftercare_decisions(commune_id: str) -> list[DueItem]:
    """A completed rehab needs its post-rehab decision (NĐ 116/2021, unverified deadline)."""
    episodes = RehabEpisode.objects.filter(
        commune_id=commune_id, aftercare__isnull=True, events__kind=EpisodeEvent.COMPLETE
    ).select_related("person")
    items = []
    for episode in episodes.prefetch_related("events"):
        done = max(e.on for e in episode.events.all() if e.kind == EpisodeEvent.COMPLETE)
        regime = law.regime_on(done)
        deadline_rule, decider = (
            law.rule("aftercare_decision_deadline", regime=regime),
            law.rule("aftercare_decider", regime=regime),
        )
        due = law.deadline(deadline_rule, start=_end_of_day(done).replace(hour=8, minute=0, second=0))
        items.append(
            DueItem(
                "decide_aftercare",
                str(_("Ra quyết định quản lý sau cai nghiện")),
                episode.person,
                due,
                str(decider.value),
                deadline_rule.citation,
            )
        )
    return items


def _aftercare_ends(commune_id: str) -> list[DueItem]:
    horizon = now().date() + TERM_END_NOTICE
    aftercares = Aftercare.objects.filter(commune_id=commune_id, ends_on__lte=horizon).select_related(
        "person"
    )
    items = []
    for aftercare in aftercares.prefetch_related("events"):
        if aftercare.state is not AftercareState.ACTIVE:
            continue
        decider = law.rule("aftercare_decider", regime=law.regime_on(aftercare.ends_on))
        items.append(
            DueItem(
                "complete_aftercare",
                str(_("Cấp giấy chứng nhận chấp hành xong quản lý sau cai")),
                aftercare.person,
                _end_of_day(aftercare.ends_on),
                str(decider.value),
                aftercare.term_rule["citation"],
            )
        )
    return items


def _assessment_referrals(commune_id: str) -> list[DueItem]:
    """Someone under management used again: refer for an addiction determination (Luật 120/2025 Điều
    31.1.c). The law sets no deadline for this, so the item shows none and never turns overdue."""
    assessed = AddictionAssessment.objects.filter(
        person=OuterRef("person"), started_on__gte=OuterRef("tested_on")
    )
    tests = (
        DrugTest.objects.filter(commune_id=commune_id, assessment_rule__isnull=False)
        .annotate(tested_on=TruncDate("tested_at"))
        .exclude(Exists(assessed))
        .select_related("person")
    )
    items = []
    for test in tests:
        if test.assessment_rule is None:
            continue
        referrer = law.rule("assessment_referrer", regime=law.regime_by_code(test.assessment_rule["regime"]))
        items.append(
            DueItem(
                "refer_assessment",
                str(_("Đề nghị xác định tình trạng nghiện (tiếp tục sử dụng)")),
                test.person,
                test.tested_at,
                str(referrer.value),
                test.assessment_rule["citation"],
                has_deadline=False,
            )
        )
    return items
