from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hoanhap.accounts.roles import Cap
from hoanhap.accounts.scoping import can_write
from hoanhap.lib.forms import add_service_errors
from hoanhap.people.selectors import get_person_for_user, is_trace_for
from hoanhap.support import selectors, services
from hoanhap.support.forms import AssignmentForm, ContactForm, EndAssignmentForm, ServiceForm
from hoanhap.support.models import Concern


def _helper(request):
    if not request.user.has_cap(Cap.SUPPORT_ASSIGNED):
        raise PermissionDenied
    return request.user


@login_required
def mine(request):
    """The helper's phone view: the people assigned to them now, soonest contact first."""
    helper = _helper(request)
    rows = sorted(
        ((a, selectors.card(a), selectors.next_contact_due(a)) for a in selectors.my_assignments(helper)),
        key=lambda row: row[2],
    )
    return render(request, "support/mine.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def visit(request, assignment_uuid):
    """One assigned person: how to reach them, when the next contact is due, and the contact form."""
    helper = _helper(request)
    assignment = selectors.get_assignment_for_helper(helper, assignment_uuid)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_contact(helper, assignment=assignment, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận."))
            return redirect("support:visit", assignment_uuid=assignment.uuid)
    labels = dict(Concern.choices)
    contacts = [
        (c, [labels[x] for x in c.concerns]) for c in assignment.contacts.filter(created_by=helper)[:10]
    ]
    context = {
        "assignment": assignment,
        "card": selectors.card(assignment),
        "due": selectors.next_contact_due(assignment),
        "overdue": selectors.is_overdue(assignment),
        "form": form,
        "contacts": contacts,
    }
    return render(request, "support/visit.html", context, status=400 if form.errors else 200)


@login_required
def panel(request, person_uuid):
    """Helpers and support services of one person, inside the person's page (commune side)."""
    person = get_person_for_user(request.user, person_uuid)
    if is_trace_for(request.user, person):
        raise PermissionDenied
    assignments = [
        (a, selectors.next_contact_due(a))
        for a in person.assignments.select_related("helper").prefetch_related("contacts")
    ]
    context = {
        "person": person,
        "assignments": assignments,
        "services": person.support_services.all(),
        "can_write": can_write(request.user, person),
    }
    return render(request, "support/_panel.html", context)


def _step(request, person, form, act, title):
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận."))
            return redirect("people:detail", person_uuid=person.uuid)
    context = {"form": form, "person": person, "title": title}
    return render(request, "cases/step_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def assign(request, person_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    form = AssignmentForm(request.POST or None, commune_id=person.commune_id)
    act = lambda data: services.assign_helper(request.user, person=person, **data)  # noqa: E731
    return _step(request, person, form, act, _("Phân công người giúp đỡ"))


@login_required
@require_http_methods(["GET", "POST"])
def end(request, person_uuid, assignment_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    assignment = get_object_or_404(person.assignments, uuid=assignment_uuid)
    form = EndAssignmentForm(request.POST or None)
    act = lambda data: services.end_assignment(request.user, assignment=assignment, **data)  # noqa: E731
    return _step(request, person, form, act, _("Kết thúc phân công giúp đỡ"))


@login_required
@require_http_methods(["GET", "POST"])
def service(request, person_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    form = ServiceForm(request.POST or None)
    act = lambda data: services.record_service(request.user, person=person, data=data)  # noqa: E731
    return _step(request, person, form, act, _("Ghi nhận hỗ trợ tái hòa nhập"))
