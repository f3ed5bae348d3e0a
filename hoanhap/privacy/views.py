import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from hoanhap.accounts.scoping import get_for_user
from hoanhap.audit.models import Action, Purpose
from hoanhap.geo.models import Province
from hoanhap.law import personal_data
from hoanhap.lib.forms import add_service_errors
from hoanhap.lib.roles import Cap, Level
from hoanhap.people.models import Person
from hoanhap.people.selectors import get_person_for_user, is_trace_for
from hoanhap.privacy import notice as notice_form
from hoanhap.privacy import retention as retention_rules
from hoanhap.privacy import services
from hoanhap.privacy.forms import (
    AnswerForm,
    BreachForm,
    CloseForm,
    ExtensionForm,
    NoticeForm,
    OfficerForm,
    RecordForm,
    RequestForm,
    ResponseForm,
)


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
                _("Đã ghi nhận yêu cầu.")
                + (
                    " " + _("Hạn phản hồi %(d)s.") % {"d": f"{made.due_at:%d/%m/%Y %H:%M}"}
                    if made.due_at
                    else ""
                ),
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
    """One request: reply to it, extend the time to carry it out (once), answer it."""
    if not _handles_requests(request.user):
        raise PermissionDenied
    # The requester's name and contact are personal data: the read is audited, a refusal recorded.
    item = get_for_user(
        request.user,
        services.requests_for(request.user),
        request_uuid,
        purpose=Purpose.DATA_PROTECTION,
        read=Action.DATA_REQUEST,
        extra={"step": "read"},
    )
    grounds = personal_data.refusal_grounds(item.kind, regime=services.request_regime(item))
    action = request.POST.get("action", "answer") if request.method == "POST" else ""
    forms_ = {
        "respond": ResponseForm(request.POST if action == "respond" else None, prefix="respond"),
        "extend": ExtensionForm(request.POST if action == "extend" else None, prefix="extend"),
        "answer": AnswerForm(request.POST if action == "answer" else None, grounds=grounds),
    }
    if request.method == "POST":
        if not item.open:
            messages.error(request, _("Yêu cầu này đã được trả lời."))
            return redirect("privacy:request", request_uuid=item.uuid)
        form = forms_.get(action)
        if form is None:
            messages.error(request, _("Thao tác không hợp lệ."))
        elif form.is_valid():
            try:
                _REQUEST_STEPS[action](request.user, item, form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi nhận."))
                return redirect("privacy:request", request_uuid=item.uuid)
    extension = personal_data.extension_rule(item.kind, regime=services.request_regime(item))
    context = {
        "item": item,
        "response_form": forms_["respond"],
        "extension_form": forms_["extend"],
        "form": forms_["answer"],
        "extension_rule": extension,
    }
    return render(request, "privacy/request.html", context, status=400 if request.method == "POST" else 200)


_REQUEST_STEPS = {
    "respond": lambda user, item, data: services.respond_to_request(user, request=item, **data),
    "extend": lambda user, item, data: services.extend_request(user, request=item, **data),
    "answer": lambda user, item, data: services.answer_request(user, request=item, **data),
}


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
    breaches = services.breaches_for(request.user).select_related("province", "commune")
    breach = get_for_user(
        request.user,
        breaches,
        breach_uuid,
        purpose=Purpose.DATA_PROTECTION,
        read=Action.BREACH,
        extra={"step": "read"},
    )
    action = request.POST.get("action", "") if request.method == "POST" else ""
    forms_ = {
        "notify": NoticeForm(request.POST if action == "notify" else None, prefix="notice"),
        "record": RecordForm(request.POST if action == "record" else None, prefix="record"),
        "close": CloseForm(request.POST if action == "close" else None, prefix="close"),
    }
    if request.method == "POST":
        form = forms_.get(action)
        if form is None:
            messages.error(request, _("Thao tác không hợp lệ."))
        elif form.is_valid():
            try:
                _BREACH_STEPS[action](request.user, breach, form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi nhận."))
                if action == "close":
                    return redirect("privacy:breaches")
                return redirect("privacy:breach", breach_uuid=breach.uuid)
    context = {
        "breach": breach,
        "notice": forms_["notify"],
        "record_form": forms_["record"],
        "close": forms_["close"],
        "notice_draft": notice_form.available(breach),
    }
    return render(request, "privacy/breach.html", context, status=400 if request.method == "POST" else 200)


_BREACH_STEPS = {
    "notify": lambda user, breach, data: services.note_notice(
        user,
        breach=breach,
        notified_at=data["notified_at"],
        reference=data["notice_reference"],
        channel=data["notice_channel"],
        late_reason=data["late_reason"],
    ),
    "record": lambda user, breach, data: services.note_record(
        user, breach=breach, reference=data["record_reference"], made_on=data["record_made_on"]
    ),
    "close": lambda user, breach, data: services.close_breach(user, breach=breach, measures=data["measures"]),
}


@login_required
@require_safe
def breach_notice(request, breach_uuid):
    """The draft notice to the agency (NĐ 356/2025 Mẫu 08), as a Word file to complete and sign."""
    if not request.user.has_cap(Cap.RECORD_BREACHES):
        raise PermissionDenied
    breaches = services.breaches_for(request.user).select_related("province", "commune")
    # The download itself is audited below, as an export.
    breach = get_for_user(request.user, breaches, breach_uuid, purpose=Purpose.DATA_PROTECTION, read=None)
    if not notice_form.available(breach):
        raise Http404
    content = services.notice_draft(request.user, breach=breach)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = 'attachment; filename="thong-bao-vi-pham-du-lieu-ca-nhan.docx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def officers(request, province_code=None):
    """The data-protection unit or officer each province has designated (Luật 91/2025 Điều 33.2),
    which breach notices name; recorded by the system's administrators."""
    if not services.can_designate(request.user):
        raise PermissionDenied
    provinces = Province.objects.order_by("code")
    province = get_object_or_404(provinces, code=province_code) if province_code else None
    officer = services.officer_for(province.pk) if province else None
    initial = {f: getattr(officer, f) for f in OfficerForm.base_fields if officer} if officer else {}
    form = OfficerForm(request.POST if request.method == "POST" and province else None, initial=initial)
    if request.method == "POST" and province and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.designate_officer(request.user, province=province, data=data, version=version)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu bộ phận, nhân sự bảo vệ dữ liệu cá nhân."))
            return redirect("privacy:officer", province_code=province.pk)
    if request.method == "POST" and not province:
        messages.error(request, _("Chọn tỉnh, thành phố."))
    designated = {o.province_id: o for o in services.officers_all()}
    context = {
        "rows": [(p, designated.get(p.pk)) for p in provinces],
        "province": province,
        "form": form,
    }
    bad = request.method == "POST"
    return render(request, "privacy/officers.html", context, status=400 if bad else 200)


@login_required
@require_safe
def retention(request):
    """What the retention job would erase or anonymise today, per rule (a dry run: counts only)."""
    if not request.user.has_cap(Cap.MANAGE_USERS):  # national counts: the system's administrators
        raise PermissionDenied
    lines = retention_rules.run(dry_run=True)
    return render(request, "privacy/retention.html", {"lines": lines})
