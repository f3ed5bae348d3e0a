"""Enrolling the second factor (issue 24): a seed belongs to the one session that saw it."""

import base64
import datetime as dt
import re

import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD

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


def _enrol(client) -> bytes:
    seed = _seed_on(client.get(ENROL))
    assert seed is not None
    assert client.post(ENROL, {"token": _code(seed)}).status_code in (200, 302)
    assert client.get(reverse("web:home")).status_code == 200
    return seed


def test_a_seed_an_attacker_saw_never_becomes_the_owners_second_factor(officer_a):
    """The attacker has the password and opens the enrolment page first; the owner enrols later
    in another session. The seed the attacker saw must open nothing."""
    with time_machine.travel(MORNING, tick=False):
        attacker = _log_in(Client())
        seen = _seed_on(attacker.get(ENROL))
        assert seen is not None
        owner_seed = _enrol(_log_in(Client()))
    assert list(TOTPDevice.objects.filter(user=officer_a).values_list("confirmed", flat=True)) == [True]
    # A minute later (the owner's code of the morning is spent), the attacker tries the seed.
    with time_machine.travel(MORNING + dt.timedelta(minutes=1), tick=False):
        for client in (attacker, _log_in(Client())):
            assert client.post(VERIFY, {"token": _code(seen)}).status_code == 400
            assert client.get(reverse("web:home"))["Location"] == VERIFY
    assert owner_seed != seen
