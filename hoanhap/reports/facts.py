"""The populations indicators count: sets of people defined by dated facts, as SQL.

Each population is one or more queries of person ids for a period (a person in any is in it):
"as of the end" populations hold on the last day (a case open then: started on or before it, not
closed by an event on or before it); "during" populations had a fact dated within the period. The
queries are compiled once per process and run with each period's dates and unit
(``hoanhap.lib.compiled``). ``reports.indicators`` counts the people in these sets and their
intersections: for the country in the database, grouped by the commune of the person's record; for
a commune or a province from sets of person ids, each query read once per report.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoanhap.cases.lifecycle import MANAGEMENT, OPEN_STATES
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
from hoanhap.cases.rehab import (
    AFTERCARE,
    EPISODE,
    OPEN_AFTERCARE_STATES,
    OPEN_EPISODE_STATES,
    SUBSTITUTION,
    EpisodeEvent,
    SubstitutionEvent,
    SubstitutionState,
)
from hoanhap.lib.compiled import CompiledQuery, compile_query
from hoanhap.people.models import Person
from hoanhap.prevention.models import Intervention, InterventionKind, Screening
from hoanhap.support.models import ServiceKind, SupportService


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


# A query of person ids (``values_list("person_id")`` of any model): one source of a population.
PersonIds = QuerySet[Model, tuple[int]]


@dataclass(frozen=True)
class Population:
    code: str
    label: object
    people: Callable[[Period], list[PersonIds]]  # queries of person ids; a person in any is in it

    def q(self, period: Period, scope: Q | None = None) -> Q:
        """Membership as a condition on Person: set-based, one subquery per source.

        The subqueries are the ORM's own SQL, compiled once per process and bound to the period's
        dates (``hoanhap.lib.compiled``: building them anew took nine tenths of a commune's
        report). A commune or province ``scope`` is applied inside them too, through the person,
        so that a commune's report reads that commune's rows, not the country's (benchmark,
        docs/performance.md)."""
        condition = Q(pk__in=[])
        for sql, params in self.parts(period, scope):
            condition |= Q(pk__in=RawSQL(sql, params))  # noqa: S611 - the ORM's SQL
        return condition

    def parts(self, period: Period, scope: Q | None = None) -> list[tuple[str, tuple[Any, ...]]]:
        """The population's queries of person ids (SQL, parameters), as ``q`` joins them: a
        person in any is in it. Two populations that share a source share its SQL exactly."""
        field, unit = _unit_of(scope)
        arguments = {**_arguments(period), "unit": unit}
        zone = timezone.get_current_timezone_name()
        return [compiled.bind(arguments) for compiled in _compiled(self.code, connection.alias, field, zone)]


def day_starts(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """The first instant of the period and of the day after it, in local time."""
    zone = timezone.get_current_timezone()
    after = period.end + dt.timedelta(days=1)
    return (
        dt.datetime.combine(period.start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(after, dt.time.min, tzinfo=zone),
    )


def _arguments(period: Period) -> dict[str, object]:
    """What a population's queries take from the period: its dates and their first instants."""
    since, until = day_starts(period)
    return {"start": period.start, "end": period.end, "since": since, "until": until}


# A period and a unit no real one equals: the populations' queries are built with them, compiled
# once, and run with the real ones in their places (``hoanhap.lib.compiled``).
_PLACEHOLDER_PERIOD = Period(dt.date(1901, 2, 3), dt.date(1902, 4, 5))
_PLACEHOLDER_UNIT = "~unit~"
UNIT_FIELDS = ("commune_id", "province_id")


def _unit_of(scope: Q | None) -> tuple[str | None, str | None]:
    """(field, code) when ``scope`` is one unit (``Q(commune_id=...)``, ``Q(province_id=...)``)."""
    if scope is None or scope.negated or len(scope.children) != 1:
        return None, None
    child = scope.children[0]
    if isinstance(child, tuple) and child[0] in UNIT_FIELDS:
        return child[0], str(child[1])
    return None, None


@cache
def _compiled(code: str, alias: str, unit_field: str | None, zone: str) -> list[CompiledQuery]:
    """The population's queries, compiled once per database and time zone, the unit applied
    through the person when ``unit_field`` is given (a query need not use every argument)."""
    placeholders = {**_arguments(_PLACEHOLDER_PERIOD), "unit": _PLACEHOLDER_UNIT}
    parts = []
    for rows in POPULATIONS[code].people(_PLACEHOLDER_PERIOD):
        if unit_field:
            (person_id,) = rows.query.values_select  # "person_id", "episode__person_id"...
            unit_people = Person.objects.filter(**{unit_field: _PLACEHOLDER_UNIT}).values("pk")
            rows = rows.filter(**{f"{person_id.removesuffix('_id')}__in": unit_people})
        parts.append(compile_query(rows.order_by(), placeholders, every=False, name=code))
    return parts


EventRecord = ManagementEvent | AftercareEventRecord | RehabEventRecord | SubstitutionEventRecord


def _closed_by(events: type[EventRecord], kinds: frozenset[str], day: dt.date, fk: str) -> Exists:
    return Exists(events.objects.filter(**{fk: OuterRef("pk")}, kind__in=kinds, on__lte=day))


def _managed(p: Period) -> list[PersonIds]:
    closing = MANAGEMENT.closing(OPEN_STATES)
    return [
        UserManagement.objects.filter(decided_on__lte=p.end, ends_on__gte=p.end)
        .exclude(_closed_by(ManagementEvent, closing, p.end, "management"))
        .values_list("person_id")
    ]


def _addicted(p: Period) -> list[PersonIds]:
    return [AddictionAssessment.objects.filter(addicted=True, result_on__lte=p.end).values_list("person_id")]


def _aftercare(p: Period) -> list[PersonIds]:
    closing = AFTERCARE.closing(OPEN_AFTERCARE_STATES)
    return [
        Aftercare.objects.filter(starts_on__lte=p.end, ends_on__gte=p.end)
        .exclude(_closed_by(AftercareEventRecord, closing, p.end, "aftercare"))
        .values_list("person_id")
    ]


def _episodes_open(p: Period) -> QuerySet[RehabEpisode]:
    closing = EPISODE.closing(OPEN_EPISODE_STATES)
    return RehabEpisode.objects.filter(started_on__lte=p.end).exclude(
        _closed_by(RehabEventRecord, closing, p.end, "episode")
    )


def _in_rehab(p: Period) -> list[PersonIds]:
    return [_episodes_open(p).values_list("person_id")]


FACILITY_FORMS = Q(form__startswith="compulsory") | Q(form__in=["voluntary_public", "voluntary_private"])


def _in_facility_rehab(p: Period) -> list[PersonIds]:
    return [_episodes_open(p).filter(FACILITY_FORMS).values_list("person_id")]


def _in_home_rehab(p: Period) -> list[PersonIds]:
    return [_episodes_open(p).filter(form="voluntary_community").values_list("person_id")]


def _on_substitution(p: Period) -> list[PersonIds]:
    closing = SUBSTITUTION.closing(frozenset({SubstitutionState.ON_TREATMENT}))
    return [
        SubstitutionTreatment.objects.filter(enrolled_on__lte=p.end)
        .exclude(_closed_by(SubstitutionEventRecord, closing, p.end, "treatment"))
        .values_list("person_id")
    ]


def _treated(p: Period) -> list[PersonIds]:
    """An active or completed rehab episode or substitution treatment, started by the end."""
    return [
        RehabEpisode.objects.filter(started_on__lte=p.end).values_list("person_id"),
        SubstitutionTreatment.objects.filter(enrolled_on__lte=p.end).values_list("person_id"),
    ]


def _completed(p: Period) -> list[PersonIds]:
    """Completed voluntary or compulsory rehab, or substitution treatment, within the period."""
    episodes = RehabEventRecord.objects.filter(kind=EpisodeEvent.COMPLETE, on__range=(p.start, p.end))
    treatments = SubstitutionEventRecord.objects.filter(
        kind=SubstitutionEvent.COMPLETE, on__range=(p.start, p.end)
    )
    return [episodes.values_list("episode__person_id"), treatments.values_list("treatment__person_id")]


def _aftercare_decided(p: Period) -> list[PersonIds]:
    return [Aftercare.objects.filter(decided_on__range=(p.start, p.end)).values_list("person_id")]


def _counselled(p: Period) -> list[PersonIds]:
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


def _informed(p: Period) -> list[PersonIds]:
    """Given information on policy, law or services during the period, as far as it is recorded: the
    counselling above, or health advice from the health station."""
    advice = Intervention.objects.filter(
        kind=InterventionKind.ADVICE, given_on__range=(p.start, p.end)
    ).values_list("person_id")
    return [*_counselled(p), advice]


def _services(kinds: list[str] | None) -> Callable[[Period], list[PersonIds]]:
    def people(p: Period) -> list[PersonIds]:
        rows = SupportService.objects.filter(starts_on__lte=p.end).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=p.start)
        )
        if kinds:
            rows = rows.filter(kind__in=kinds)
        return [rows.values_list("person_id")]

    return people


def _relapsed(p: Period) -> list[PersonIds]:
    since, until = day_starts(p)  # bounds, not the date of each row: the index on tested_at serves
    return [
        DrugTest.objects.filter(result="positive", tested_at__gte=since, tested_at__lt=until).values_list(
            "person_id"
        )
    ]


def _screened(p: Period) -> list[PersonIds]:
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
