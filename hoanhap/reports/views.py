from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from hoanhap.accounts.scoping import get_for_user, unit_filter
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.lib.dates import today
from hoanhap.lib.roles import Cap, Level
from hoanhap.lib.spreadsheet import export_kind, sheets_response, table_response
from hoanhap.reports import indicators, services
from hoanhap.reports.forms import AnnotateForm, PeriodForm, ReasonForm
from hoanhap.reports.models import IndicatorDefinition, Report, ReportKind

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _require(user) -> None:
    if not user.has_cap(Cap.VIEW_REPORTS):
        raise PermissionDenied


def _period(request):
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            return form, services.period_of(data["kind"], data["year"], data["number"]), data
        except ValidationError as exc:
            form.add_error("number", exc)
    initial = {
        name: (f.initial() if callable(f.initial) else f.initial) for name, f in PeriodForm().fields.items()
    }
    return form, services.period_of(initial["kind"], initial["year"], initial["number"]), initial


@login_required
@require_safe
def index(request):
    """The unit's indicators for a period, live, against their targets; the unit's reports."""
    _require(request.user)
    form, period, chosen = _period(request)
    values = indicators.compute(period, unit_filter(request.user, cap=Cap.VIEW_REPORTS))
    rows = [{"definition": d, "value": v, "meets": v.meets(d)} for d, v in values.values()]
    reports = Report.objects.visible_to(request.user).select_related("commune")
    overview = None
    if request.user.has_cap(Cap.REVIEW_REPORTS) and request.user.province_id:
        overview = services.overview(request.user.province_id, kind=chosen["kind"], period_start=period.start)
    context = {
        "form": form,
        "period": period,
        "rows": rows,
        "chosen": chosen,
        "reports": reports[:50],
        "overview": overview,
        "can_open": request.user.has_cap(Cap.PREPARE_REPORTS) or request.user.has_cap(Cap.REVIEW_REPORTS),
        "can_drill": request.user.has_cap(Cap.VIEW_PEOPLE),
    }
    return render(request, "reports/index.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def behind(request, code, part):
    """The people behind a number (names only, for roles that may see people of the unit); audited."""
    _require(request.user)
    if not request.user.has_cap(Cap.VIEW_PEOPLE) or part not in ("numerator", "denominator"):
        raise PermissionDenied
    definition = IndicatorDefinition.objects.filter(code=code).first()
    if definition is None:
        raise Http404
    _form, period, _chosen = _period(request)
    spec = definition.numerator if part == "numerator" else definition.denominator
    from hoanhap.people.models import Person

    visible = Person.objects.visible_to(request.user).values("pk")
    people = (
        indicators.people(spec, period, unit_filter(request.user))
        .filter(pk__in=visible)
        .select_related("commune")[:500]
    )
    record(
        request.user,
        Action.PERSON_SEARCH,
        purpose=Purpose.SUPERVISION,
        extra={"indicator": code, "part": part, "results": len(people)},
    )
    context = {"definition": definition, "part": part, "people": people, "period": period}
    return render(request, "reports/behind.html", context)


@login_required
@require_POST
def open_report(request):
    form = PeriodForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kỳ báo cáo không hợp lệ."))
        return redirect("reports:index")
    try:
        report = services.open_report(request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:index")
    return redirect("reports:detail", report_uuid=report.uuid)


def _report_for(user, report_uuid, *, write: bool = False) -> Report:
    """A report of the user's unit, or 404 (the refusal audited under the report's unit); in scope
    but not one who prepares or reviews reports: 403 on a write."""
    _require(user)
    visible = Report.objects.visible_to(user).select_related("commune", "province")
    report = get_for_user(user, visible, report_uuid, purpose=Purpose.SUPERVISION, read=None)
    if write and not (user.has_cap(Cap.PREPARE_REPORTS) or user.has_cap(Cap.REVIEW_REPORTS)):
        raise PermissionDenied
    return report


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, report_uuid):
    report = _report_for(request.user, report_uuid, write=request.method == "POST")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        reason = request.POST.get("reason", "")
        raw_version = request.POST.get("version", "")
        version = int(raw_version) if raw_version.isdigit() else 0
        try:
            if action == "annotate":
                annotate_form = AnnotateForm(request.POST)
                if not annotate_form.is_valid():
                    raise ValidationError(_("Hãy nhập tử số, mẫu số và lý do sửa."))
                data = annotate_form.cleaned_data
                services.annotate(
                    request.user,
                    report=report,
                    code=data["code"],
                    numerator=data["numerator"],
                    denominator=data["denominator"],
                    reason=data["reason"],
                    expected_version=data["version"],
                )
            elif action == "refresh":
                services.refresh(request.user, report=report, expected_version=version)
            elif action == "submit":
                services.submit(request.user, report=report, expected_version=version)
            elif action == "return":
                services.return_report(request.user, report=report, reason=reason)
            elif action == "approve":
                services.approve(request.user, report=report)
            elif action == "reopen":
                services.reopen(request.user, report=report, reason=reason)
            else:
                raise ValidationError(_("Thao tác không hợp lệ."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 400
        else:
            return redirect("reports:detail", report_uuid=report.uuid)
        report.refresh_from_db()
    definitions = {d.code: d for d in IndicatorDefinition.objects.all()}
    rows = [
        {
            "code": code,
            "definition": definitions.get(code),
            "entry": entry,
            "value": indicators.Value(entry["numerator"], entry["denominator"]),
        }
        for code, entry in services.entries(report)
    ]
    can_edit = not report.locked and (
        (
            report.commune_id
            and request.user.has_cap(Cap.PREPARE_REPORTS)
            and request.user.commune_id == report.commune_id
        )
        or (
            report.commune_id is None
            and request.user.has_cap(Cap.REVIEW_REPORTS)
            and request.user.province_id == report.province_id
        )
    )
    can_review = (
        bool(report.commune_id)
        and request.user.has_cap(Cap.REVIEW_REPORTS)
        and request.user.province_id == report.province_id
    )
    context = {
        "report": report,
        "rows": rows,
        "can_edit": can_edit,
        "can_review": can_review,
        "events": report.events.select_related("by"),
        "reason_form": ReasonForm(),
        "communes": report.values.get("_communes"),
    }
    return render(request, "reports/detail.html", context, status=status)


# A file's name says the period in Vietnamese without diacritics, never the internal kind code.
FILE_KINDS = {ReportKind.QUARTERLY: "quy", ReportKind.HALF_YEAR: "6-thang", ReportKind.ANNUAL: "nam"}


def file_name(report: Report) -> str:
    """ "bao-cao-quy-3-2026", "bao-cao-6-thang-1-2026", "bao-cao-nam-2026"."""
    months = services.MONTHS[ReportKind(report.kind)]
    number = (report.period_start.month - 1) // months + 1
    period = f"{report.period_start:%Y}" if months == 12 else f"{number}-{report.period_start:%Y}"
    return f"bao-cao-{FILE_KINDS[ReportKind(report.kind)]}-{period}"


def _official(request, report: Report, *, suppress: bool) -> HttpResponse:
    """The report in the administrative layout of NĐ 30/2020, as .docx or PDF."""
    from hoanhap.reports import render as rendering

    kind = request.GET["format"]
    record(
        request.user,
        Action.EXPORT,
        purpose=Purpose.SUPERVISION,
        extra={"report": str(report.uuid), "format": kind, "suppressed": suppress},
    )
    if kind == "docx":
        content, mime = rendering.to_docx(report, suppress=suppress), DOCX
    else:
        content, mime = rendering.to_pdf(report, suppress=suppress), "application/pdf"
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{file_name(report)}.{kind}"'
    return response


@login_required
@require_safe
def export(request, report_uuid):
    """The report as a table; counts under 5 are shown as "<5" when the report is a province's
    roll-up shared outside the unit (``?an_danh=1``)."""
    report = _report_for(request.user, report_uuid)
    suppress = request.GET.get("an_danh") == "1"
    if request.GET.get("format") in ("docx", "pdf"):
        return _official(request, report, suppress=suppress)

    def shown(n):
        return indicators.shown(n, suppress=suppress)

    definitions = {d.code: d for d in IndicatorDefinition.objects.all()}
    # The indicator's name first: its internal code is no column of a file people read.
    header = [
        _("Chỉ số"),
        _("Tử số"),
        _("Mẫu số"),
        _("Tỷ lệ (%)"),
        _("Mục tiêu"),
        _("Căn cứ"),
        _("Ghi chú sửa số liệu"),
    ]
    rows = []
    for code, entry in services.entries(report):
        d = definitions.get(code)
        value = indicators.Value(entry["numerator"], entry["denominator"])
        rows.append(
            [
                d.name if d else code,
                shown(entry["numerator"]),
                shown(entry["denominator"]),
                None
                if suppress and (entry["numerator"] or 0) < indicators.SMALL
                else (float(value.percent) if value.percent is not None else None),
                f"{d.sign} {d.target:.0f} %" if d and d.target is not None else "",
                d.source if d else "",
                entry.get("reason", ""),
            ]
        )
    kind = export_kind(request)
    record(
        request.user,
        Action.EXPORT,
        purpose=Purpose.SUPERVISION,
        extra={"report": str(report.uuid), "format": kind, "suppressed": suppress},
    )
    title = f"{report.get_kind_display()} {report.period_start:%d/%m/%Y}–{report.period_end:%d/%m/%Y}"
    return table_response(kind, file_name(report), title, header, rows)


def _as_float(value: Any) -> float | None:
    return float(value) if value is not None else None


@login_required
@require_safe
def entrants(request):
    """New treatment entrants of a year, counted once per person (TDI-style tables), on a page
    and as a workbook; ``?an_danh=1`` gives the copy shared outside the unit, small counts hidden."""
    from hoanhap.reports import entrants as tdi

    _require(request.user)
    this_year = today().year
    raw = request.GET.get("nam", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= this_year else this_year
    suppress = request.GET.get("an_danh") == "1"
    found = tdi.entrants(year, unit_filter(request.user, cap=Cap.VIEW_REPORTS))
    tables = tdi.tables(found, by_commune=request.user.level is not Level.COMMUNE)
    header = [_("Nhóm"), _("Chưa từng điều trị"), _("Đã từng điều trị"), _("Tổng")]

    def shown(n: int) -> int | str:
        return indicators.shown(n, suppress=suppress)  # type: ignore[return-value]

    def sheet_rows(table):
        for label, new, before in table.rows:
            yield [label, shown(new), shown(before), shown(new + before)]
        new, before = table.totals
        yield [_("Tổng"), shown(new), shown(before), shown(new + before)]

    record(
        request.user,
        Action.EXPORT if request.GET.get("format") else Action.PERSON_SEARCH,
        purpose=Purpose.SUPERVISION,
        extra={"entrants": year, "results": len(found), "suppressed": suppress},
    )
    if request.GET.get("format") == "xlsx":
        notes = [[_("Năm"), year], [_("Đơn vị"), request.user.unit_label], *tdi.NOTES]
        notes.append(
            [
                _("Số nhỏ"),
                _('Bản chia sẻ ra ngoài đơn vị: số từ 1 đến 4 được ghi "<5".')
                if suppress
                else _("Bản dùng trong đơn vị: số đầy đủ."),
            ]
        )
        sheets = [(_("Ghi chú"), [_("Mục"), _("Nội dung")], notes)]
        sheets += [(t.title, header, sheet_rows(t)) for t in tables]
        return sheets_response(f"nguoi-vao-dieu-tri-{year}.xlsx", sheets)
    context = {
        "year": year,
        "years": range(this_year, this_year - 6, -1),
        "tables": [{"title": t.title, "rows": list(sheet_rows(t))} for t in tables],
        "total": len(found),
        "header": header,
        "suppress": suppress,
    }
    return render(request, "reports/entrants.html", context)
