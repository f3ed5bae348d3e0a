"""The populations indicators count: sets of people defined by dated facts, as SQL.

Each population is a query of person ids for a period: "as of the end" populations hold on the last
day (a case open then: started on or before it, not closed by an event on or before it); "during"
populations had a fact dated within the period. Indicators are counts of distinct people over these
sets and their intersections, grouped by the commune of the person's record: set-based SQL, never a
loop over people.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from hoanhap.cases.lifecycle import Kind as ManagementKind
from hoanhap.cases.models import (
    AddictionAssessment,
    Aftercare,
    AftercareEventRecord,
    DrugTest,
    ManagementActivity,
    ManagementEvent,
    RehabEpisode,
    RehabEventRecord,
    SubstitutionEventRecord,
    SubstitutionTreatment,
    UserManagement,
)
from hoanhap.cases.rehab import AftercareEvent, EpisodeEvent, SubstitutionEvent
from hoanhap.prevention.models import Intervention, InterventionKind, Screening
from hoanhap.support.models import ServiceKind, SupportService


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Population:
    code: str
    label: object
    people: Callable[[Period], list[QuerySet]]  # queries of person ids; a person in any is in it

    def q(self, period: Period) -> Q:
        """Membership as a condition on Person: set-based, one subquery per source."""
        condition = Q(pk__in=[])
        for rows in self.people(period):
            condition |= Q(pk__in=rows)
        return condition


def _closed_by(events, kinds, day: dt.date, fk: str) -> Exists:
    return Exists(events.objects.filter(**{fk: OuterRef("pk")}, kind__in=kinds, on__lte=day))


def _managed(p: Period) -> list[QuerySet]:
    closing = [ManagementKind.STOP, ManagementKind.TERMINATE, ManagementKind.RENEW]
    return [
        UserManagement.objects.filter(decided_on__lte=p.end, ends_on__gte=p.end)
        .exclude(_closed_by(ManagementEvent, closing, p.end, "management"))
        .values_list("person_id")
    ]


def _addicted(p: Period) -> list[QuerySet]:
    return [AddictionAssessment.objects.filter(addicted=True, result_on__lte=p.end).values_list("person_id")]


def _aftercare(p: Period) -> list[QuerySet]:
    closing = [AftercareEvent.COMPLETE, AftercareEvent.END]
    return [
        Aftercare.objects.filter(starts_on__lte=p.end, ends_on__gte=p.end)
        .exclude(_closed_by(AftercareEventRecord, closing, p.end, "aftercare"))
        .values_list("person_id")
    ]


def _episodes_open(p: Period) -> QuerySet:
    closing = [EpisodeEvent.COMPLETE, EpisodeEvent.EXIT]
    return RehabEpisode.objects.filter(started_on__lte=p.end).exclude(
        _closed_by(RehabEventRecord, closing, p.end, "episode")
    )


def _in_rehab(p: Period) -> list[QuerySet]:
    return [_episodes_open(p).values_list("person_id")]


FACILITY_FORMS = Q(form__startswith="compulsory") | Q(form__in=["voluntary_public", "voluntary_private"])


def _in_facility_rehab(p: Period) -> list[QuerySet]:
    return [_episodes_open(p).filter(FACILITY_FORMS).values_list("person_id")]


def _in_home_rehab(p: Period) -> list[QuerySet]:
    return [_episodes_open(p).filter(form="voluntary_community").values_list("person_id")]


def _on_substitution(p: Period) -> list[QuerySet]:
    closing = [SubstitutionEvent.COMPLETE, SubstitutionEvent.QUIT, SubstitutionEvent.EXPEL]
    return [
        SubstitutionTreatment.objects.filter(enrolled_on__lte=p.end)
        .exclude(_closed_by(SubstitutionEventRecord, closing, p.end, "treatment"))
        .values_list("person_id")
    ]


def _treated(p: Period) -> list[QuerySet]:
    """An active or completed rehab episode or substitution treatment, started by the end."""
    return [
        RehabEpisode.objects.filter(started_on__lte=p.end).values_list("person_id"),
        SubstitutionTreatment.objects.filter(enrolled_on__lte=p.end).values_list("person_id"),
    ]


def _completed(p: Period) -> list[QuerySet]:
    """Completed voluntary or compulsory rehab, or substitution treatment, within the period."""
    episodes = RehabEventRecord.objects.filter(kind=EpisodeEvent.COMPLETE, on__range=(p.start, p.end))
    treatments = SubstitutionEventRecord.objects.filter(
        kind=SubstitutionEvent.COMPLETE, on__range=(p.start, p.end)
    )
    return [episodes.values_list("episode__person_id"), treatments.values_list("treatment__person_id")]


def _aftercare_decided(p: Period) -> list[QuerySet]:
    return [Aftercare.objects.filter(decided_on__range=(p.start, p.end)).values_list("person_id")]


def _counselled(p: Period) -> list[QuerySet]:
    """Counselled during the period: by the management team, the health station or a support service."""
    team = ManagementActivity.objects.filter(kind="counselling", on__range=(p.start, p.end)).values_list(
        "management__person_id"
    )
    health = Intervention.objects.filter(
        kind__in=[InterventionKind.COUNSELLING, InterventionKind.BRIEF], given_on__range=(p.start, p.end)
    ).values_list("person_id")
    service = (
        SupportService.objects.filter(kind=ServiceKind.COUNSELLING, starts_on__lte=p.end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=p.start))
        .values_list("person_id")
    )
    return [team, health, service]


def _informed(p: Period) -> list[QuerySet]:
    """Given information on policy, law or services during the period, as far as it is recorded: the
    counselling above, or health advice from the health station."""
    advice = Intervention.objects.filter(
        kind=InterventionKind.ADVICE, given_on__range=(p.start, p.end)
    ).values_list("person_id")
    return [*_counselled(p), advice]


def _services(kinds: list[str] | None) -> Callable[[Period], list[QuerySet]]:
    def people(p: Period) -> list[QuerySet]:
        rows = SupportService.objects.filter(starts_on__lte=p.end).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=p.start)
        )
        if kinds:
            rows = rows.filter(kind__in=kinds)
        return [rows.values_list("person_id")]

    return people


def _relapsed(p: Period) -> list[QuerySet]:
    return [
        DrugTest.objects.filter(result="positive", tested_at__date__range=(p.start, p.end)).values_list(
            "person_id"
        )
    ]


def _screened(p: Period) -> list[QuerySet]:
    return [Screening.objects.filter(screened_on__range=(p.start, p.end)).values_list("person_id")]


POPULATIONS = {
    p.code: p
    for p in (
        Population("addicted", _("Người nghiện ma túy có hồ sơ (đến cuối kỳ)"), _addicted),
        Population("managed_users", _("Người sử dụng trái phép đang bị quản lý (cuối kỳ)"), _managed),
        Population("aftercare", _("Người đang bị quản lý sau cai nghiện (cuối kỳ)"), _aftercare),
        Population("in_rehab", _("Người đang cai nghiện (cuối kỳ)"), _in_rehab),
        Population("in_facility_rehab", _("Người đang cai nghiện tại cơ sở (cuối kỳ)"), _in_facility_rehab),
        Population(
            "in_home_rehab", _("Người đang cai nghiện tại gia đình, cộng đồng (cuối kỳ)"), _in_home_rehab
        ),
        Population("on_substitution", _("Người đang điều trị thay thế (cuối kỳ)"), _on_substitution),
        Population("treated", _("Người đã hoặc đang cai nghiện, điều trị (đến cuối kỳ)"), _treated),
        Population("completed", _("Người hoàn thành cai nghiện, điều trị thay thế trong kỳ"), _completed),
        Population(
            "aftercare_decided", _("Người có quyết định quản lý sau cai trong kỳ"), _aftercare_decided
        ),
        Population("counselled", _("Người được tư vấn trong kỳ"), _counselled),
        Population("informed", _("Người được tư vấn, cung cấp thông tin trong kỳ"), _informed),
        Population("supported", _("Người được hỗ trợ (bất kỳ dịch vụ nào) trong kỳ"), _services(None)),
        Population("vocational", _("Người được học nghề trong kỳ"), _services([ServiceKind.VOCATIONAL])),
        Population(
            "medical_psych",
            _("Người được hỗ trợ y tế, tâm lý trong kỳ"),
            _services([ServiceKind.MEDICAL, ServiceKind.PSYCHOLOGICAL]),
        ),
        Population("positive_test", _("Người có kết quả xét nghiệm dương tính trong kỳ"), _relapsed),
        Population("screened", _("Người được sàng lọc ASSIST trong kỳ"), _screened),
    )
}
