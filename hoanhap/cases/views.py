from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hoanhap.accounts.roles import Cap
from hoanhap.accounts.scoping import can_write
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.cases import services
from hoanhap.cases.due import due_items_for_commune
from hoanhap.cases.forms import (
    AftercareEventForm,
    AftercareForm,
    AssessmentForm,
    DrugTestForm,
    EventForm,
    ManagementForm,
    RehabEventForm,
    RehabRegistrationForm,
)
from hoanhap.cases.lifecycle import STATE_LABELS, allowed_moves
from hoanhap.cases.rehab import (
    AFTERCARE_STATE_LABELS,
    EPISODE_STATE_LABELS,
    EpisodeState,
    allowed_aftercare_moves,
    allowed_episode_moves,
)
from hoanhap.cases.status import status_of
from hoanhap.cases.timeline import timeline
from hoanhap.lib.forms import add_service_errors
from hoanhap.people.selectors import get_person_for_user, is_trace_for


@login_required
def person_panel(request, person_uuid):
    """Status, next steps and timeline of one person, shown inside the person's page."""
    person = get_person_for_user(request.user, person_uuid)
    if is_trace_for(request.user, person):
        raise PermissionDenied
    writable = can_write(request.user, person)
    managements = list(person.user_managements.prefetch_related("events"))
    context = {
        "person": person,
        "status": status_of(person),
        "timeline": timeline(person),
        "can_write": writable,
        "pending_tests": person.drug_tests.filter(result="positive", management__isnull=True)
        if writable
        else [],
        "open": [
            (m, STATE_LABELS[m.state], allowed_moves(m.state)) for m in managements if allowed_moves(m.state)
        ],
        "awaiting_aftercare": [
            e
            for e in person.rehab_episodes.filter(aftercare__isnull=True).prefetch_related("events")
            if e.state is EpisodeState.COMPLETED
        ]
        if writable
        else [],
        "aftercares": [
            (a, AFTERCARE_STATE_LABELS[a.state])
            for a in person.aftercares.prefetch_related("events")
            if allowed_aftercare_moves(a.state)
        ],
        "episodes": [
            (e, EPISODE_STATE_LABELS[e.state])
            for e in person.rehab_episodes.prefetch_related("events")
            if allowed_episode_moves(e.state, e.form)
        ],
    }
    return render(request, "cases/_panel.html", context)


def _writable_person(request, person_uuid):
    return get_person_for_user(request.user, person_uuid, write=True)


def _step(request, person, form, *, act, done, title):
    """One form per legal step: validate, let the service apply the rule, back to the person's page.
    ``done`` gives the success message from what the service returned."""
    if request.method == "POST" and form.is_valid():
        try:
            result = act(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done(result))
            return redirect("people:detail", person_uuid=person.uuid)
    context = {"form": form, "person": person, "title": title}
    return render(request, "cases/step_form.html", context, status=400 if form.errors else 200)


def _said(message):
    return lambda _result: message


@login_required
@require_http_methods(["GET", "POST"])
def test_create(request, person_uuid):
    person = _writable_person(request, person_uuid)
    return _step(
        request,
        person,
        DrugTestForm(request.POST or None),
        act=lambda data: services.record_drug_test(request.user, person=person, data=data),
        done=_said(_("Đã ghi nhận kết quả xét nghiệm.")),
        title=_("Ghi nhận xét nghiệm chất ma túy"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def management_create(request, person_uuid, test_uuid):
    person = _writable_person(request, person_uuid)
    test = get_object_or_404(person.drug_tests, uuid=test_uuid)
    return _step(
        request,
        person,
        ManagementForm(request.POST or None),
        act=lambda data: services.decide_user_management(
            request.user, person=person, source_test=test, **data
        ),
        done=_said(_("Đã ghi nhận quyết định quản lý.")),
        title=_("Quyết định quản lý người sử dụng trái phép chất ma túy"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def management_event(request, person_uuid, management_uuid):
    person = _writable_person(request, person_uuid)
    management = get_object_or_404(person.user_managements, uuid=management_uuid)
    form = EventForm(request.POST or None, allowed=allowed_moves(management.state))
    return _step(
        request,
        person,
        form,
        act=lambda data: services.record_management_event(request.user, management=management, **data),
        done=_said(_("Đã ghi nhận.")),
        title=_("Tạm đình chỉ, dừng, chấm dứt quản lý"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create(request, person_uuid):
    person = _writable_person(request, person_uuid)
    return _step(
        request,
        person,
        AssessmentForm(request.POST or None),
        act=lambda data: services.record_assessment(request.user, person=person, data=data),
        done=lambda r: _("Kết luận: nghiện ma túy.") if r.addicted else _("Kết luận: không nghiện."),
        title=_("Kết quả xác định tình trạng nghiện ma túy"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def rehab_register(request, person_uuid):
    person = _writable_person(request, person_uuid)
    return _step(
        request,
        person,
        RehabRegistrationForm(request.POST or None),
        act=lambda data: services.register_voluntary_rehab(request.user, person=person, **data),
        done=_said(_("Đã tiếp nhận đăng ký cai nghiện tự nguyện.")),
        title=_("Tiếp nhận đăng ký cai nghiện tự nguyện"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def rehab_event(request, person_uuid, episode_uuid):
    person = _writable_person(request, person_uuid)
    episode = get_object_or_404(person.rehab_episodes, uuid=episode_uuid)
    form = RehabEventForm(request.POST or None, allowed=allowed_episode_moves(episode.state, episode.form))
    return _step(
        request,
        person,
        form,
        act=lambda data: services.record_rehab_event(request.user, episode=episode, **data),
        done=_said(_("Đã ghi nhận.")),
        title=_("Diễn biến đợt cai nghiện"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def aftercare_create(request, person_uuid, episode_uuid):
    person = _writable_person(request, person_uuid)
    episode = get_object_or_404(person.rehab_episodes, uuid=episode_uuid)
    return _step(
        request,
        person,
        AftercareForm(request.POST or None),
        act=lambda data: services.decide_aftercare(request.user, episode=episode, **data),
        done=_said(_("Đã ghi nhận quyết định quản lý sau cai nghiện.")),
        title=_("Quyết định quản lý sau cai nghiện"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def aftercare_event(request, person_uuid, aftercare_uuid):
    person = _writable_person(request, person_uuid)
    aftercare = get_object_or_404(person.aftercares, uuid=aftercare_uuid)
    form = AftercareEventForm(request.POST or None, allowed=allowed_aftercare_moves(aftercare.state))
    return _step(
        request,
        person,
        form,
        act=lambda data: services.record_aftercare_event(request.user, aftercare=aftercare, **data),
        done=_said(_("Đã ghi nhận.")),
        title=_("Diễn biến quản lý sau cai nghiện"),
    )


@login_required
def inbox(request):
    """What the commune must do next, soonest first; overdue items are marked for the head."""
    if not (request.user.has_cap(Cap.VIEW_PEOPLE) and request.user.commune_id):
        raise PermissionDenied
    items = due_items_for_commune(request.user.commune_id)
    # The inbox names people: it is a read of the registry, audited like a search (counts only).
    record(request.user, Action.PERSON_SEARCH, purpose=Purpose.CASE_WORK, extra={"inbox": len(items)})
    return render(request, "cases/inbox.html", {"items": items})
