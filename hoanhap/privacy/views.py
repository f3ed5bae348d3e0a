import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from hoanhap.accounts.roles import Cap, Level
from hoanhap.audit.models import Purpose
from hoanhap.lib.forms import add_service_errors
from hoanhap.people.models import Person
from hoanhap.people.selectors import get_person_for_user, is_trace_for
from hoanhap.privacy import retention as retention_rules
from hoanhap.privacy import services
from hoanhap.privacy.forms import AnswerForm, BreachForm, CloseForm, NoticeForm, RequestForm


def _handles_requests(user) -> bool:
    return bool(user.has_cap(Cap.HANDLE_DATA_REQUESTS) and user.level is Level.COMMUNE and user.commune_id)


@login_required
def requests(request):
    """The commune's register of requests from people about their own data; a new one."""
    if not _handles_requests(request.user):
        raise PermissionDenied
    initial = {"person": request.GET.get("ho_so")} if request.method == "GET" else None
    form = RequestForm(request.POST or None, initial=initial)
    link_error = None
    try:
        linked = _linked_person(request.user, form["person"].value())
    except ValueError:
        linked, link_error = None, _("Mã hồ sơ không hợp lệ.")
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("person")
        try:
            made = services.receive_request(request.user, data=data, person=linked)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã ghi nhận yêu cầu; hạn trả lời %(d)s.") % {"d": f"{made.due_at:%d/%m/%Y %H:%M}"},
            )
            return redirect("privacy:request", request_uuid=made.uuid)
    context = {
        "form": form,
        "linked": linked,
        "link_error": link_error,
        "items": services.requests_for(request.user).select_related("person")[:200],
        "now": now(),
    }
    return render(request, "privacy/requests.html", context, status=400 if form.errors or link_error else 200)


def _linked_person(user, raw) -> Person | None:
    """The record a request is about, through the registry's access helper (a read, audited). A
    value that is not a record's code raises ValueError; a record outside the commune, or one it
    transferred away, is not found (404)."""
    if not raw:
        return None
    person = get_person_for_user(user, uuid.UUID(str(raw)), purpose=Purpose.DATA_PROTECTION)
    if is_trace_for(user, person):
        raise Http404
    return person


@login_required
def request_detail(request, request_uuid):
    if not _handles_requests(request.user):
        raise PermissionDenied
    item = get_object_or_404(services.requests_for(request.user), uuid=request_uuid)
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        if not item.open:
            messages.error(request, _("Yêu cầu này đã được trả lời."))
            return redirect("privacy:request", request_uuid=item.uuid)
        if form.is_valid():
            try:
                services.answer_request(request.user, request=item, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi nhận việc trả lời yêu cầu."))
                return redirect("privacy:requests")
    context = {"item": item, "form": form}
    return render(request, "privacy/request.html", context, status=400 if form.errors else 200)


@login_required
def breaches(request):
    """The unit's breach register; a new breach."""
    if not request.user.has_cap(Cap.RECORD_BREACHES):
        raise PermissionDenied
    form = BreachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            breach = services.record_breach(request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if breach.notify_by:
                messages.warning(
                    request,
                    _("Đã ghi nhận sự cố. Phải thông báo cho cơ quan chuyên trách trước %(d)s.")
                    % {"d": f"{breach.notify_by:%d/%m/%Y %H:%M}"},
                )
            else:
                messages.success(request, _("Đã ghi nhận sự cố."))
            return redirect("privacy:breach", breach_uuid=breach.uuid)
    context = {"form": form, "items": services.breaches_for(request.user)[:200], "now": now()}
    return render(request, "privacy/breaches.html", context, status=400 if form.errors else 200)


@login_required
def breach_detail(request, breach_uuid):
    if not request.user.has_cap(Cap.RECORD_BREACHES):
        raise PermissionDenied
    breach = get_object_or_404(services.breaches_for(request.user), uuid=breach_uuid)
    notice, close = NoticeForm(prefix="notice"), CloseForm(prefix="close")
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "notify":
                notice = NoticeForm(request.POST, prefix="notice")
                if notice.is_valid():
                    services.note_notice(
                        request.user,
                        breach=breach,
                        notified_at=notice.cleaned_data["notified_at"],
                        reference=notice.cleaned_data["notice_reference"],
                    )
                    messages.success(request, _("Đã ghi nhận việc thông báo."))
                    return redirect("privacy:breach", breach_uuid=breach.uuid)
            elif action == "close":
                close = CloseForm(request.POST, prefix="close")
                if close.is_valid():
                    services.close_breach(
                        request.user, breach=breach, measures=close.cleaned_data["measures"]
                    )
                    messages.success(request, _("Đã kết thúc xử lý sự cố."))
                    return redirect("privacy:breaches")
            else:
                messages.error(request, _("Thao tác không hợp lệ."))
        except ValidationError as exc:
            add_service_errors(notice if action == "notify" else close, exc)
    bad = notice.errors or close.errors or request.method == "POST"
    context = {"breach": breach, "notice": notice, "close": close}
    return render(request, "privacy/breach.html", context, status=400 if bad else 200)


@login_required
@require_safe
def retention(request):
    """What the retention job would erase or anonymise today, per rule (a dry run: counts only)."""
    if not request.user.has_cap(Cap.MANAGE_USERS):  # national counts: the system's administrators
        raise PermissionDenied
    lines = retention_rules.run(dry_run=True)
    return render(request, "privacy/retention.html", {"lines": lines})
