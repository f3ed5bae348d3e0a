"""Counting periods as Bộ luật Dân sự 2015 Điều 147–148 says, for every rule, as properties: the
event's day is not counted, a period ends at the end of its last day, later events never end
earlier, and only a time limit (not the term of a measure) moves past a weekly day off or a holiday."""

import calendar as month_calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoanhap.law import periods, services
from hoanhap.law.calendar import WorkCalendar
from hoanhap.law.periods import Period
from hoanhap.law.rulebook import LAW_120, RULES, Unit

CAL = WorkCalendar()
VN = dt.timezone(dt.timedelta(hours=7))
days = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2032, 12, 31))
moments = st.builds(lambda day, time: dt.datetime.combine(day, time, tzinfo=VN), days, st.times())


def _applied(code: str, regime=LAW_120) -> services.AppliedRule:
    base = RULES[regime.code][code]
    return services.AppliedRule(
        regime.code,
        code,
        base.description,
        base.value,
        base.unit,
        base.citation,
        base.verified,
        False,
        base.max_value,
        base.period,
    )


# Every regime, the personal-data ones included.
COUNTED = sorted(
    {
        (regime, rule.code)
        for regime, rules in RULES.items()
        for rule in rules.values()
        if rule.unit in (Unit.CALENDAR_DAYS, Unit.MONTHS)
    }
)


@pytest.mark.parametrize(("regime", "code"), COUNTED)
def test_every_period_in_days_or_months_says_whether_a_day_off_moves_its_end(regime, code):
    """Điều 148.5 reaches some periods and not others: a rule that does not say which would be read
    the one way by default, so every rule in days or months must declare its kind."""
    assert RULES[regime][code].period in set(Period)


def test_a_time_limit_ending_on_a_sunday_ends_on_monday(db):
    """Điều 148.5. The 3-month limitation from a violation on 28/11/2026 has its last day on Sunday
    28/02/2027: the authority may still act on Monday 01/03/2027."""
    applied = _applied("compulsory_limitation")
    assert services.last_day(applied, dt.date(2026, 11, 28), calendar=CAL) == dt.date(2027, 3, 1)


def test_a_time_limit_ending_in_tet_ends_on_the_first_working_day_after_it(db):
    """Điều 148.5 across a holiday run: 2 days from a completion on 03/02/2027 would end on Friday
    05/02/2027, in Tết; offices reopen on Thursday 11/02/2027."""
    applied = _applied("private_completion_report")
    assert services.last_day(applied, dt.date(2027, 2, 3), calendar=CAL) == dt.date(2027, 2, 11)


def test_a_term_of_management_ending_on_a_sunday_is_not_lengthened(db):
    """Luật 120/2025 Điều 24.2 "01 năm kể từ ngày ra quyết định quản lý": decided on 21/11/2026, the
    year's last day is Sunday 21/11/2027. The term is a measure, not a time limit (``Period.TERM``):
    a Sunday last day stays its last day."""
    applied = _applied("user_management_term")
    assert applied.period == Period.TERM
    assert services.last_day(applied, dt.date(2026, 11, 21), calendar=CAL) == dt.date(2027, 11, 21)


@given(event=days, n=st.integers(min_value=1, max_value=400))
def test_the_event_day_is_not_counted(event, n):
    """Điều 147.2: the first day is the day after; n days later is the n-th day."""
    assert periods.first_day(event) == event + dt.timedelta(days=1)
    assert periods.last_day_in_days(event, n) - periods.first_day(event) == dt.timedelta(days=n - 1)


@given(event=days, months=st.integers(min_value=1, max_value=48))
def test_months_end_on_the_corresponding_day_or_the_last_of_a_short_month(event, months):
    """Điều 148.3: the corresponding day of the last month, or that month's last day."""
    last = periods.last_day_in_months(event, months)
    assert (last.year * 12 + last.month) - (event.year * 12 + event.month) == months
    assert last.day == min(event.day, month_calendar.monthrange(last.year, last.month)[1])


@given(event=days, later=st.integers(min_value=0, max_value=60), n=st.integers(min_value=1, max_value=60))
def test_a_later_event_never_ends_earlier(event, later, n):
    """Monotone: for any kind, an event on a later day never gives an earlier end."""
    second = event + dt.timedelta(days=later)
    for kind in Period:
        first_end = periods.period_end_day(periods.last_day_in_days(event, n), period=kind, calendar=CAL)
        second_end = periods.period_end_day(periods.last_day_in_days(second, n), period=kind, calendar=CAL)
        assert first_end <= second_end


@given(last=days)
def test_a_time_limit_ends_on_the_first_working_day_from_its_last_day(last):
    """Điều 148.5: a working last day is kept; a day off moves the end to the next working day and
    no further."""
    end = periods.period_end_day(last, period=Period.TIME_LIMIT, calendar=CAL)
    assert CAL.is_working_day(end)
    assert end >= last
    assert all(not CAL.is_working_day(last + dt.timedelta(days=i)) for i in range((end - last).days))


@given(last=days, kind=st.sampled_from([Period.TERM, Period.AGE, None]))
def test_only_a_time_limit_moves(last, kind):
    assert periods.period_end_day(last, period=kind, calendar=CAL) == last


@given(
    start=moments,
    code=st.sampled_from([code for regime, code in COUNTED if regime == LAW_120.code]),
)
def test_days_and_months_end_at_the_end_of_the_last_day(start, code):
    """Điều 148.1, 148.6: the whole last day belongs to the period, whatever the clock time of the
    event — and the event's day is never the last."""
    applied = _applied(code)
    moment = start
    with services.reading():
        due = services.deadline(applied, start=moment, calendar=CAL)
    assert due.time() == dt.time(23, 59, 59)
    assert due.date() > moment.date()


@given(start=moments)
def test_hours_run_on_the_clock_across_days_off(start):
    """Điều 147.1: 24 hours from a Saturday 22:00 end on Sunday 22:00, not on Monday."""
    applied = _applied("user_management_decision")
    moment = start
    assert services.deadline(applied, start=moment, calendar=CAL) == moment + dt.timedelta(hours=24)
