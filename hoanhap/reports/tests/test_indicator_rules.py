"""The rules of indicator values, on their own: whether a value meets its target, which population
specs are valid, the period a growth is measured against, and the one-pass count of a ratio."""

import datetime as dt
from decimal import Decimal

import pytest

from hoanhap.reports import indicators
from hoanhap.reports.facts import Period
from hoanhap.reports.indicators import Value
from hoanhap.reports.models import Direction, IndicatorDefinition, IndicatorKind


def _definition(
    kind=IndicatorKind.RATIO, target=None, direction=Direction.AT_LEAST, numerator=None, denominator=None
):
    return IndicatorDefinition(
        code="x",
        name="x",
        kind=kind,
        target=target,
        direction=direction,
        numerator=numerator or {"all": ["addicted"]},
        denominator=denominator or {},
    )


@pytest.mark.parametrize(
    ("value", "kind", "target", "direction", "meets"),
    [
        (Value(80, 100), IndicatorKind.RATIO, Decimal(80), Direction.AT_LEAST, True),  # the target itself
        (Value(79, 100), IndicatorKind.RATIO, Decimal(80), Direction.AT_LEAST, False),
        (Value(20, 100), IndicatorKind.RATIO, Decimal(20), Direction.AT_MOST, True),
        (Value(21, 100), IndicatorKind.RATIO, Decimal(20), Direction.AT_MOST, False),
        (Value(3, None), IndicatorKind.COUNT, Decimal(3), Direction.AT_LEAST, True),  # a count: its number
        (Value(3, 100), IndicatorKind.COUNT, Decimal(4), Direction.AT_LEAST, False),
        (Value(5, 100), IndicatorKind.RATIO, None, Direction.AT_LEAST, None),  # no target
        (Value(5, 100), IndicatorKind.RATIO, Decimal(5), Direction.MONITOR, None),  # only watched
        (Value(5, 0), IndicatorKind.RATIO, Decimal(5), Direction.AT_LEAST, None),  # no one to count
    ],
)
def test_a_value_meets_its_target_by_its_direction(value, kind, target, direction, meets):
    assert value.meets(_definition(kind, target, direction)) is meets


@pytest.mark.parametrize(
    ("numerator", "denominator", "narrowing"),
    [
        ({"all": ["addicted", "counselled"]}, {"all": ["addicted"]}, ["counselled"]),
        (
            {"all": ["addicted", "counselled", "supported"]},
            {"all": ["addicted"]},
            ["counselled", "supported"],
        ),
        ({"all": ["addicted"]}, {"all": ["addicted"]}, []),
        ({"all": ["counselled"], "any": ["treated"]}, {"any": ["treated"]}, ["counselled"]),
        ({"all": ["counselled"], "any": ["treated"]}, {"any": ["in_rehab"]}, None),  # other "any"
        ({"all": ["counselled"]}, {"all": ["addicted"]}, None),  # not inside the denominator
        ({"all": ["addicted"]}, {"all": ["addicted", "aftercare"]}, None),
        ({"any": ["treated"]}, {"any": ["treated"]}, []),  # no "all" on either side
    ],
)
def test_a_ratio_is_counted_in_one_pass_only_when_its_numerator_narrows_its_denominator(
    numerator, denominator, narrowing
):
    assert indicators._narrowing(_definition(numerator=numerator, denominator=denominator)) == narrowing


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        (
            Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
            Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        ),
        (
            Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
            Period(dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
        ),
        (
            Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
            Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ),
        (
            Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
            Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        ),
        (
            Period(dt.date(2026, 3, 5), dt.date(2026, 3, 14)),
            Period(dt.date(2026, 2, 23), dt.date(2026, 3, 4)),
        ),
        (
            Period(dt.date(2026, 3, 1), dt.date(2026, 3, 30)),
            Period(dt.date(2026, 1, 30), dt.date(2026, 2, 28)),
        ),
        (
            Period(dt.date(2025, 1, 1), dt.date(2026, 12, 31)),
            Period(dt.date(2023, 1, 1), dt.date(2024, 12, 31)),
        ),
        (
            Period(dt.date(2025, 11, 1), dt.date(2026, 2, 28)),
            Period(dt.date(2025, 7, 1), dt.date(2025, 10, 31)),
        ),
    ],
)
def test_a_growth_is_measured_against_the_same_months_before_or_as_many_days(period, previous):
    assert indicators._previous(period) == previous


@pytest.mark.parametrize(
    ("n", "suppress", "shown"),
    [(0, True, 0), (1, True, "<5"), (4, True, "<5"), (5, True, 5), (None, True, None), (3, False, 3)],
)
def test_small_counts_are_hidden_in_shared_copies(n, suppress, shown):
    """1 to 4 people read as "<5" outside the unit; none is none, and five can be said."""
    assert indicators.shown(n, suppress=suppress) == shown


def test_a_total_adds_numerators_and_denominators_an_empty_one_adding_nothing():
    values = {"a": Value(1, 0), "b": Value(2, 3), "c": Value(4, None)}
    assert indicators.total(values, IndicatorKind.GROWTH) == Value(7, 3)
    assert indicators.total(values, IndicatorKind.COUNT) == Value(7, None)
