from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hoanhap.accounts.roles import Cap
from hoanhap.accounts.scoping import unit_filter
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.hotline import services
from hoanhap.hotline.classification import criteria
from hoanhap.hotline.forms import CloseForm, HotspotChangeForm, HotspotForm, StepForm, TipForm
from hoanhap.hotline.models import Hotspot, Tip
from hoanhap.lib.forms import add_service_errors


def _tip_for(user, tip_uuid) -> Tip:
    """A tip of the user's unit, or 404. What it says may name people: every access is audited."""
    tip = Tip.objects.filter(unit_filter(user), uuid=tip_uuid).select_related("commune", "person").first()
    if tip is None:
        record(user, Action.DENIED, purpose=Purpose.CASE_WORK, extra={"requested": str(tip_uuid)})
        raise Http404
    record(user, Action.PERSON_READ, purpose=Purpose.CASE_WORK, extra={"tip": str(tip.uuid)})
    return tip


@login_required
def tips(request):
    if not request.user.has_cap(Cap.VIEW_PEOPLE):
        raise PermissionDenied
    rows = Tip.objects.filter(unit_filter(request.user)).select_related("commune")[:300]
    record(request.user, Action.PERSON_SEARCH, purpose=Purpose.CASE_WORK, extra={"tips": len(rows)})
    can_add = request.user.has_cap(Cap.EDIT_PEOPLE) and bool(request.user.commune_id)
    return render(request, "hotline/list.html", {"tips": rows, "can_add": can_add})


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


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, tip_uuid):
    tip = _tip_for(request.user, tip_uuid)
    step_form, close_form = StepForm(prefix="step"), CloseForm(prefix="close")
    if request.method == "POST":
        try:
            if "step-action" in request.POST:
                step_form = StepForm(request.POST, prefix="step")
                if step_form.is_valid():
                    services.add_step(request.user, tip=tip, **step_form.cleaned_data)
                    return redirect("hotline:detail", tip_uuid=tip.uuid)
            else:
                close_form = CloseForm(request.POST, prefix="close")
                if close_form.is_valid():
                    services.close_tip(request.user, tip=tip, **close_form.cleaned_data)
                    return redirect("hotline:detail", tip_uuid=tip.uuid)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    context = {
        "tip": tip,
        "steps": tip.steps.select_related("by"),
        "step_form": step_form,
        "close_form": close_form,
        "can_reveal": tip.has_reporter and request.user.has_cap(Cap.VIEW_REPORTER),
    }
    return render(request, "hotline/detail.html", context)


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
    context = {"hotspots": rows, "form": form, "tip": request.GET.get("tip", "")}
    return render(request, "hotline/hotspots.html", context, status=400 if form and form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def hotspot(request, hotspot_uuid):
    found = Hotspot.objects.filter(unit_filter(request.user), uuid=hotspot_uuid).first()
    if found is None:
        raise Http404
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


@login_required
def classification(request):
    """The commune's counts against the QĐ 28/2025 criteria; the population is typed in (the
    registry does not hold it)."""
    if not (request.user.has_cap(Cap.VIEW_PEOPLE) and request.user.commune_id):
        raise PermissionDenied
    raw = request.GET.get("dan_so", "")
    population = int(raw) if raw.isdigit() and 0 < int(raw) < 10_000_000 else None
    rows, met, needed = criteria(request.user.commune_id, population=population)
    context = {"rows": rows, "met": met, "needed": needed, "population": population or ""}
    return render(request, "hotline/classification.html", context)
