"""Working days of Vietnamese state offices: Monday to Friday, less the public holidays of the
`holidays` package (Tết, Hùng Kings, 30/4, 1/5, 2/9 and their observed and substituted days), with
the days the Government declares otherwise (make-up Saturdays, extra days off) taken from
``CalendarDay``. Pure functions over a ``WorkCalendar`` so the arithmetic can be property-tested."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import holidays

_ONE_DAY = dt.timedelta(days=1)


@dataclass
class WorkCalendar:
    extra_working_days: frozenset[dt.date] = frozenset()
    extra_days_off: frozenset[dt.date] = frozenset()
    _public: holidays.HolidayBase = field(default_factory=lambda: holidays.country_holidays("VN"))
    # Days already told: a page of due items counts working days over the same weeks hundreds of
    # times, and a holiday lookup is the slow part (the inbox of a large commune, benchmark).
    _told: dict[dt.date, bool] = field(default_factory=dict, repr=False, compare=False)
    # Deadlines already counted, by start and count: the same few (a large commune's hundreds of
    # results received on the same days) are asked again and again (benchmark).
    _added: dict[tuple[dt.date, int], dt.date] = field(default_factory=dict, repr=False, compare=False)

    def is_working_day(self, day: dt.date) -> bool:
        told = self._told.get(day)
        if told is None:
            told = self._told[day] = self._tell(day)
        return told

    def _tell(self, day: dt.date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off or day.weekday() >= 5:
            return False
        return day not in self._public

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``start`` ("within N working days from" a date);
        the start day itself never counts, so ``count == 0`` is ``start``."""
        if count < 0:
            raise ValueError("count must not be negative")
        added = self._added.get((start, count))
        if added is None:
            added = self._added[start, count] = self._count_from(start, count)
        return added

    def _count_from(self, start: dt.date, count: int) -> dt.date:
        day = start
        while count:
            day += _ONE_DAY
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: the inverse of ``add_working_days``."""
        count, day = 0, start
        while day < end:
            day += _ONE_DAY
            count += self.is_working_day(day)
        return count


def calendar_from(days: Iterable[tuple[dt.date, str]]) -> WorkCalendar:
    working = frozenset(d for d, kind in days if kind == "working_day")
    off = frozenset(d for d, kind in days if kind == "day_off")
    return WorkCalendar(extra_working_days=working, extra_days_off=off)
