"""Periodic reports: open (prefilled from the indicators), annotate (a manual value needs a reason),
submit (an immutable snapshot and its SHA-256), return or approve (the province), reopen (with a
reason, audited). A province's report rolls up its communes' approved reports."""

import calendar
import datetime as dt
import hashlib
import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.lib.dates import now, today
from hoanhap.lib.roles import Cap, Level
from hoanhap.reports import indicators
from hoanhap.reports.facts import Period
from hoanhap.reports.models import (
    IndicatorDefinition,
    Report,
    ReportEvent,
    ReportKind,
    ReportSchedule,
    ReportStatus,
)

# When reports are due if a province has not set its own schedule: (months after the period's first
# month, day). The seeds' local plans set the deadlines inside the period:
#   doc 002 (Buôn Ma Thuột 2022): "báo cáo kết quả ... hàng quý (trước ngày 15 của tháng cuối quý),
#   6 tháng (trước ngày 20/5), năm (trước ngày 15/11)";
#   doc 000 (Cửa Lò): "báo cáo kết quả thực hiện 6 tháng trước ngày 10/6; báo cáo năm trước ngày 10/12";
#   doc 001 names no day ("Định kỳ hàng quý, năm đánh giá tình hình thực hiện kế hoạch").
# Those plans count figures to the cut-off of the general reporting regime (NĐ 09/2019: the 14th of
# the period's last month), whereas HoaNhap counts whole calendar periods and a report may be sent
# only once its period has ended (submit). So the seeds' day is kept and falls in the month after the
# period: quarterly the 15th, half-year the 20th, annual the 15th of the next month. A province that
# follows its own plan sets the day in ReportSchedule.
DEFAULT_SCHEDULES = {
    ReportKind.QUARTERLY: (3, 15),
    ReportKind.HALF_YEAR: (6, 20),
    ReportKind.ANNUAL: (12, 15),
}
MONTHS = {ReportKind.QUARTERLY: 3, ReportKind.HALF_YEAR: 6, ReportKind.ANNUAL: 12}


def entries(report: Report) -> list[tuple[str, dict[str, Any]]]:
    """The report's figures in the definitions' order (PostgreSQL's jsonb does not keep key order)."""
    order = dict(IndicatorDefinition.objects.values_list("code", "order"))
    rows = [(code, entry) for code, entry in report.values.items() if not code.startswith("_")]
    return sorted(rows, key=lambda item: (order.get(item[0], 10_000), item[0]))


def period_of(kind: str, year: int, number: int) -> Period:
    months = MONTHS[ReportKind(kind)]
    if not 1 <= number <= 12 // months or not 2000 <= year <= 2100:
        raise ValidationError(_("Kỳ báo cáo không hợp lệ."))
    first = 1 + (number - 1) * months
    last = first + months - 1
    return Period(dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1]))


def due_on(kind: str, period: Period, province_id: str) -> dt.date:
    schedule = ReportSchedule.objects.filter(province_id=province_id, kind=kind).first()
    offset, day = (schedule.month_offset, schedule.day) if schedule else DEFAULT_SCHEDULES[ReportKind(kind)]
    month_index = period.start.month - 1 + offset
    year, month = period.start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _entry(value: indicators.Value) -> dict[str, Any]:
    return {
        "numerator": value.numerator,
        "denominator": value.denominator,
        "computed": [value.numerator, value.denominator],
    }


def _is_commune_preparer(actor: User) -> bool:
    return actor.has_cap(Cap.PREPARE_REPORTS) and actor.level is Level.COMMUNE and bool(actor.commune_id)


def _is_reviewer(actor: User, province_id: str) -> bool:
    return (
        actor.has_cap(Cap.REVIEW_REPORTS)
        and actor.level is Level.PROVINCE
        and actor.province_id == province_id
    )


def open_report(actor: User, *, kind: str, year: int, number: int) -> Report:
    """The unit's report for the period, created and prefilled on first opening."""
    period = period_of(kind, year, number)
    if _is_commune_preparer(actor):
        unit = {"province_id": actor.province_id, "commune_id": actor.commune_id}
    elif actor.has_cap(Cap.REVIEW_REPORTS) and actor.level is Level.PROVINCE and actor.province_id:
        unit = {"province_id": actor.province_id, "commune_id": None}
    else:
        raise PermissionDenied
    with transaction.atomic():
        report, created = Report.objects.get_or_create(
            kind=kind,
            period_start=period.start,
            **unit,
            defaults={
                "period_end": period.end,
                "due_on": due_on(kind, period, str(unit["province_id"])),
                "created_by": actor,
            },
        )
        if created:
            report.values = _computed(report)
            report.save(update_fields=["values"])
            _event(actor, report, "open")
    return report


def _computed(report: Report) -> dict[str, Any]:
    period = Period(report.period_start, report.period_end)
    if report.commune_id is None:
        return rollup(report)
    scope = indicators.unit_scope(commune_id=report.commune_id)
    return {code: _entry(value) for code, (_d, value) in indicators.compute(period, scope).items()}


def rollup(report: Report) -> dict[str, Any]:
    """A province's values: the sums of its communes' approved reports for the same period."""
    approved = Report.objects.filter(
        province_id=report.province_id,
        commune__isnull=False,
        kind=report.kind,
        period_start=report.period_start,
        status=ReportStatus.APPROVED,
    )
    sums: dict[str, dict[str, Any]] = {}
    for commune_report in approved:
        for code, entry in (commune_report.snapshot or {}).get("values", {}).items():
            total = sums.setdefault(code, {"numerator": 0, "denominator": None})
            total["numerator"] += entry["numerator"]
            if entry["denominator"] is not None:
                total["denominator"] = (total["denominator"] or 0) + entry["denominator"]
    for entry in sums.values():
        entry["computed"] = [entry["numerator"], entry["denominator"]]
    sums["_communes"] = {
        "numerator": approved.count(),
        "denominator": None,
        "computed": [approved.count(), None],
    }
    return sums


def _editable(actor: User, report: Report, expected_version: int) -> None:
    if report.commune_id is None:
        if not _is_reviewer(actor, report.province_id):
            raise PermissionDenied
    elif not (_is_commune_preparer(actor) and actor.commune_id == report.commune_id):
        raise PermissionDenied
    if report.locked:
        raise ValidationError(_("Báo cáo đã gửi hoặc đã duyệt: không sửa được. Cần mở lại (có lý do)."))
    if report.version != expected_version:
        raise ValidationError(_("Báo cáo đã được người khác sửa. Hãy tải lại trang."))


def _save_values(report: Report, values: dict[str, Any], expected_version: int) -> None:
    updated = Report.objects.filter(pk=report.pk, version=expected_version).update(
        values=values, version=F("version") + 1
    )
    if not updated:
        raise ValidationError(_("Báo cáo đã được người khác sửa. Hãy tải lại trang."))
    report.refresh_from_db()


def refresh(actor: User, *, report: Report, expected_version: int) -> Report:
    """Recompute from the case data; values changed by hand keep their value and reason."""
    _editable(actor, report, expected_version)
    fresh = _computed(report)
    for code, entry in report.values.items():
        if entry.get("reason") and code in fresh:
            fresh[code] = {
                **fresh[code],
                "numerator": entry["numerator"],
                "denominator": entry["denominator"],
                "reason": entry["reason"],
            }
    with transaction.atomic():
        _save_values(report, fresh, expected_version)
        _event(actor, report, "refresh")
    return report


def annotate(
    actor: User,
    *,
    report: Report,
    code: str,
    numerator: int,
    denominator: int | None,
    reason: str,
    expected_version: int,
) -> Report:
    """A value changed by hand: the reason is required, and the computed value stays beside it."""
    _editable(actor, report, expected_version)
    if code not in report.values or code.startswith("_"):
        raise ValidationError({"code": _("Không có chỉ số này trong báo cáo.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Sửa số liệu phải ghi lý do.")})
    if numerator < 0 or (denominator is not None and (denominator < 0 or numerator > denominator)):
        raise ValidationError({"numerator": _("Tử số phải từ 0 đến mẫu số.")})
    values = dict(report.values)
    values[code] = {
        **values[code],
        "numerator": numerator,
        "denominator": denominator,
        "reason": reason.strip(),
    }
    with transaction.atomic():
        _save_values(report, values, expected_version)
        _event(actor, report, "annotate", reason=f"{code}: {reason.strip()}"[:500])
    return report


def snapshot_of(report: Report) -> tuple[dict[str, Any], str]:
    names = {
        d.code: {"name": d.name, "target": str(d.target or ""), "direction": d.direction}
        for d in IndicatorDefinition.objects.all()
    }
    body = {
        "unit": {"province": report.province_id, "commune": report.commune_id},
        "kind": report.kind,
        "period": [report.period_start.isoformat(), report.period_end.isoformat()],
        "values": report.values,
        "definitions": {code: names.get(code, {}) for code in report.values},
    }
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return body, hashlib.sha256(canonical.encode()).hexdigest()


def submit(actor: User, *, report: Report, expected_version: int) -> Report:
    """Send the report: a snapshot that cannot change. Only once its period has ended (Vietnam's
    calendar day), so that no figure of the period is still to come."""
    _editable(actor, report, expected_version)
    if today() <= report.period_end:
        raise ValidationError(
            _("Kỳ báo cáo đến hết ngày %(end)s chưa kết thúc: chỉ gửi được báo cáo từ ngày %(first)s.")
            % {
                "end": f"{report.period_end:%d/%m/%Y}",
                "first": f"{report.period_end + dt.timedelta(days=1):%d/%m/%Y}",
            }
        )
    body, digest = snapshot_of(report)
    with transaction.atomic():
        updated = Report.objects.filter(pk=report.pk, version=expected_version).update(
            snapshot=body,
            snapshot_sha256=digest,
            submitted_at=now(),
            status=ReportStatus.APPROVED if report.commune_id is None else ReportStatus.SUBMITTED,
            version=F("version") + 1,
        )
        if not updated:
            raise ValidationError(_("Báo cáo đã được người khác sửa. Hãy tải lại trang."))
        report.refresh_from_db()
        _event(actor, report, "submit")
    return report


def _decide(actor: User, report: Report, *, to: str, reason: str = "", allowed: tuple[str, ...]) -> Report:
    if report.commune_id is None or not _is_reviewer(actor, report.province_id):
        raise PermissionDenied
    if report.status not in allowed:
        raise ValidationError(_("Báo cáo không ở tình trạng cho phép việc này."))
    with transaction.atomic():
        updated = Report.objects.filter(pk=report.pk, status=report.status).update(
            status=to, decided_at=now(), return_reason=reason, version=F("version") + 1
        )
        if not updated:
            raise ValidationError(_("Báo cáo đã được người khác xử lý. Hãy tải lại trang."))
        report.refresh_from_db()
        _event(actor, report, to, reason=reason)
    return report


def return_report(actor: User, *, report: Report, reason: str) -> Report:
    if not reason.strip():
        raise ValidationError({"reason": _("Trả lại báo cáo phải ghi lý do.")})
    return _decide(
        actor, report, to=ReportStatus.RETURNED, reason=reason.strip(), allowed=(ReportStatus.SUBMITTED,)
    )


def approve(actor: User, *, report: Report) -> Report:
    return _decide(actor, report, to=ReportStatus.APPROVED, allowed=(ReportStatus.SUBMITTED,))


def reopen(actor: User, *, report: Report, reason: str) -> Report:
    """An approved report opened again for correction: the reason is required and audited; the
    earlier snapshot and its hash stay in the report's history."""
    if not reason.strip():
        raise ValidationError({"reason": _("Mở lại báo cáo phải ghi lý do.")})
    return _decide(
        actor, report, to=ReportStatus.RETURNED, reason=reason.strip(), allowed=(ReportStatus.APPROVED,)
    )


def _event(actor: User, report: Report, action: str, *, reason: str = "") -> None:
    ReportEvent.objects.create(
        report=report, action=action, reason=reason, by=actor, snapshot_sha256=report.snapshot_sha256
    )
    record(
        actor,
        Action.REPORT,
        purpose=Purpose.SUPERVISION
        if report.commune_id is None or actor.level is not Level.COMMUNE
        else Purpose.CASE_WORK,
        extra={"report": str(report.uuid), "step": action},
    )


def overview(province_id: str, *, kind: str, period_start: dt.date) -> list[dict[str, Any]]:
    """Every commune of the province for one period: its report's status, or missing; late if sent
    after the due day or not sent and the day has passed."""
    from hoanhap.geo.models import Commune

    reports = {
        r.commune_id: r
        for r in Report.objects.filter(
            province_id=province_id, kind=kind, period_start=period_start, commune__isnull=False
        )
    }
    period = Period(period_start, period_start)
    due = due_on(kind, period, province_id)
    rows = []
    for commune in Commune.objects.filter(province_id=province_id).order_by("name"):
        report = reports.get(commune.pk)
        sent = localdate(report.submitted_at) if report and report.submitted_at else None
        late = (sent is not None and sent > due) or (sent is None and today() > due)
        rows.append({"commune": commune, "report": report, "due": due, "late": late})
    return rows
