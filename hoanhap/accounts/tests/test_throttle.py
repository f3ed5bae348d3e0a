"""Log-in throttling (issue 24): per address and user name a growing delay, never a lock; an
address spraying many names is refused for a while, and an alert is logged and audited."""

import datetime as dt
import logging

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from hoanhap.audit.models import Action, AuditEntry

LOGIN = reverse("accounts:login")
MORNING = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)
POLICE_STATION, ATTACKER, COMMUNE_OFFICE = "203.0.113.10", "198.51.100.66", "203.0.113.20"


@pytest.fixture(autouse=True)
def _defaults(settings):
    """The shipped defaults, whatever the environment running the tests says."""
    settings.LOGIN_FREE_FAILURES, settings.LOGIN_BACKOFF_SECONDS = 5, 30
    settings.LOGIN_BACKOFF_MAX_MINUTES, settings.LOGIN_SPRAY_NAMES, settings.LOGIN_SPRAY_MINUTES = 15, 10, 15


def _try(address, username, password=None):
    password = password or "wrong-password"
    return Client(REMOTE_ADDR=address).post(LOGIN, {"username": username, "password": password})


def _at(minutes=0, seconds=0):
    return time_machine.travel(MORNING + dt.timedelta(minutes=minutes, seconds=seconds), tick=False)


def test_spraying_twenty_names_from_one_address_is_refused_and_raises_one_alert(
    units, caplog, django_capture_on_commit_callbacks
):
    names = [f"canbo{n:02d}" for n in range(20)]
    with (
        _at(),
        caplog.at_level(logging.WARNING, logger="hoanhap.accounts.services"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        answers = [_try(ATTACKER, name).status_code for name in names]
    assert answers == [400] * 10 + [429] * 10  # the eleventh name is refused unchecked
    alert = AuditEntry.objects.get(action=Action.LOGIN_SPRAYING)
    assert (alert.ip, alert.extra) == (ATTACKER, {"names": 10, "minutes": 15})
    assert AuditEntry.objects.filter(action=Action.LOCKED_OUT).count() == 10
    (line,) = [r.getMessage() for r in caplog.records if "spraying" in r.getMessage()]
    assert ATTACKER in line and not any(name in line for name in names)
    with _at(minutes=16):  # the cool-off is over
        assert _try(ATTACKER, "canbo20").status_code == 400


def test_failures_from_one_address_never_stop_the_owner_at_another(head_a, settings):
    """The attacker hammers the police head's name from afar; the head, at the police station,
    logs in at once. The addresses come from the proxy's header, read as everywhere else."""
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    behind_proxy = {"REMOTE_ADDR": "127.0.0.1"}
    with _at():
        for _ in range(30):
            Client(**behind_proxy, HTTP_X_REAL_IP=ATTACKER).post(
                LOGIN, {"username": "head_a", "password": "x"}
            )
        head = Client(**behind_proxy, HTTP_X_REAL_IP=POLICE_STATION)
        answer = head.post(LOGIN, {"username": "head_a", "password": PASSWORD})
    assert answer.status_code == 302
    assert AuditEntry.objects.filter(action=Action.LOGIN, actor=head_a).exists()
    assert set(AuditEntry.objects.filter(action=Action.LOCKED_OUT).values_list("ip", flat=True)) == {ATTACKER}


def test_a_name_tried_from_one_address_waits_longer_and_longer_but_is_never_locked(officer_a, head_a):
    with _at():
        assert [_try(COMMUNE_OFFICE, "officer_a").status_code for _ in range(5)] == [400] * 5
        refused = _try(COMMUNE_OFFICE, "officer_a", PASSWORD)  # even the right password waits
        assert refused.status_code == 429 and refused["Retry-After"] == "30"
        assert "thử lại sau 1 phút" in refused.content.decode()
        # A colleague in the same office, behind the same address, is not slowed.
        assert _try(COMMUNE_OFFICE, "head_a", PASSWORD).status_code == 302
    with _at(seconds=31):
        assert _try(COMMUNE_OFFICE, "officer_a").status_code == 400  # one more failure...
        assert _try(COMMUNE_OFFICE, "officer_a", PASSWORD)["Retry-After"] == "60"  # ...doubles the wait
    with _at(seconds=31 + 61):
        assert _try(COMMUNE_OFFICE, "officer_a", PASSWORD).status_code == 302  # in, and it starts over
    with _at(seconds=31 + 62):
        assert _try(COMMUNE_OFFICE, "officer_a").status_code == 400


def test_the_wait_doubles_up_to_its_ceiling(officer_a):
    with _at():
        for _ in range(5):
            _try(COMMUNE_OFFICE, "officer_a")
        waits, moment = [int(_try(COMMUNE_OFFICE, "officer_a")["Retry-After"])], 0
    for _ in range(7):  # each time the wait is over, one more failure
        moment += waits[-1]
        with _at(seconds=moment):
            assert _try(COMMUNE_OFFICE, "officer_a").status_code == 400
            waits.append(int(_try(COMMUNE_OFFICE, "officer_a")["Retry-After"]))
    assert waits == [30, 60, 120, 240, 480, 900, 900, 900]
