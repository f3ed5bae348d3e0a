"""Working-day arithmetic across Tết, weekends, observed holidays and declared make-up days."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoanhap.law import services
from hoanhap.law.calendar import WorkCalendar
from hoanhap.law.rulebook import LAW_120

CAL = WorkCalendar()
dates = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2030, 12, 31))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (dt.date(2027, 2, 3), True),  # Wednesday before Tết
        (dt.date(2027, 2, 4), False),  # 29 Tết
        (dt.date(2027, 2, 10), False),  # 5th day of Tết
        (dt.date(2027, 2, 11), True),
        (dt.date(2026, 4, 27), False),  # Hùng Kings, observed on Monday
        (dt.date(2026, 9, 2), False),
        (dt.date(2026, 11, 21), False),  # a Saturday
    ],
)
def test_public_holidays_and_weekends(day, working):
    assert CAL.is_working_day(day) is working


def test_three_working_days_across_tet():
    # Reading window opened on Wednesday 03/02/2027: Tết closes offices from Thursday to the next Wednesday.
    assert CAL.add_working_days(dt.date(2027, 2, 3), 3) == dt.date(2027, 2, 15)


def test_declared_make_up_saturday_and_extra_day_off():
    calendar = WorkCalendar(
        extra_working_days=frozenset({dt.date(2026, 8, 22)}), extra_days_off=frozenset({dt.date(2026, 8, 24)})
    )
    assert calendar.add_working_days(dt.date(2026, 8, 21), 1) == dt.date(2026, 8, 22)
    assert calendar.add_working_days(dt.date(2026, 8, 22), 1) == dt.date(2026, 8, 25)


def test_deadline_in_hours_runs_on_the_clock(db):
    start = dt.datetime(2026, 9, 1, 22, 30, tzinfo=dt.UTC)
    applied = services.rule("user_management_decision", regime=LAW_120)
    assert services.deadline(applied, start=start, calendar=CAL) == start + dt.timedelta(hours=24)


def test_deadline_in_working_days_ends_at_the_close_of_the_last_day(db, settings):
    applied = services.rule("dossier_reading_window", regime=LAW_120)
    start = dt.datetime(2027, 2, 3, 9, 0, tzinfo=dt.UTC)
    due = services.deadline(applied, start=start, calendar=CAL)
    assert (due.date(), due.time()) == (dt.date(2027, 2, 15), dt.time(23, 59, 59))


def test_deadline_in_months_keeps_the_end_of_short_months(db):
    """Bộ luật Dân sự 2015 Điều 148.3: no 30 February, so the last day of February."""
    applied = services.rule("compulsory_limitation", regime=LAW_120)
    start = dt.datetime(2027, 11, 30, 8, 0, tzinfo=dt.UTC)
    assert services.deadline(applied, start=start, calendar=CAL).date() == dt.date(2028, 2, 29)


def test_declared_days_come_from_the_database(sysadmin):
    services.declare_day(
        sysadmin, date=dt.date(2026, 8, 22), kind="working_day", basis="Thông báo 1234/TB-BNV"
    )
    assert services.work_calendar().is_working_day(dt.date(2026, 8, 22))


@given(start=dates, n=st.integers(min_value=1, max_value=60))
def test_adding_n_working_days_lands_on_a_working_day_n_working_days_later(start, n):
    end = CAL.add_working_days(start, n)
    assert CAL.is_working_day(end)
    assert CAL.working_days_between(start, end) == n
    assert (end - start).days >= n


@given(start=dates, n=st.integers(min_value=0, max_value=40))
def test_adding_more_working_days_never_ends_earlier(start, n):
    assert CAL.add_working_days(start, n + 1) > CAL.add_working_days(start, n)


@given(start=dates, a=st.integers(min_value=0, max_value=20), b=st.integers(min_value=1, max_value=20))
def test_working_days_compose(start, a, b):
    middle = CAL.add_working_days(start, a)
    assert CAL.add_working_days(middle, b) == CAL.add_working_days(start, a + b)


@given(start=dates)
def test_never_more_than_a_fortnight_between_working_days(start):
    # The longest closure (Tết with two weekends) is 9 days; a gap above 14 would mean a calendar error.
    assert (CAL.add_working_days(start, 1) - start).days <= 14
