"""Enrolling the second factor (issue 24): the password alone shows no seed (an enrolment code the
administrator hands over is needed too, once, before it expires), and a seed belongs to the one
session that saw it."""

import base64
import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from hoanhap.accounts import services
from hoanhap.audit.models import Action, AuditEntry

ENROL, VERIFY = reverse("accounts:otp_enroll"), reverse("accounts:otp_verify")
MORNING = dt.datetime(2026, 11, 23, 1, 0, 5, tzinfo=dt.UTC)
SECRET = re.compile(r"<code>([A-Z2-7=]{16,})</code>")


def _log_in(client, username="officer_a"):
    client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    return client


def _seed_on(page) -> bytes | None:
    """The seed an enrolment page shows (its secret, for those who cannot scan the QR code)."""
    found = SECRET.search(page.content.decode())
    return base64.b32decode(found.group(1)) if found else None


def _code(seed: bytes) -> str:
    return f"{totp(seed):06d}"


def _enter_code(client, code):
    return client.post(ENROL, {"code": code})


def _enrol(client, code) -> bytes:
    assert _enter_code(client, code).status_code == 302
    seed = _seed_on(client.get(ENROL))
    assert seed is not None
    # Confirmed: the recovery codes, shown this once (a redirect here would be the code spent meanwhile).
    confirmed = client.post(ENROL, {"token": _code(seed)})
    assert confirmed.status_code == 200 and "Đã kích hoạt xác thực hai lớp" in confirmed.content.decode()
    assert TOTPDevice.objects.get(user_id=client.session["_auth_user_id"], confirmed=True).bin_key == seed
    assert client.get(reverse("web:home")).status_code == 200
    return seed


def test_the_password_alone_shows_no_seed(officer_a):
    services.issue_enrolment_code(None, user=officer_a)
    attacker = _log_in(Client())
    page = attacker.get(ENROL)
    assert page.status_code == 200 and _seed_on(page) is None and b"data:image/svg+xml" not in page.content
    assert attacker.post(ENROL, {"token": "123456"}).status_code == 400  # asks for the code again
    assert not TOTPDevice.objects.filter(user=officer_a).exists()
    assert _enter_code(attacker, "AAAA-BBBB-CCCC-DDDD").status_code == 400
    refused = AuditEntry.objects.get(action=Action.OTP_FAILED)
    assert refused.actor == officer_a and refused.extra == {"step": "enrolment_code"}


def test_a_seed_an_attacker_saw_never_becomes_the_owners_second_factor(officer_a):
    """The attacker has the password, and even the enrolment code, and opens the enrolment page
    first; the owner enrols later in another session. The seed the attacker saw opens nothing."""
    code = services.issue_enrolment_code(None, user=officer_a)
    with time_machine.travel(MORNING, tick=False):
        attacker = _log_in(Client())
        _enter_code(attacker, code)
        seen = _seed_on(attacker.get(ENROL))
        assert seen is not None
        owner_seed = _enrol(_log_in(Client()), code)
    assert list(TOTPDevice.objects.filter(user=officer_a).values_list("confirmed", flat=True)) == [True]
    # A minute later (the owner's code of the morning is spent), the attacker tries the seed.
    with time_machine.travel(MORNING + dt.timedelta(minutes=1), tick=False):
        for client in (attacker, _log_in(Client())):
            assert client.post(VERIFY, {"token": _code(seen)}).status_code == 400
            assert client.get(reverse("web:home"))["Location"] == VERIFY
    assert owner_seed != seen


def test_an_enrolment_code_opens_one_enrolment(officer_a):
    code = services.issue_enrolment_code(None, user=officer_a)
    first, second = (services.accept_enrolment_code(officer_a, code=code) for _session in range(2))
    device = services.start_enrolment(officer_a)
    services.confirm_enrolment(officer_a, device=device, code_id=first.pk, token=_code(device.bin_key))
    with pytest.raises(ValidationError):
        services.accept_enrolment_code(officer_a, code=code)
    other = TOTPDevice.objects.create(user=officer_a, name="other", confirmed=False)
    with pytest.raises(ValidationError):
        services.confirm_enrolment(officer_a, device=other, code_id=second.pk, token=_code(other.bin_key))


def test_an_enrolment_code_expires_even_half_way_through_an_enrolment(officer_a, settings):
    code = services.issue_enrolment_code(None, user=officer_a)
    hours = settings.ENROLMENT_CODE_HOURS
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours, minutes=1)):
        assert _enter_code(_log_in(Client()), code).status_code == 400
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours, minutes=-10)):
        client = _log_in(Client())
        assert _enter_code(client, code).status_code == 302
        seed = _seed_on(client.get(ENROL))
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours, minutes=1)):
        response = client.post(ENROL, {"token": _code(seed)})
        assert response.status_code == 302 and response["Location"] == ENROL  # back to the code step
        assert _seed_on(client.get(ENROL)) is None
    assert not TOTPDevice.objects.filter(user=officer_a, confirmed=True).exists()


def test_an_enrolment_code_may_be_typed_in_lower_case_and_without_dashes(officer_a):
    code = services.issue_enrolment_code(None, user=officer_a)
    typed = code.replace("-", " ").lower()
    assert _enter_code(_log_in(Client()), typed).status_code == 302


def test_a_new_code_replaces_the_old_one(officer_a):
    old = services.issue_enrolment_code(None, user=officer_a)
    new = services.issue_enrolment_code(None, user=officer_a)
    assert _enter_code(_log_in(Client()), old).status_code == 400
    assert _enter_code(_log_in(Client()), new).status_code == 302
