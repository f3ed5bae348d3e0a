"""The populations' compiled queries (``reports.facts``, ``hoanhap.lib.compiled``), run with a
period and a unit, select exactly the people the plain ORM queries built for that period select in
that unit: dates, first instants of days and units all reach their places."""

import datetime as dt

import pytest

from hoanhap.cases.models import DrugTest
from hoanhap.cases.tests.conftest import at
from hoanhap.people.models import Person
from hoanhap.reports.facts import POPULATIONS, Period
from hoanhap.reports.indicators import unit_scope
from hoanhap.reports.tests.test_indicators import dataset  # noqa: F401 - the hand-counted dataset

PERIODS = [
    Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30)),  # the quarter the hand counts use
    Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    Period(dt.date(2026, 9, 1), dt.date(2026, 9, 1)),  # one day: a positive test's day
    Period(dt.date(2025, 1, 1), dt.date(2026, 12, 31)),
]
UNITS = [{}, {"commune_id": "17464"}, {"commune_id": "16939"}, {"province_id": "40"}]


@pytest.fixture
def edge_tests(dataset, make_person):  # noqa: F811
    """Positive results at the edges of 1 September in local time (UTC+7: the evening before in
    UTC), so that a first instant bound in the wrong zone or out of place shows."""
    officer_a, _officer_b = dataset
    for n, tested_at in enumerate([at(2026, 9, 1, 0, 30), at(2026, 9, 1, 23, 59), at(2026, 9, 2, 0, 0)]):
        person = make_person(officer_a, full_name=f"Người D{n}", birth_date=dt.date(1992, 1, n + 1))
        DrugTest.objects.create(
            person=person,
            province_id=person.province_id,
            commune_id=person.commune_id,
            created_by=officer_a,
            tested_at=tested_at,
            place="x",
            reason="in_aftercare",
            sample="urine",
            testing_body="x",
            tester="x",
            result="positive",
        )


def _compiled_people(code: str, period: Period, unit: dict[str, str]) -> set[int]:
    rows = Person.objects.filter(POPULATIONS[code].q(period, unit_scope(**unit)))
    return set(rows.values_list("pk", flat=True))


def _plain_people(code: str, period: Period, unit: dict[str, str]) -> set[int]:
    found = {person_id for rows in POPULATIONS[code].people(period) for (person_id,) in rows}
    return found & set(Person.objects.filter(unit_scope(**unit)).values_list("pk", flat=True))


@pytest.mark.parametrize("period", PERIODS)
def test_each_compiled_population_selects_what_the_orm_query_of_its_period_selects(edge_tests, period):
    counted = 0
    for unit in UNITS:
        for code in POPULATIONS:
            plain = _plain_people(code, period, unit)
            assert _compiled_people(code, period, unit) == plain, (code, unit)
            counted += len(plain)
    assert counted  # the dataset has people in these populations


def test_a_day_s_positive_tests_are_those_of_its_local_day(edge_tests):
    day = Period(dt.date(2026, 9, 1), dt.date(2026, 9, 1))
    names = Person.objects.filter(POPULATIONS["positive_test"].q(day, unit_scope(commune_id="17464")))
    assert sorted(names.values_list("full_name", flat=True)) == ["Người A6", "Người D0", "Người D1"]
