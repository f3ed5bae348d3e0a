"""Reading the law: which regime applies, a rule's value on a date, deadlines from a rule."""

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.law import periods
from hoanhap.law.calendar import WorkCalendar, calendar_from
from hoanhap.law.models import CalendarDay, RuleOverride
from hoanhap.law.periods import Period
from hoanhap.law.rulebook import (
    CHECKLISTS,
    CHOICE_LABELS,
    GROUNDS,
    REGIMES,
    RULES,
    UNIT_LABELS,
    VARIANTS,
    Checklist,
    Ground,
    Regime,
    Rule,
    Unit,
    Variant,
)
from hoanhap.lib.roles import Cap, Role


class NoRegimeError(ValidationError):
    """A date before the first drug-law regime HoaNhap knows: no rule can be applied to it."""


def regime_on(day: dt.date) -> Regime:
    for regime in REGIMES:
        if regime.in_force_on(day):
            return regime
    raise NoRegimeError(
        _(
            "Ngày %(day)s trước ngày %(first)s, khi Luật Phòng, chống ma túy 2021 có hiệu lực: HoaNhap "
            "chưa ghi nhận sự việc trước ngày này."
        )
        % {"day": f"{day:%d/%m/%Y}", "first": f"{REGIMES[0].starts:%d/%m/%Y}"},
        code="before_first_regime",
    )


def regime_by_code(code: str) -> Regime:
    """The regime a stored rule or case names."""
    return next(regime for regime in REGIMES if regime.code == code)


def has_rule(code: str, *, regime: Regime) -> bool:
    return code in RULES[regime.code]


def regime_for_rehab_term(*, started_on: dt.date) -> Regime:
    """Luật 120/2025 Điều 56: people already in rehab on 01/07/2026 finish the term of the law under
    which they started; so a term follows the regime in force on the episode's start date."""
    return regime_on(started_on)


def regime_for_decision(*, decided_on: dt.date) -> Regime:
    """Luật 120/2025 Điều 56: a dossier prepared before 01/07/2026 but decided after it follows the
    new law; so a decision follows the regime in force on the day it is made."""
    return regime_on(decided_on)


@dataclass(frozen=True)
class AppliedRule:
    """A rule as applied to one case: what a case stores, so that later changes to the law or to
    an override never alter a deadline already given."""

    regime: str
    code: str
    description: str
    value: int | str
    unit: str
    citation: str
    verified: bool
    overridden: bool
    max_value: int | None = None
    period: str | None = None  # ``periods.Period``; None in snapshots stored before kinds existed

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def value_label(self) -> str:
        """The value as a reader says it: "24 giờ", "6–12 tháng", "Trưởng Công an xã"."""
        if self.unit == Unit.ROLE:
            return str(Role(str(self.value)).label)
        if self.unit == Unit.CHOICE:
            return str(CHOICE_LABELS.get(str(self.value), self.value))
        span = f"{self.value}–{self.max_value}" if self.max_value else str(self.value)
        return f"{span} {UNIT_LABELS[Unit(self.unit)]}"


# Within ``reading()`` (one request), the calendar and the overrides are read from the database once:
# a page of due items computes many deadlines. A write in the same request empties the memo.
_memo: ContextVar[dict[Any, Any] | None] = ContextVar("law_memo", default=None)


@contextmanager
def reading() -> Iterator[None]:
    token = _memo.set({}) if _memo.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _memo.reset(token)


def _memoised(key: Any, load: Callable[[], Any]) -> Any:
    memo = _memo.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def _forget() -> None:
    memo = _memo.get()
    if memo is not None:
        memo.clear()


def rule(code: str, *, regime: Regime, on: dt.date | None = None) -> AppliedRule:
    """The rule ``code`` of ``regime``, with an administrator's override if it is unverified; on the
    day ``on``, the value of the sub-period that day falls in where the rule has dated variants (the
    bodies of Luật 73/2021 reorganised in 2025, ``rulebook.VARIANTS``). Within ``reading()`` each rule
    is applied once (a page of due items asks hundreds of times)."""
    applied: AppliedRule = _memoised(("rule", regime.code, code), lambda: _apply(code, regime))
    variant = _variant(regime.code, code, on)
    if variant is None:
        return applied
    dated: AppliedRule = _memoised(
        ("rule", regime.code, code, variant),
        lambda: dataclasses.replace(
            applied,
            value=variant.value,
            citation=variant.citation,
            verified=variant.verified,
            overridden=False,
        ),
    )
    return dated


def _variant(regime: str, code: str, on: dt.date | None) -> Variant | None:
    if on is None:
        return None
    return next((v for v in VARIANTS.get((regime, code), ()) if v.in_force_on(on)), None)


def _apply(code: str, regime: Regime) -> AppliedRule:
    try:
        base = RULES[regime.code][code]
    except KeyError as exc:
        raise LookupError(f"Rule {code!r} does not exist under {regime.code}") from exc
    override = None if base.verified else _override(regime.code, code)
    value = _parse(base, override.value) if override else base.value
    return AppliedRule(
        regime.code,
        code,
        base.description,
        value,
        base.unit,
        base.citation,
        base.verified,
        override is not None,
        base.max_value,
        base.period,
    )


def _override(regime: str, code: str) -> RuleOverride | None:
    """The latest override of the rule; within ``reading()`` every rule's, read in one query (a page
    of due items applies several unverified rules)."""
    if _memo.get() is None:
        return RuleOverride.objects.filter(regime=regime, rule=code).first()
    latest: dict[tuple[str, str], RuleOverride] = _memoised("overrides", _latest_overrides)
    return latest.get((regime, code))


def _latest_overrides() -> dict[tuple[str, str], RuleOverride]:
    latest: dict[tuple[str, str], RuleOverride] = {}
    for override in RuleOverride.objects.all():  # latest first (the model's ordering)
        latest.setdefault((override.regime, override.rule), override)
    return latest


def rule_on(code: str, *, on: dt.date) -> AppliedRule:
    return rule(code, regime=regime_on(on))


def _parse(base: Rule, raw: str) -> int | str:
    return raw if base.unit in (Unit.ROLE, Unit.CHOICE) else int(raw)


def work_calendar() -> WorkCalendar:
    calendar: WorkCalendar = _memoised(
        "calendar", lambda: calendar_from(CalendarDay.objects.values_list("date", "kind"))
    )
    return calendar


def deadline(
    applied: AppliedRule, *, start: dt.datetime, calendar: WorkCalendar | None = None
) -> dt.datetime:
    """When a duration rule runs out, counted from ``start`` (an aware datetime), as the Civil Code
    counts (``periods``).

    Hours run on the clock from ``start``, weekends and holidays included (Điều 147.1). Days and
    months leave out the start's day and end at the end of the last day (Điều 147.2, 148.1, 148.3),
    moved to the next working day for a time limit whose last day is a day off (Điều 148.5).
    Working days: the end of the N-th working day after the start's day.
    """
    if not isinstance(applied.value, int):
        raise TypeError(f"{applied.code} is not a duration")
    unit, n = Unit(applied.unit), applied.value
    if unit is Unit.HOURS:
        return periods.after_hours(start, n)
    return end_of_day(last_day(applied, start.astimezone(local_tz()).date(), calendar=calendar))


def last_day(applied: AppliedRule, event_day: dt.date, *, calendar: WorkCalendar | None = None) -> dt.date:
    """The last day of the period ``applied`` gives, counted from ``event_day`` (not itself counted,
    Bộ luật Dân sự 2015 Điều 147.2): the term's last day, or the day a time limit ends on once
    Điều 148.5 has moved it past a day off."""
    if not isinstance(applied.value, int):
        raise TypeError(f"{applied.code} is not a duration")
    unit, n = Unit(applied.unit), applied.value
    if unit is Unit.WORKING_DAYS:
        return (calendar or work_calendar()).add_working_days(event_day, n)
    if unit is Unit.CALENDAR_DAYS:
        last = periods.last_day_in_days(event_day, n)
    elif unit is Unit.MONTHS:
        last = periods.last_day_in_months(event_day, n)
    else:
        raise TypeError(f"{applied.code} ({unit}) is not counted in days")
    if applied.period != Period.TIME_LIMIT:
        return last
    return periods.moved_past_days_off(last, calendar or work_calendar())


# A term runs from the day after its event to the end of its last day.
CIVIL_CODE_PERIODS = "Bộ luật Dân sự 2015 Điều 147.2, 148"
first_day = periods.first_day
first_day_after = periods.first_day_after


def end_of_day(day: dt.date) -> dt.datetime:
    """The last second of ``day`` in Vietnam: when a deadline that falls on that day runs out."""
    return periods.end_of_day(day, local_tz())


def to_local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(local_tz()).date()


def local_tz() -> dt.tzinfo:
    """The current time zone; within ``reading()`` asked once (Django keeps it in an asgiref
    ``Local``, a few microseconds a time, and a page of due items asks a thousand times)."""
    tz: dt.tzinfo = _memoised("tz", timezone.get_current_timezone)
    return tz


def set_override(actor: User, *, regime: Regime, code: str, value: str, note: str) -> RuleOverride:
    """Give an unverified rule a value; verified rules are the law as read and cannot be changed."""
    if not actor.has_cap(Cap.MANAGE_USERS):
        raise PermissionDenied
    base = RULES[regime.code].get(code)
    if base is None:
        raise ValidationError(_("Không có quy định này."))
    if base.verified:
        raise ValidationError(_("Quy định đã được kiểm chứng với văn bản luật, không thể điều chỉnh."))
    _check_value(base, value)
    if not note.strip():
        raise ValidationError({"note": _("Hãy ghi căn cứ của giá trị mới (văn bản, điều khoản).")})
    _forget()
    with transaction.atomic():
        override = RuleOverride.objects.create(
            regime=regime.code, rule=code, value=value.strip(), note=note.strip(), set_by=actor
        )
        record(
            actor,
            Action.RULE_CHANGE,
            purpose=Purpose.ADMINISTRATION,
            extra={"regime": regime.code, "rule": code, "value": override.value},
        )
    return override


def _check_value(base: Rule, value: str) -> None:
    if base.unit is Unit.ROLE:
        if value not in Role.values:
            raise ValidationError({"value": _("Vai trò không hợp lệ.")})
        return
    if not value.strip().isdigit() or not 0 < int(value) <= 1000:
        raise ValidationError({"value": _("Giá trị phải là số nguyên dương.")})


def declare_day(actor: User, *, date: dt.date, kind: str, basis: str) -> CalendarDay:
    if not actor.has_cap(Cap.MANAGE_USERS):
        raise PermissionDenied
    if not basis.strip():
        raise ValidationError({"basis": _("Hãy ghi văn bản công bố ngày làm bù, nghỉ bù.")})
    day = CalendarDay(date=date, kind=kind, basis=basis.strip(), created_by=actor)
    day.full_clean()
    _forget()
    with transaction.atomic():
        day.save()
        record(
            actor,
            Action.RULE_CHANGE,
            purpose=Purpose.ADMINISTRATION,
            extra={"calendar_day": date.isoformat(), "kind": kind},
        )
    return day


def ground(code: str, *, regime: Regime) -> Ground:
    """A ground for compulsory rehab under ``regime``; LookupError when that law does not have it."""
    for candidate in GROUNDS[regime.code]:
        if candidate.code == code:
            return candidate
    raise LookupError(f"Ground {code!r} does not exist under {regime.code}")


def grounds(*, regime: Regime) -> tuple[Ground, ...]:
    return GROUNDS[regime.code]


def checklist(*, regime: Regime, minor: bool) -> Checklist:
    """What a compulsory-rehab dossier must hold: minors' dossiers also carry their statement and
    their parents' opinion (Luật 120/2025 Điều 36.2)."""
    return CHECKLISTS[regime.code]["minor" if minor else "adult"]
