import uuid
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from hoanhap.accounts.scoping import can_write, get_for_user, unit_filter, within
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.hotline import services
from hoanhap.hotline.classification import Inputs, assess
from hoanhap.hotline.forms import (
    CloseForm,
    CrimeReceiptForm,
    HandoverForm,
    HotspotChangeForm,
    HotspotForm,
    PersonSearchForm,
    RequestForm,
    StepForm,
    TipForm,
    WithdrawForm,
)
from hoanhap.hotline.models import CrimeReport, Hotspot, Tip, TipRequest, TipStatus
from hoanhap.lib.forms import add_service_errors
from hoanhap.lib.roles import Cap
from hoanhap.lib.spreadsheet import export_kind, table_response
from hoanhap.people.selectors import get_person_for_user, search_people


def _tip_for(user, tip_uuid) -> Tip:
    """A tip of the user's unit, or 404. What it says may name people: every access is audited."""
    return get_for_user(
        user,
        within(Tip.objects.all(), user).select_related("commune", "person"),
        tip_uuid,
        extra={"tip": str(tip_uuid)},
    )


@login_required
@require_safe
def tips(request):
    if not request.user.has_cap(Cap.VIEW_PEOPLE):
        raise PermissionDenied
    rows = Tip.objects.filter(unit_filter(request.user)).select_related("commune")[:300]
    record(request.user, Action.PERSON_SEARCH, purpose=Purpose.CASE_WORK, extra={"tips": len(rows)})
    can_add = request.user.has_cap(Cap.EDIT_PEOPLE) and bool(request.user.commune_id)
    context = {"tips": rows, "can_add": can_add, "can_export": request.user.has_cap(Cap.EXPORT_PEOPLE)}
    return render(request, "hotline/list.html", context)


@login_required
@require_safe
def export(request):
    """The unit's tips as a spreadsheet: what was reported and how it was handled. The reporter is
    never exported, whoever asks (revealing is a separate, audited act)."""
    if not request.user.has_cap(Cap.EXPORT_PEOPLE):
        raise PermissionDenied
    tips = Tip.objects.filter(unit_filter(request.user)).select_related("commune").order_by("received_at")
    header = [
        _("Mã tin báo"),
        _("Thời điểm tiếp nhận"),
        _("Kênh"),
        _("Loại tin"),
        _("Mức ưu tiên"),
        _("Hạn xử lý (chỉ tiêu nội bộ)"),
        _("Tình trạng"),
        _("Xã"),
        _("Địa điểm liên quan"),
        _("Nội dung"),
        _("Kết quả xử lý"),
    ]
    rows = [
        [
            t.reference,
            f"{localtime(t.received_at):%d/%m/%Y %H:%M}",
            t.get_channel_display(),
            t.get_category_display(),
            t.get_priority_display(),
            f"{localtime(t.respond_by):%d/%m/%Y %H:%M}",
            t.get_status_display(),
            t.commune.name if t.commune else "",
            t.location,
            t.summary,
            t.outcome,
        ]
        for t in tips.iterator(chunk_size=2000)
    ]
    kind = export_kind(request)
    record(
        request.user,
        Action.EXPORT,
        purpose=Purpose.CASE_WORK,
        extra={"rows": len(rows), "kind": "tips", "format": kind},
    )
    return table_response(kind, "tin-bao", _("Tin báo"), header, rows)


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    """The officer on duty records a call, a tip-box letter or a visit."""
    if not (request.user.has_cap(Cap.EDIT_PEOPLE) and request.user.commune_id):
        raise PermissionDenied
    form = TipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            tip = services.receive_tip(
                request.user,
                channel=data["channel"],
                category=data["category"],
                summary=data["summary"],
                location=data["location"],
                commune=request.user.commune,
                received_at=data["received_at"],
                reporter=form.reporter(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã tiếp nhận tin báo, mã số %(r)s.") % {"r": tip.reference})
            return redirect("hotline:detail", tip_uuid=tip.uuid)
    context = {"form": form, "title": _("Tiếp nhận tin báo")}
    return render(request, "hotline/form.html", context, status=400 if form.errors else 200)


def _tip_to_handle(user, tip_uuid) -> Tip:
    """The tip, for an action on it: refused before any input is read (a role that may only read
    the tip learns nothing from a form's checks)."""
    tip = _tip_for(user, tip_uuid)
    if not can_write(user, tip):  # who acts on a tip: who writes in its commune
        raise PermissionDenied
    return tip


def _crime_context(user, tip: Tip, forms: dict) -> dict | None:
    """What the tip page shows of a crime tip: the receipt record, the hand-over, the law's word for
    its time ("ngay") and, to the handler, the form of the next step (even on a closed tip: the
    hand-over is owed until it is made)."""
    if not tip.is_crime:
        return None
    report = CrimeReport.objects.filter(tip=tip).select_related("receipt_by", "handed_over_by").first()
    rule = services.crime_rule()
    handler = can_write(user, tip)
    return {
        "report": report,
        "rule": rule,
        "when": rule.value_label,
        "receipt_form": forms.get("receipt_form") or CrimeReceiptForm(prefix="crime")
        if handler and report is None
        else None,
        "handover_form": forms.get("handover_form") or HandoverForm(prefix="handover")
        if handler and report is not None and not report.handed_over
        else None,
    }


def _render_detail(request, tip: Tip, status: int = 200, **forms):
    handler = can_write(request.user, tip)
    context = {
        "tip": tip,
        "steps": tip.steps.select_related("by"),
        "step_form": forms.get("step_form") or StepForm(prefix="step"),
        "close_form": forms.get("close_form") or CloseForm(prefix="close"),
        "search_form": forms.get("search_form") or PersonSearchForm(prefix="find"),
        "request_form": forms.get("request_form") or RequestForm(prefix="req"),
        "withdraw_form": WithdrawForm(prefix="wd"),
        "found": forms.get("found"),
        "requests": tip.requests.with_done().select_related("person"),
        "handler": handler and tip.status != TipStatus.CLOSED,
        "can_reveal": tip.has_reporter and request.user.has_cap(Cap.VIEW_REPORTER),
        "crime": _crime_context(request.user, tip, forms),
    }
    return render(request, "hotline/detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, tip_uuid):
    if request.method == "GET":
        return _render_detail(request, _tip_for(request.user, tip_uuid))
    tip = _tip_to_handle(request.user, tip_uuid)
    form: StepForm | CloseForm
    act: Callable[..., object]
    if "step-action" in request.POST:
        form, act = StepForm(request.POST, prefix="step"), services.add_step
    else:
        form, act = CloseForm(request.POST, prefix="close"), services.close_tip
    if form.is_valid():
        try:
            act(request.user, tip=tip, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("hotline:detail", tip_uuid=tip.uuid)
    bound = {"step_form" if isinstance(form, StepForm) else "close_form": form}
    return _render_detail(request, tip, status=400, **bound)


@login_required
@require_POST
def find_person(request, tip_uuid):
    """Search the registry for the person the tip is about (on POST: names stay out of URLs)."""
    tip = _tip_to_handle(request.user, tip_uuid)
    form = PersonSearchForm(request.POST, prefix="find")
    if not form.is_valid():
        return _render_detail(request, tip, status=400, search_form=form)
    found = list(search_people(request.user, query=form.cleaned_data["q"])[:20])
    record(request.user, Action.PERSON_SEARCH, purpose=Purpose.SEARCH, extra={"results": len(found)})
    return _render_detail(request, tip, search_form=form, found=found)


@login_required
@require_POST
def link(request, tip_uuid):
    tip = _tip_to_handle(request.user, tip_uuid)
    try:
        person_uuid = uuid.UUID(request.POST.get("person", ""))
    except ValueError:
        raise Http404 from None
    person = get_person_for_user(request.user, person_uuid, write=True)
    services.link_person(request.user, tip=tip, person=person)
    messages.success(request, _("Đã liên kết tin báo với hồ sơ."))
    return redirect("hotline:detail", tip_uuid=tip.uuid)


@login_required
@require_POST
def make_request(request, tip_uuid):
    """A screening or a drug test of the linked person, as the tip's follow-up."""
    tip = _tip_to_handle(request.user, tip_uuid)
    if tip.person is None:
        messages.error(request, _("Hãy liên kết tin báo với hồ sơ người liên quan trước."))
        return redirect("hotline:detail", tip_uuid=tip.uuid)
    form = RequestForm(request.POST, prefix="req")
    if form.is_valid():
        try:
            services.request_follow_up(request.user, tip=tip, person=tip.person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi đề nghị; việc này có trong danh sách việc cần làm."))
            return redirect("hotline:detail", tip_uuid=tip.uuid)
    return _render_detail(request, tip, status=400, request_form=form)


@login_required
@require_POST
def withdraw(request, tip_uuid, request_uuid):
    tip = _tip_to_handle(request.user, tip_uuid)
    found = TipRequest.objects.filter(tip=tip, uuid=request_uuid).select_related("tip", "person").first()
    if found is None:
        raise Http404
    form = WithdrawForm(request.POST, prefix="wd")
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors.get("reason", [])))
        services.withdraw_request(request.user, request=found, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _render_detail(request, tip, status=400)
    messages.success(request, _("Đã rút đề nghị."))
    return redirect("hotline:detail", tip_uuid=tip.uuid)


def _crime_step(request, tip_uuid, form_class, act: Callable[..., object], key: str, done: str):
    """A step on a crime tip (the receipt record, the hand-over): the handler only, form-checked,
    the service enforcing the law; a refusal comes back on the tip's page with a 400."""
    tip = _tip_to_handle(request.user, tip_uuid)
    prefix = "crime" if key == "receipt_form" else "handover"
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            act(request.user, tip=tip, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("hotline:detail", tip_uuid=tip.uuid)
    return _render_detail(request, tip, status=400, **{key: form})


@login_required
@require_POST
def crime_receipt(request, tip_uuid):
    """The receipt record of a crime tip (Bộ luật Tố tụng hình sự 2015 Điều 146.3)."""
    return _crime_step(
        request,
        tip_uuid,
        CrimeReceiptForm,
        services.record_crime_receipt,
        "receipt_form",
        _("Đã ghi biên bản tiếp nhận."),
    )


@login_required
@require_POST
def crime_handover(request, tip_uuid):
    """The hand-over of a crime tip to the investigation body (Điều 146.3: "chuyển ngay")."""
    return _crime_step(
        request,
        tip_uuid,
        HandoverForm,
        services.hand_over_crime_tip,
        "handover_form",
        _("Đã ghi việc chuyển tin báo cho cơ quan điều tra."),
    )


@login_required
@require_POST
def reveal(request, tip_uuid):
    """The reporter's details, shown once in this response (never in a URL, never cached)."""
    tip = _tip_for(request.user, tip_uuid)
    reporter = services.reveal_reporter(request.user, tip=tip)
    return render(request, "hotline/_reporter.html", {"reporter": reporter})


@login_required
@require_http_methods(["GET", "POST"])
def hotspots(request):
    """Hotspots of the user's unit with their current status; the commune adds them, from a tip too."""
    if not request.user.has_cap(Cap.VIEW_PEOPLE):
        raise PermissionDenied
    can_add = request.user.has_cap(Cap.EDIT_PEOPLE) and bool(request.user.commune_id)
    form = HotspotForm(request.POST or None) if can_add else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            tip = _tip_for(request.user, request.POST["tip"]) if request.POST.get("tip") else None
            services.add_hotspot(request.user, tip=tip, **form.cleaned_data)
            messages.success(request, _("Đã ghi nhận địa điểm."))
            return redirect("hotline:hotspots")
    rows = Hotspot.objects.filter(unit_filter(request.user)).prefetch_related("changes", "tips")
    context = {
        "hotspots": rows,
        "form": form,
        "tip": request.GET.get("tip", ""),
        "can_classify": can_classify(request.user),
    }
    return render(request, "hotline/hotspots.html", context, status=400 if form and form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def hotspot(request, hotspot_uuid):
    found = Hotspot.objects.filter(unit_filter(request.user), uuid=hotspot_uuid).first()
    if found is None:
        raise Http404
    if request.method == "POST" and not can_write(request.user, found):
        raise PermissionDenied
    form = HotspotChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_hotspot(request.user, hotspot=found, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("hotline:hotspot", hotspot_uuid=found.uuid)
    context = {
        "hotspot": found,
        "changes": found.changes.select_related("by"),
        "form": form,
        "tips": found.tips.all(),
    }
    return render(request, "hotline/hotspot.html", context, status=400 if form.errors else 200)


def _typed_count(request, name: str, below: int) -> int | None:
    """A count typed into the classification form; None when empty or not a number in range."""
    raw = request.GET.get(name, "").strip().replace(".", "")
    return int(raw) if raw.isdigit() and int(raw) < below else None


def can_classify(user) -> bool:
    """Who may open the commune classification: it assesses one commune, so only a commune's staff."""
    return user.has_cap(Cap.VIEW_PEOPLE) and bool(user.commune_id)


@login_required
@require_safe
def classification(request):
    """The commune against the QĐ 28/2025 type I criteria; what the registry does not hold (the
    population, arrests, drug plants destroyed) is typed in."""
    if not can_classify(request.user):
        raise PermissionDenied
    population = _typed_count(request, "dan_so", 10_000_000)
    inputs = Inputs(
        population=population or None,
        arrests=_typed_count(request, "so_bat_giu", 1_000_000),
        plants=_typed_count(request, "so_cay", 100_000_000),
        plant_area=_typed_count(request, "dien_tich", 100_000_000),
    )
    context = {"assessment": assess(request.user.commune_id, inputs), "inputs": inputs}
    return render(request, "hotline/classification.html", context)
