from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from hoanhap.accounts.scoping import can_write, unit_filter
from hoanhap.lib.forms import add_service_errors
from hoanhap.lib.roles import Cap
from hoanhap.lib.steps import person_step, said
from hoanhap.people.selectors import get_person_for_user, is_trace_for
from hoanhap.prevention import assist, services
from hoanhap.prevention.forms import (
    QUESTIONS,
    InterventionForm,
    RiskGroupForm,
    ScreeningForm,
    SessionForm,
    TagForm,
)
from hoanhap.prevention.models import PreventionSession, RiskGroup


@login_required
@require_safe
def panel(request, person_uuid):
    """Screenings and interventions of one person, inside the person's page."""
    person = get_person_for_user(request.user, person_uuid)
    if is_trace_for(request.user, person):
        raise PermissionDenied
    names = dict(assist.SUBSTANCES)
    screenings = [
        (
            s,
            assist.BAND_LABELS[s.highest_band],
            assist.ACTION_LABELS[s.action],
            [(names[c], r["score"], assist.BAND_LABELS[r["band"]]) for c, r in s.scores.items()],
        )
        for s in person.screenings.all()
    ]
    context = {
        "person": person,
        "screenings": screenings,
        "interventions": person.interventions.all(),
        "tags": person.risk_groups.select_related("group"),
        "can_write": can_write(request.user, person),
    }
    return render(request, "prevention/_panel.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def screening_create(request, person_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    form = ScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            screening = services.record_screening(
                request.user,
                person=person,
                screened_on=form.cleaned_data["screened_on"],
                screened_by=form.cleaned_data["screened_by"],
                answers=form.answers(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            band = assist.BAND_LABELS[screening.highest_band]
            messages.success(request, _("Đã ghi nhận sàng lọc: %(b)s.") % {"b": band})
            return redirect("people:detail", person_uuid=person.uuid)
    context = {"form": form, "person": person, "questions": QUESTIONS}
    return render(request, "prevention/screening_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def intervention_create(request, person_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    screening = person.screenings.first()
    return person_step(
        request,
        person,
        InterventionForm(request.POST or None),
        act=lambda data: services.record_intervention(
            request.user, person=person, screening=screening, **data
        ),
        done=said(_("Đã ghi nhận tư vấn, can thiệp.")),
        title=_("Tư vấn, can thiệp ngắn"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def tag(request, person_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    return person_step(
        request,
        person,
        TagForm(request.POST or None),
        act=lambda data: services.tag_person(request.user, person=person, **data),
        done=said(_("Đã ghi nhận.")),
        title=_("Nhóm nguy cơ cao"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def sessions(request):
    """Prevention sessions of the user's unit; commune staff record new ones."""
    if not request.user.has_cap(Cap.VIEW_PEOPLE):
        raise PermissionDenied
    can_add = request.user.has_cap(Cap.EDIT_PEOPLE) and bool(request.user.commune_id)
    form = SessionForm(request.POST or None) if can_add else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.record_session(request.user, data=form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi nhận buổi tuyên truyền, phòng ngừa."))
                return redirect("prevention:sessions")
    rows = PreventionSession.objects.filter(unit_filter(request.user)).select_related("audience", "commune")[
        :200
    ]
    context = {"sessions": rows, "form": form}
    return render(request, "prevention/sessions.html", context, status=400 if form and form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def groups(request):
    """The configurable list of high-risk groups (system administrator)."""
    if not request.user.has_cap(Cap.MANAGE_USERS):
        raise PermissionDenied
    form = RiskGroupForm(request.POST or None)
    if request.method == "POST":
        retire = request.POST.get("retire")
        if retire:
            services.retire_risk_group(request.user, group=get_object_or_404(RiskGroup, code=retire))
            return redirect("prevention:groups")
        if form.is_valid():
            try:
                services.add_risk_group(request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("prevention:groups")
    context = {"groups": RiskGroup.objects.all(), "form": form}
    return render(request, "prevention/groups.html", context, status=400 if form.errors else 200)
