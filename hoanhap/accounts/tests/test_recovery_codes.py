"""Recovery codes (issue 24): given at enrolment and shown once, each works once in place of a
TOTP code, the user sees how many are left and may replace the list (audited)."""

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from hoanhap.accounts import services
from hoanhap.audit.models import Action, AuditEntry

SECURITY, VERIFY = reverse("accounts:security"), reverse("accounts:otp_verify")


def _log_in(username="officer_a"):
    client = Client()
    client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    return client


def _enrolled(user) -> tuple[Client, list[str]]:
    """Enrolled through the pages, as a user does: the codes are on the answer that confirms."""
    code = services.issue_enrolment_code(None, user=user)
    client = _log_in(user.username)
    client.post(reverse("accounts:otp_enroll"), {"code": code})
    client.get(reverse("accounts:otp_enroll"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:otp_enroll"), {"token": f"{totp(device.bin_key):06d}"})
    codes = response.context["codes"]
    assert response.status_code == 200 and all(code in response.content.decode() for code in codes)
    return client, codes


def test_enrolment_shows_ten_recovery_codes_once(officer_a):
    client, codes = _enrolled(officer_a)
    assert len(set(codes)) == 10
    page = client.get(SECURITY).content.decode()
    assert "Số mã khôi phục còn dùng được: 10." in page and not any(code in page for code in codes)


def test_a_recovery_code_passes_the_second_factor_once_and_the_user_is_told_how_many_are_left(officer_a):
    _client, codes = _enrolled(officer_a)
    client = _log_in()
    response = client.post(VERIFY, {"token": codes[0].upper()}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:home")
    assert "còn 9 mã" in response.content.decode()
    entry = AuditEntry.objects.get(action=Action.RECOVERY_CODE_USED)
    assert entry.actor == officer_a and entry.extra == {"left": 9}
    again = _log_in()
    assert again.post(VERIFY, {"token": codes[0]}).status_code == 400
    assert again.get(reverse("web:home"))["Location"] == VERIFY


def test_new_recovery_codes_replace_the_old_list_and_are_audited(officer_a):
    client, old = _enrolled(officer_a)
    response = client.post(SECURITY)
    new = response.context["codes"]
    assert response.status_code == 200 and all(code in response.content.decode() for code in new)
    assert set(StaticToken.objects.filter(device__user=officer_a).values_list("token", flat=True)) == set(new)
    assert _log_in().post(VERIFY, {"token": old[0]}).status_code == 400
    entry = AuditEntry.objects.get(action=Action.RECOVERY_CODES)
    assert entry.actor == officer_a and entry.extra == {"recovery_codes": 10}


def test_the_security_page_needs_a_log_in(officer_a, login):
    assert Client().get(SECURITY)["Location"].startswith(reverse("accounts:login"))
    assert login(officer_a).get(SECURITY).status_code == 200
