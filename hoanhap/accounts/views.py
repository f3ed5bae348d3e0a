import base64
import math

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice

from hoanhap.accounts import services, throttle
from hoanhap.accounts.forms import EnrolmentCodeForm, LoginForm, SecondFactorForm, TokenForm, UserCreateForm
from hoanhap.accounts.models import User
from hoanhap.accounts.scoping import unit_filter
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.lib.client import client_address
from hoanhap.lib.forms import add_service_errors
from hoanhap.lib.roles import Cap


def login_view(request):
    if request.user.is_authenticated and request.user.is_verified():
        return redirect("web:home")
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST":
        address, username = client_address(request), request.POST.get("username", "")
        wait = throttle.wait_seconds(address=address, username=username)
        if wait:  # refused before the password is checked: waiting is the only way on
            services.note_throttled_login(username=username, seconds=wait)
            return _throttled(request, wait)
        if form.is_valid():
            user = form.get_user()
            login(request, user)
            services.note_login(user=user, session_key=request.session.session_key, address=address)
            return redirect(_after_password(request, user))
        if form.has_error(NON_FIELD_ERRORS, "invalid_login"):
            services.note_failed_login(username=username, address=address)
    return render(request, "accounts/login.html", {"form": form}, status=400 if form.errors else 200)


def _throttled(request, seconds: int):
    """One message whatever the reason (this name's back-off, or the address's spraying
    cool-off), and the same for a name that exists or not."""
    minutes = math.ceil(seconds / 60)
    text = ngettext(
        "Đăng nhập sai nhiều lần. Vui lòng thử lại sau %(minutes)d phút.",
        "Đăng nhập sai nhiều lần. Vui lòng thử lại sau %(minutes)d phút.",
        minutes,
    )
    context = {"form": LoginForm(request), "lockout": text % {"minutes": minutes}}
    response = render(request, "accounts/login.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


def _after_password(request, user) -> str:
    if services.requires_two_factor(user):
        return "accounts:otp_verify" if services.has_confirmed_device(user) else "accounts:otp_enroll"
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    return "web:home"


@login_required
def otp_verify(request):
    if not services.has_confirmed_device(request.user):
        return redirect("accounts:otp_enroll")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            _second_factor_passed(request, device)
            if isinstance(device, StaticDevice):
                _recovery_code_used(request)
            return redirect("web:home")
        record(request.user, Action.OTP_FAILED, purpose=Purpose.SECURITY)
        form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn."))
    return render(request, "accounts/otp_verify.html", {"form": form}, status=400 if form.errors else 200)


def _recovery_code_used(request) -> None:
    left = services.note_recovery_code_used(user=request.user)
    text = ngettext(
        "Bạn vừa đăng nhập bằng một mã khôi phục; còn %(left)d mã. "
        "Nếu mất điện thoại, hãy báo quản trị hệ thống.",
        "Bạn vừa đăng nhập bằng một mã khôi phục; còn %(left)d mã. "
        "Nếu mất điện thoại, hãy báo quản trị hệ thống.",
        left,
    )
    messages.warning(request, text % {"left": left})


def _second_factor_passed(request, device) -> None:
    """The session is fully signed in from here on: it gets a new key, so a key seen before (after
    the password step, or planted before the log-in) is worth nothing (session fixation)."""
    otp_login(request, device)
    old = request.session.session_key
    request.session.cycle_key()
    services.note_new_session_key(user=request.user, old=old, new=request.session.session_key)


# Enrolling takes two steps in one session: the enrolment code (its id kept here once accepted),
# then the seed of the unconfirmed device this session started, shown to and confirmed by this
# session only (services.start_enrolment).
ENROLMENT_CODE = "hoanhap_enrolment_code"
ENROLMENT_DEVICE = "hoanhap_enrolment_device"


@login_required
def otp_enroll(request):
    if services.has_confirmed_device(request.user):
        return redirect("accounts:otp_verify")
    if ENROLMENT_CODE not in request.session:
        return _enrolment_code_step(request)
    device = services.enrolment_device(request.user, request.session.get(ENROLMENT_DEVICE))
    if device is None:
        device = services.start_enrolment(request.user)
        request.session[ENROLMENT_DEVICE] = device.pk
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_enrolment(
                request.user,
                device=device,
                code_id=request.session[ENROLMENT_CODE],
                token=form.cleaned_data["token"],
            )
        except ValidationError as exc:
            if exc.code != "enrolment_code":
                form.add_error("token", exc)
            else:  # spent or expired meanwhile: back to the first step
                del request.session[ENROLMENT_CODE]
                messages.error(request, " ".join(exc.messages))
                return redirect("accounts:otp_enroll")
        else:
            _second_factor_passed(request, device)
            for key in (ENROLMENT_CODE, ENROLMENT_DEVICE):
                del request.session[key]
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
    qr_uri = segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2)
    secret = base64.b32encode(device.bin_key).decode()
    context = {"form": form, "qr_uri": qr_uri, "secret": secret}
    return render(request, "accounts/otp_enroll.html", context, status=400 if form.errors else 200)


def _enrolment_code_step(request):
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            code = services.accept_enrolment_code(request.user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc)
        else:
            request.session[ENROLMENT_CODE] = code.pk
            return redirect("accounts:otp_enroll")
    status = 400 if form.errors else 200
    return render(request, "accounts/otp_enroll_code.html", {"form": form}, status=status)


@login_required
def security(request):
    """The user's own second factor: whether it is set up, the recovery codes left, and a new list
    of them (shown on the answer to the POST only)."""
    codes = None
    if request.method == "POST":
        try:
            codes = services.issue_recovery_codes(request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    context = {
        "enrolled": services.has_confirmed_device(request.user),
        "left": services.recovery_codes_left(request.user),
        "codes": codes,
    }
    return render(request, "accounts/security.html", context)


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        services.note_logout(user=request.user, session_key=request.session.session_key)
    logout(request)
    return redirect("accounts:login")


def _admin_or_403(user):
    if not user.has_cap(Cap.MANAGE_USERS):
        raise PermissionDenied


def _users_visible_to(user):
    return User.objects.filter(unit_filter(user, cap=Cap.MANAGE_USERS)).select_related("province", "commune")


@login_required
@require_safe
def user_list(request):
    _admin_or_403(request.user)
    users = _users_visible_to(request.user).order_by("role", "username")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page})


@login_required
def user_create(request):
    _admin_or_403(request.user)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        password = data.pop("password")
        try:
            user, code = services.create_user_with_enrolment_code(request.user, password=password, **data)
        except ValidationError as exc:
            add_service_errors(form, exc, default_field="password")
        else:
            messages.success(request, _("Đã tạo tài khoản."))
            return _show_enrolment_code(request, user, code)
    return render(request, "accounts/user_form.html", {"form": form}, status=400 if form.errors else 200)


def _show_enrolment_code(request, user, code):
    """The enrolment code, on the answer to the POST that made it: shown this once, never stored."""
    context = {"account": user, "code": code, "hours": settings.ENROLMENT_CODE_HOURS}
    return render(request, "accounts/enrolment_code.html", context)


@login_required
@require_POST
def user_set_active(request, user_uuid, active):
    _admin_or_403(request.user)
    target = get_object_or_404(_users_visible_to(request.user), uuid=user_uuid)
    try:
        if active:
            services.enable_user(request.user, user=target)
        else:
            services.disable_user(request.user, user=target)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã cập nhật trạng thái tài khoản."))
    return redirect("accounts:user_list")


@login_required
@require_POST
def user_reset_two_factor(request, user_uuid):
    _admin_or_403(request.user)
    target = get_object_or_404(_users_visible_to(request.user), uuid=user_uuid)
    try:
        code = services.reset_two_factor(request.user, user=target)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("accounts:user_list")
    messages.success(request, _("Đã đặt lại xác thực hai lớp và kết thúc mọi phiên của tài khoản."))
    return _show_enrolment_code(request, target, code)
