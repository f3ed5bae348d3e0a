"""Session limits and the two-factor gate."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from hoanhap.accounts.services import requires_two_factor
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record

SESSION_STARTED = "hoanhap_started"
SESSION_RENEWED = "hoanhap_renewed"


class SessionLimitsMiddleware:
    """Absolute session lifetime. The idle limit is the session cookie age, renewed by activity:
    a request renews it (saves the session, which moves its expiry) when the last renewal is over
    ``SESSION_RENEW_SECONDS`` old, so the idle limit holds to within that margin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SESSION_STARTED, now)
            if now - request.session.get(SESSION_RENEWED, 0) > settings.SESSION_RENEW_SECONDS:
                request.session[SESSION_RENEWED] = now
            if now - started > settings.SESSION_ABSOLUTE_SECONDS:
                record(request.user, Action.SESSION_EXPIRED, purpose=Purpose.SECURITY)
                logout(request)
                messages.info(request, _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."))
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


# Pages a signed-in but not yet verified user may open.
_OPEN_PATHS = ("accounts:otp_verify", "accounts:otp_enroll", "accounts:logout", "set_language")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and requires_two_factor(user)
            and request.path not in {reverse(name) for name in _OPEN_PATHS}
        ):
            return redirect("accounts:otp_verify")
        return self.get_response(request)
