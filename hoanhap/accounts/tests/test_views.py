import datetime as dt
import time

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

import hoanhap.settings as settings_module
from conftest import PASSWORD
from hoanhap.accounts.middleware import SESSION_RENEWED, SESSION_STARTED
from hoanhap.accounts.models import EnrolmentCode, User
from hoanhap.accounts.services import accept_enrolment_code, issue_enrolment_code
from hoanhap.audit.models import Action, AuditEntry

LOGIN = "/dang-nhap/"


def _post_login(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def _token(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_staff_without_a_device_must_enrol_before_anything_else(officer_a):
    code = issue_enrolment_code(None, user=officer_a)
    client = Client()
    response = _post_login(client, "officer_a")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:otp_enroll")
    assert client.get(reverse("people:search")).status_code == 302  # gated until verified
    assert client.post(reverse("accounts:otp_enroll"), {"code": code}).status_code == 302
    page = client.get(reverse("accounts:otp_enroll"))
    assert page.status_code == 200 and b"data:image/svg+xml" in page.content
    device = TOTPDevice.objects.get(user=officer_a, confirmed=False)
    assert client.post(reverse("accounts:otp_enroll"), {"token": "000000"}).status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # a failure throttles the next attempt for a second; the user waits it out
    response = client.post(reverse("accounts:otp_enroll"), {"token": _token(device)})
    assert response.status_code == 200 and len(response.context["codes"]) == 10  # the recovery codes
    assert client.get(reverse("people:search")).status_code == 200
    assert AuditEntry.objects.filter(actor=officer_a, action=Action.OTP_ENROLLED).exists()


def test_enrolled_staff_must_give_a_valid_token(officer_a):
    device = TOTPDevice.objects.create(user=officer_a, name="phone", confirmed=True)
    client = Client()
    assert _post_login(client, "officer_a")["Location"] == reverse("accounts:otp_verify")
    response = client.post(reverse("accounts:otp_verify"), {"token": "123456"})
    assert response.status_code == 400 and "không đúng" in response.content.decode()
    assert AuditEntry.objects.filter(actor=officer_a, action=Action.OTP_FAILED).exists()
    device.refresh_from_db()
    device.throttle_reset()  # a failure throttles the next attempt for a second; the user waits it out
    assert client.post(reverse("accounts:otp_verify"), {"token": _token(device)}).status_code == 302
    assert client.get(reverse("web:home")).status_code == 200


@override_settings(DEMO_MODE=True)
def test_demo_users_are_exempt_only_in_demo_mode(units):
    from hoanhap.accounts.services import create_user, requires_two_factor

    demo = create_user(None, password=PASSWORD, username="demo", role="commune_police", commune_id="17464",
                       is_demo=True)  # fmt: skip
    client = Client()
    assert _post_login(client, "demo")["Location"] == reverse("web:home")
    with override_settings(DEMO_MODE=False):
        assert requires_two_factor(demo)


def test_successful_and_failed_log_ins_are_audited(officer_a):
    _post_login(Client(), "officer_a")
    response = _post_login(Client(), "officer_a", "wrong-password")
    assert response.status_code == 400 and "không đúng" in response.content.decode()
    assert AuditEntry.objects.filter(actor=officer_a, action=Action.LOGIN).count() == 1
    failed = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert failed.actor is None and failed.actor_username == "officer_a"


def test_disabled_user_loses_every_session_at_once(officer_a, sysadmin, login):
    first, second = Client(), Client()
    _post_login(first, "officer_a")
    _post_login(second, "officer_a")
    assert Session.objects.count() == 2
    admin = login(sysadmin)
    response = admin.post(reverse("accounts:user_disable", args=[officer_a.uuid]))
    assert response.status_code == 302
    assert Session.objects.count() == 1  # only the administrator's own
    assert first.get(reverse("web:home")).status_code == 302
    assert _post_login(Client(), "officer_a").status_code == 400
    entry = AuditEntry.objects.get(action=Action.USER_DISABLE)
    assert entry.extra["sessions"] == 2


def test_only_administrators_manage_users(officer_a, login):
    client = login(officer_a)
    assert client.get(reverse("accounts:user_list")).status_code == 403
    assert client.post(reverse("accounts:user_disable", args=[officer_a.uuid])).status_code == 403


def test_administrator_creates_a_user_with_a_valid_unit_and_password(sysadmin, login):
    client = login(sysadmin)
    base = {"username": "newofficer", "first_name": "An", "last_name": "Lê Văn", "role": "commune_police"}
    response = client.post(reverse("accounts:user_create"), {**base, "password": "short", "commune": "17464"})
    assert response.status_code == 400 and "Mật khẩu quá ngắn" in response.content.decode()
    response = client.post(reverse("accounts:user_create"), {**base, "password": "a-long-enough-pass-42"})
    assert response.status_code == 400 and "phải gắn với một xã" in response.content.decode()
    response = client.post(reverse("accounts:user_create"),
                           {**base, "password": "a-long-enough-pass-42", "commune": "17464"})  # fmt: skip
    assert response.status_code == 200
    user = User.objects.get(username="newofficer")
    assert (user.commune_id, user.province_id) == ("17464", "40")
    assert user.password.startswith("md5")  # the tests' fast hasher; production's is Argon2:
    assert settings_module.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # The enrolment code is shown once, to the administrator, and only its hash is kept.
    code = response.context["code"]
    assert code in response.content.decode() and code not in str(EnrolmentCode.objects.get(user=user).digest)
    assert accept_enrolment_code(user, code=code).issued_by == sysadmin


def test_idle_timeout_is_thirty_minutes_renewed_by_activity(officer_a, login, settings):
    """Activity moves the session's expiry; within a minute of the last renewal it is not written
    again (a burst of requests would otherwise write the session table each time)."""
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client = login(officer_a)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("web:home")).status_code == 200
    renewed = Session.objects.get(session_key=key).expire_date
    session = client.session
    session[SESSION_RENEWED] = int(time.time()) - 10
    session.save()
    written = Session.objects.get(session_key=key).expire_date
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=20)):
        client.get(reverse("web:home"))
        assert Session.objects.get(session_key=key).expire_date == written  # within the minute
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)):
        client.get(reverse("web:home"))
        assert Session.objects.get(session_key=key).expire_date > renewed + dt.timedelta(minutes=4)


def test_absolute_timeout_ends_a_session_however_active(officer_a, login, settings):
    client = login(officer_a)
    assert client.get(reverse("web:home")).status_code == 200
    session = client.session
    session[SESSION_STARTED] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(reverse("web:home"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert AuditEntry.objects.filter(actor=officer_a, action=Action.SESSION_EXPIRED).exists()


def test_logout_needs_post_and_is_audited(officer_a, login):
    client = login(officer_a)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert AuditEntry.objects.filter(actor=officer_a, action=Action.LOGOUT).exists()


@pytest.mark.parametrize("token", ["", "12", "abcdef", "1234567"])
def test_malformed_tokens_get_a_message_not_a_500(officer_a, token):
    TOTPDevice.objects.create(user=officer_a, name="phone", confirmed=True)
    client = Client()
    _post_login(client, "officer_a")
    response = client.post(reverse("accounts:otp_verify"), {"token": token})
    assert response.status_code == 400 and "6" in response.content.decode()


def test_each_log_in_step_gives_the_session_a_new_key(officer_a):
    """Session fixation: a key planted before the log-in, or seen after the password step, is
    worth nothing once the second factor is passed."""
    device = TOTPDevice.objects.create(user=officer_a, name="phone", confirmed=True)
    client = Client()
    planted = client.session
    planted["probe"] = 1
    planted.save()
    _post_login(client, "officer_a")
    after_password = client.cookies["sessionid"].value
    assert after_password != planted.session_key
    assert client.post(reverse("accounts:otp_verify"), {"token": _token(device)}).status_code == 302
    signed_in = client.cookies["sessionid"].value
    assert signed_in != after_password and not Session.objects.filter(session_key=after_password).exists()
    assert client.get(reverse("web:home")).status_code == 200
    stale = Client()
    stale.cookies["sessionid"] = after_password
    assert stale.get(reverse("web:home")).status_code == 302
    # The account's session list follows the new key: disabling the account ends this session.
    assert list(officer_a.tracked_sessions.values_list("session_key", flat=True)) == [signed_in]


def test_a_two_factor_code_works_once(officer_a):
    """Replay: a code read over a shoulder, or from a log-in already done, is refused for the rest
    of its 30 seconds; the next code works."""
    device = TOTPDevice.objects.create(user=officer_a, name="phone", confirmed=True)
    with time_machine.travel(dt.datetime(2026, 11, 23, 8, 0, 5, tzinfo=dt.UTC), tick=False):
        code = _token(device)
        first = Client()
        _post_login(first, "officer_a")
        assert first.post(reverse("accounts:otp_verify"), {"token": code}).status_code == 302
        second = Client()
        _post_login(second, "officer_a")
        refused = second.post(reverse("accounts:otp_verify"), {"token": code})
        assert refused.status_code == 400 and "không đúng" in refused.content.decode()
    with time_machine.travel(dt.datetime(2026, 11, 23, 8, 0, 40, tzinfo=dt.UTC), tick=False):
        device.refresh_from_db()
        device.throttle_reset()  # the refusal throttles the next try for a second
        assert second.post(reverse("accounts:otp_verify"), {"token": _token(device)}).status_code == 302


def test_an_administrator_resets_a_lost_second_factor(officer_a, sysadmin, login):
    """The phone is lost: the devices go, the sessions end, and a new enrolment code lets the owner
    enrol again; the reset is audited."""
    TOTPDevice.objects.create(user=officer_a, name="phone", confirmed=True)
    owner = Client()
    _post_login(owner, "officer_a")
    response = login(sysadmin).post(reverse("accounts:user_reset_two_factor", args=[officer_a.uuid]))
    assert response.status_code == 200
    code = response.context["code"]
    assert code in response.content.decode()
    assert not TOTPDevice.objects.filter(user=officer_a).exists()
    assert owner.get(reverse("web:home"))["Location"].startswith(reverse("accounts:login"))
    entry = AuditEntry.objects.get(action=Action.OTP_RESET)
    assert (entry.actor, entry.object_uuid) == (sysadmin, officer_a.uuid)
    assert entry.extra == {"devices": 1, "sessions": 1}
    again = Client()
    assert _post_login(again, "officer_a")["Location"] == reverse("accounts:otp_enroll")
    assert again.post(reverse("accounts:otp_enroll"), {"code": code}).status_code == 302


def test_only_another_administrator_resets_a_second_factor(officer_a, sysadmin, login):
    TOTPDevice.objects.create(user=sysadmin, name="phone", confirmed=True)
    url = reverse("accounts:user_reset_two_factor", args=[sysadmin.uuid])
    assert login(officer_a).post(url).status_code == 403
    assert login(sysadmin).post(url).status_code == 302  # not one's own: refused with a message
    assert TOTPDevice.objects.filter(user=sysadmin, name="phone").exists()
    assert not AuditEntry.objects.filter(action=Action.OTP_RESET).exists()
