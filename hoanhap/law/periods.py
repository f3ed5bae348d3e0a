"""Counting periods ("thời hạn") as Bộ luật Dân sự 2015 Điều 144–148 says: the one place where a
date is added to a date. Services, inbox items, lists and documents read their dates from here.

- Điều 145.1: "Cách tính thời hạn được áp dụng theo quy định của Bộ luật này, trừ trường hợp có thỏa
  thuận khác hoặc pháp luật có quy định khác." (Luật Xử lý vi phạm hành chính Điều 10 sends its own
  periods here too, except where it counts working days.)
- Điều 147.1: "Khi thời hạn được xác định bằng phút, giờ thì thời hạn được bắt đầu từ thời điểm đã xác
  định." Hours run on the clock, weekends and holidays included.
- Điều 147.2–3: "Khi thời hạn được xác định bằng ngày, tuần, tháng, năm thì ngày đầu tiên của thời hạn
  không được tính mà tính từ ngày tiếp theo liền kề ngày được xác định." The event's day is not counted.
- Điều 148.1: "Khi thời hạn tính bằng ngày thì thời hạn kết thúc tại thời điểm kết thúc ngày cuối cùng
  của thời hạn." Điều 148.3: a period in months ends at the end of the corresponding day of its last
  month, "nếu tháng kết thúc thời hạn không có ngày tương ứng thì thời hạn kết thúc vào ngày cuối cùng
  của tháng đó". Điều 148.6: the last day ends "vào lúc hai mươi tư giờ của ngày đó".
- Điều 148.5: "Khi ngày cuối cùng của thời hạn là ngày nghỉ cuối tuần hoặc ngày nghỉ lễ thì thời hạn
  kết thúc tại thời điểm kết thúc ngày làm việc tiếp theo ngày nghỉ đó." Which periods this reaches is
  a property of each rule (``Period``): see ``Period`` for the reading.
"""

import datetime as dt
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from hoanhap.law.calendar import WorkCalendar

_ONE_DAY = dt.timedelta(days=1)
_LAST_SECOND = dt.time(23, 59, 59)  # "hai mươi tư giờ" (Điều 148.6), as the last stored second


class Period(StrEnum):
    """What a period in days or months measures, which decides whether Điều 148.5 moves its end.

    ``TIME_LIMIT``: the time within which someone must act (the administration decides, a court
    rules, the commune checks, a person reports or registers, a limitation runs out for the
    authority). Its end moves to the end of the next working day when the last day is a weekly day
    off or a holiday (Điều 148.5): the office that must receive or do the act is closed that day.

    ``TERM``: the length of a measure the law fixes over a person (management "01 năm kể từ ngày ra
    quyết định quản lý", Luật 120/2025 Điều 24.2; post-rehab management, Điều 42; a rehab term,
    Điều 29.1). Our reading: Điều 148.5 does not lengthen it. The law that fixes the measure gives
    its length (Điều 145.1 "pháp luật có quy định khác"), and moving its end past a day off would
    add to the person's obligations a day no law gives; the act that follows the term (a decision
    that ends it) is itself done on a working day, and the inbox offers it from the day after the
    last day. This reading is not confirmed by a court or a guiding text.
    """

    TIME_LIMIT = "time_limit"
    TERM = "term"
    # An age or a time since birth (a child under 36 months, Luật 120/2025 Điều 35.2): nobody acts
    # within it, so Điều 148.5 has nothing to move.
    AGE = "age"


def first_day(event_day: dt.date) -> dt.date:
    """The first day of a period in days, months or years that runs from ``event_day``: the day
    after (Điều 147.2, 147.3)."""
    return event_day + _ONE_DAY


def first_day_after(last_day: dt.date) -> dt.date:
    """The first day on which a term whose last day is ``last_day`` is over: the last day is whole
    (Điều 148.1, 148.6), so ending the term "on expiry" on that day would be early."""
    return last_day + _ONE_DAY


def last_day_in_days(event_day: dt.date, days: int) -> dt.date:
    """The last day of ``days`` days counted from the day after ``event_day`` (Điều 147.2, 148.1)."""
    if days < 0:
        raise ValueError("a period is not negative")
    return event_day + dt.timedelta(days=days)


def last_day_in_months(event_day: dt.date, months: int) -> dt.date:
    """The last day of ``months`` months from ``event_day``: the corresponding day of the last month,
    or that month's last day when it has no such day (Điều 148.3)."""
    if months < 0:
        raise ValueError("a period is not negative")
    return event_day + relativedelta(months=months)


def moved_past_days_off(last_day: dt.date, calendar: WorkCalendar) -> dt.date:
    """The day a time limit whose last day is ``last_day`` really ends on (Điều 148.5): the next
    working day when ``last_day`` is a weekly day off or a holiday, else ``last_day``."""
    day = last_day
    while not calendar.is_working_day(day):
        day += _ONE_DAY
    return day


def period_end_day(last_day: dt.date, *, period: Period | None, calendar: WorkCalendar) -> dt.date:
    """The day a period in days or months ends on, its kind applied. A period with no declared kind
    (a rule stored before kinds were written) keeps its last day: the reading that never lengthens."""
    if period is Period.TIME_LIMIT:
        return moved_past_days_off(last_day, calendar)
    return last_day


def end_of_day(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """When a period whose last day is ``day`` runs out: the end of that day (Điều 148.1, 148.6)."""
    return dt.datetime.combine(day, _LAST_SECOND, tzinfo=tz)


def after_hours(start: dt.datetime, hours: int) -> dt.datetime:
    """A period in hours runs from the moment given, on the clock (Điều 147.1): weekends and
    holidays count."""
    if hours < 0:
        raise ValueError("a period is not negative")
    return start + dt.timedelta(hours=hours)
