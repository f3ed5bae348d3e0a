"""Indicator values for any unit and period, counted live over the populations (``reports.facts``).

Commune by commune (``by_commune``, and the country's report), each part of a definition is one
grouped count in the database, by the commune of the person's record; a ratio whose numerator
narrows its denominator counts both in one query. A commune's or a province's report
(``compute``) reads each source of a population once, as a set of person ids, and counts the
indicators from those sets.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any, TypedDict

from dateutil.relativedelta import relativedelta
from django.db import connection
from django.db.models import Count, Q, QuerySet

from hoanhap.people.models import Person
from hoanhap.reports.facts import POPULATIONS, Period
from hoanhap.reports.models import Direction, IndicatorDefinition, IndicatorKind


@dataclass(frozen=True)
class Value:
    numerator: int
    denominator: int | None

    @property
    def percent(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (Decimal(100) * self.numerator / self.denominator).quantize(Decimal("0.1"))

    def meets(self, definition: IndicatorDefinition) -> bool | None:
        shown = self.percent if definition.kind != IndicatorKind.COUNT else Decimal(self.numerator)
        if definition.target is None or not definition.direction or shown is None:
            return None
        if definition.direction == Direction.AT_LEAST:
            return shown >= definition.target
        return shown <= definition.target


class Spec(TypedDict, total=False):
    """A part of a definition (its numerator or denominator): people in every population of
    ``all`` and in at least one of ``any`` (codes of ``reports.facts.POPULATIONS``)."""

    all: list[str]
    any: list[str]


def people(spec: Spec, period: Period, scope: Q) -> QuerySet[Person]:
    """The people a part of a definition counts, within ``scope`` (a condition on Person)."""
    rows: QuerySet[Person] = Person.objects.current().filter(scope)  # current() is untyped
    for code in spec.get("all", []):
        rows = rows.filter(POPULATIONS[code].q(period, scope))
    if spec.get("any"):
        either = Q(pk__in=[])
        for code in spec["any"]:
            either |= POPULATIONS[code].q(period, scope)
        rows = rows.filter(either)
    return rows


def _by_commune(spec: Spec, period: Period, scope: Q) -> Counter[str]:
    # One row per person (``people`` filters people by subqueries, it joins nothing): no DISTINCT.
    grouped = people(spec, period, scope).values("commune_id").annotate(n=Count("pk"))
    return Counter({row["commune_id"]: row["n"] for row in grouped})


def _previous(period: Period) -> Period:
    """The period a growth is measured against: for a period of whole months (a quarter, a
    half-year, a year) the same months just before it (Q3 against Q2, not against the 92 days
    before 1 July, which begin on 31 March); otherwise as many days just before it."""
    end = period.start - dt.timedelta(days=1)
    months = _whole_months(period)
    if months:
        return Period(period.start - relativedelta(months=months), end)
    return Period(end - (period.end - period.start), end)


def _whole_months(period: Period) -> int:
    """How many calendar months the period spans exactly, or 0."""
    if period.start.day != 1 or (period.end + dt.timedelta(days=1)).day != 1:
        return 0
    return (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1


def _narrowing(definition: IndicatorDefinition) -> list[str] | None:
    """The populations that narrow the denominator to the numerator, when the numerator is the
    denominator with more conditions (every ratio of the first set is); else None."""
    numerator, denominator = definition.numerator, definition.denominator
    if sorted(numerator.get("any", [])) != sorted(denominator.get("any", [])):
        return None
    if not set(denominator.get("all", [])) <= set(numerator.get("all", [])):
        return None
    return [code for code in numerator.get("all", []) if code not in denominator.get("all", [])]


def _ratio_by_commune(
    definition: IndicatorDefinition, extra: list[str], period: Period, scope: Q
) -> dict[str, Value]:
    """Numerator and denominator in one pass over the denominator's people (one query, not two)."""
    narrowed = Q()
    for code in extra:
        narrowed &= POPULATIONS[code].q(period, scope)
    grouped = (
        people(definition.denominator, period, scope)
        .values("commune_id")
        .annotate(den=Count("pk"), num=Count("pk", filter=narrowed))  # no narrowing: Q() counts all
    )
    return {row["commune_id"]: Value(row["num"], row["den"]) for row in grouped}


def by_commune(definition: IndicatorDefinition, period: Period, scope: Q) -> dict[str, Value]:
    if definition.kind == IndicatorKind.RATIO and (extra := _narrowing(definition)) is not None:
        return _ratio_by_commune(definition, extra, period, scope)
    numerator = _by_commune(definition.numerator, period, scope)
    if definition.kind == IndicatorKind.GROWTH:
        before = _by_commune(definition.numerator, _previous(period), scope)
        communes = set(numerator) | set(before)
        return {c: Value(numerator[c] - before[c], before[c]) for c in communes}
    if definition.kind == IndicatorKind.COUNT:
        return {c: Value(n, None) for c, n in numerator.items()}
    denominator = _by_commune(definition.denominator, period, scope)
    return {c: Value(numerator[c], denominator[c]) for c in set(numerator) | set(denominator)}


def total(values: dict[str, Value], kind: str) -> Value:
    numerator = sum(v.numerator for v in values.values())
    denominators = [v.denominator or 0 for v in values.values()]
    return Value(numerator, None if kind == IndicatorKind.COUNT else sum(denominators))


def unit_scope(*, commune_id: str | None = None, province_id: str | None = None) -> Q:
    if commune_id:
        return Q(commune_id=commune_id)
    if province_id:
        return Q(province_id=province_id)
    return Q()


# Counts below this are shown as "<5" in copies shared outside the unit.
SMALL = 5


def shown(n: int | None, *, suppress: bool) -> int | str | None:
    return "<5" if suppress and n is not None and 0 < n < SMALL else n


def compute(period: Period, scope: Q) -> dict[str, tuple[IndicatorDefinition, Value]]:
    """Every active indicator for the unit (summed over its communes).

    For a commune or a province, each source of a population is read once and the indicators
    are counted from those sets of people: the same population appears in up to six indicators,
    and a commune's report read it each time (docs/performance.md). The country keeps one
    grouped count per part in the database, which beats shipping hundreds of thousands of ids
    to the web process."""
    definitions = list(IndicatorDefinition.objects.filter(active=True))
    if not scope:  # the country
        return {d.code: (d, total(by_commune(d, period, scope), d.kind)) for d in definitions}
    members = _Members(scope)
    return {d.code: (d, members.value(d, period)) for d in definitions}


class _Members:
    """The people of each population in one unit, read once per report: a set of person ids.

    Each source of a population (its queries of person ids, unit applied) is read once and kept
    as a set, and a population is the union of its sources among the unit's current people: so
    a source that two populations share ("informed" holds every source of "counselled") is read
    once, and no population query scans the unit's people again (docs/performance.md)."""

    def __init__(self, scope: Q):
        self.scope = scope
        self.read: dict[tuple[str, Period], set[int]] = {}
        self.sources: dict[tuple[str, str], set[int]] = {}

    @cached_property
    def unit_people(self) -> set[int]:
        return set(Person.objects.current().filter(self.scope).values_list("pk", flat=True))

    def of(self, code: str, period: Period) -> set[int]:
        if (code, period) not in self.read:
            found: set[int] = set()
            for source in POPULATIONS[code].parts(period, self.scope):
                found |= self._source(*source)
            self.read[code, period] = found & self.unit_people
        return self.read[code, period]

    def _source(self, sql: str, params: tuple[Any, ...]) -> set[int]:
        key = (sql, repr(params))  # a parameter may be a list, which a key cannot hold
        if key not in self.sources:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                self.sources[key] = {person_id for (person_id,) in cursor.fetchall()}
        return self.sources[key]

    def people(self, spec: Spec, period: Period) -> set[int]:
        """What ``people(spec)`` selects, as a set: every population of "all", one of "any"."""
        chosen: set[int] | None = None
        for code in spec.get("all", []):
            chosen = set(self.of(code, period)) if chosen is None else chosen & self.of(code, period)
        if spec.get("any"):
            either = set().union(*(self.of(code, period) for code in spec["any"]))
            chosen = either if chosen is None else chosen & either
        return chosen or set()

    def value(self, definition: IndicatorDefinition, period: Period) -> Value:
        numerator = len(self.people(definition.numerator, period))
        if definition.kind == IndicatorKind.GROWTH:
            before = len(self.people(definition.numerator, _previous(period)))
            return Value(numerator - before, before)
        if definition.kind == IndicatorKind.COUNT:
            return Value(numerator, None)
        return Value(numerator, len(self.people(definition.denominator, period)))
