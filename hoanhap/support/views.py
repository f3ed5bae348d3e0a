from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from hoanhap.accounts.scoping import can_write
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.cases.rehab import OPEN_AFTERCARE_STATES
from hoanhap.lib.dates import today
from hoanhap.lib.forms import add_service_errors
from hoanhap.lib.roles import Cap
from hoanhap.lib.steps import person_step, said
from hoanhap.people.selectors import get_person_for_user, is_trace_for
from hoanhap.support import selectors, services
from hoanhap.support.forms import (
    AssignmentForm,
    CheckInForm,
    ContactForm,
    EndAssignmentForm,
    PlanForm,
    ProviderForm,
    ReferralAnswerForm,
    ReferralForm,
    ServiceForm,
)
from hoanhap.support.models import CheckInKind, Concern, PreventionPlan, ProviderKind, ReferralStatus


def _helper(request):
    if not request.user.has_cap(Cap.SUPPORT_ASSIGNED):
        raise PermissionDenied
    return request.user


@login_required
@require_safe
def mine(request):
    """The helper's phone view: the people assigned to them now, soonest contact first."""
    helper = _helper(request)
    rows = sorted(
        ((a, selectors.card(a), selectors.next_contact_due(a)) for a in selectors.my_assignments(helper)),
        key=lambda row: row[2],
    )
    # The list names people: a read of the helper's assignments, audited like a search (count only).
    record(helper, Action.PERSON_SEARCH, purpose=Purpose.CASE_WORK, extra={"assignments": len(rows)})
    return render(request, "support/mine.html", {"rows": rows, "today": today()})


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
@require_safe
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
        "referrals": person.referrals.select_related("provider"),
        "plans": _plans(person),
        "today": today(),
        "can_write": can_write(request.user, person),
    }
    return render(request, "support/_panel.html", context)


def _plans(person):
    """Open aftercare terms with their plan (or none yet), and the next check-in and test."""
    rows = []
    for aftercare in person.aftercares.prefetch_related("events"):
        if aftercare.state not in OPEN_AFTERCARE_STATES:
            continue
        plan = PreventionPlan.objects.filter(aftercare=aftercare).prefetch_related("checkins").first()
        due = (plan.next_due(CheckInKind.CHECKIN), plan.next_due(CheckInKind.TEST)) if plan else (None, None)
        rows.append((aftercare, plan, *due))
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def assign(request, person_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    form = AssignmentForm(request.POST or None, commune_id=person.commune_id)
    act = lambda data: services.assign_helper(request.user, person=person, **data)  # noqa: E731
    return person_step(
        request, person, form, act=act, done=said(_("Đã ghi nhận.")), title=_("Phân công người giúp đỡ")
    )


@login_required
@require_http_methods(["GET", "POST"])
def end(request, person_uuid, assignment_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    assignment = get_object_or_404(person.assignments, uuid=assignment_uuid)
    form = EndAssignmentForm(request.POST or None)
    act = lambda data: services.end_assignment(request.user, assignment=assignment, **data)  # noqa: E731
    return person_step(
        request, person, form, act=act, done=said(_("Đã ghi nhận.")), title=_("Kết thúc phân công giúp đỡ")
    )


@login_required
@require_http_methods(["GET", "POST"])
def service(request, person_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    form = ServiceForm(request.POST or None)
    act = lambda data: services.record_service(request.user, person=person, data=data)  # noqa: E731
    return person_step(
        request, person, form, act=act, done=said(_("Đã ghi nhận.")), title=_("Ghi nhận hỗ trợ tái hòa nhập")
    )


@login_required
@require_http_methods(["GET", "POST"])
def directory(request):
    """Providers in the user's province, by kind and commune; communes add their own."""
    kind, q = request.GET.get("kind", ""), request.GET.get("q", "")[:100]
    can_add = request.user.has_cap(Cap.EDIT_PEOPLE) and bool(request.user.commune_id)
    form = ProviderForm(request.POST or None) if can_add else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            services.add_provider(request.user, data=form.cleaned_data)
            messages.success(request, _("Đã thêm vào danh bạ."))
            return redirect("support:directory")
    providers = selectors.providers_for(request.user, kind=kind, q=q)
    context = {"providers": providers, "kinds": ProviderKind.choices, "kind": kind, "q": q, "form": form}
    return render(request, "support/directory.html", context, status=400 if form and form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def referral_create(request, person_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    form = ReferralForm(request.POST or None, province_id=person.province_id)
    act = lambda data: services.send_referral(request.user, person=person, **data)  # noqa: E731
    return person_step(
        request, person, form, act=act, done=said(_("Đã ghi nhận.")), title=_("Giới thiệu, chuyển gửi")
    )


def receives_referrals(user) -> bool:
    """A facility's staff open the referrals page only once linked to a provider (the menu asks too)."""
    return user.providers.exists()


@login_required
@require_safe
def referrals(request):
    """Referrals sent by the user's unit, received by the user's providers, and overdue answers."""
    sends, receives = request.user.has_cap(Cap.VIEW_PEOPLE), receives_referrals(request.user)
    if not (sends or receives):
        raise PermissionDenied
    sent = list(selectors.referrals_sent(request.user)[:200]) if sends else []
    received = list(selectors.referrals_received(request.user)[:200]) if receives else []
    # A facility's staff see what was sent to them; a commune's, what it sent and what is late.
    context = {
        "sent": sent,
        "received": received,
        "overdue": [r for r in sent if r.overdue],
        "sends": sends,
        "receives": receives,
    }
    record(
        request.user,
        Action.PERSON_SEARCH,
        purpose=Purpose.CASE_WORK,
        extra={"referrals": len(sent) + len(received)},
    )
    return render(request, "support/referrals.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def referral_answer(request, referral_uuid):
    referral = selectors.get_referral_for_user(request.user, referral_uuid)
    allowed = services.REFERRAL_MOVES.get(ReferralStatus(referral.status), ())
    form = ReferralAnswerForm(request.POST or None, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_referral(request.user, referral=referral, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận."))
            return redirect("support:referrals")
    context = {"referral": referral, "form": form if allowed else None}
    return render(request, "support/referral.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, person_uuid, aftercare_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    aftercare = get_object_or_404(person.aftercares, uuid=aftercare_uuid)
    act = lambda data: services.make_plan(request.user, aftercare=aftercare, **data)  # noqa: E731
    return person_step(
        request,
        person,
        PlanForm(request.POST or None),
        act=act,
        done=said(_("Đã ghi nhận.")),
        title=_("Kế hoạch phòng, chống tái nghiện"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, person_uuid, plan_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    plan = get_object_or_404(PreventionPlan, uuid=plan_uuid, aftercare__person=person)
    act = lambda data: services.record_checkin(request.user, plan=plan, **data)  # noqa: E731
    title = _("Thực hiện kế hoạch phòng, chống tái nghiện")
    form = CheckInForm(request.POST or None)
    return person_step(request, person, form, act=act, done=said(_("Đã ghi nhận.")), title=title)
