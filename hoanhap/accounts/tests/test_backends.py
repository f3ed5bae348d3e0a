"""A demo account's password is published: outside demo mode it opens nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import COMMUNE_A, PASSWORD
from hoanhap.accounts.services import create_user
from hoanhap.api.models import ApiAction
from hoanhap.api.services import check_token, issue_token
from hoanhap.audit.models import Action, AuditEntry
from hoanhap.lib.roles import Role


@pytest.fixture
def demo(units):
    return create_user(
        None, password=PASSWORD, username="demo", role=Role.COMMUNE_POLICE, commune_id=COMMUNE_A, is_demo=True
    )


def _log_in(username, password=PASSWORD):
    return Client().post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_demo_account_cannot_log_in_outside_demo_mode_and_learns_nothing(demo, officer_a, settings):
    settings.DEMO_MODE = True
    assert _log_in("demo").status_code == 302
    settings.DEMO_MODE = False
    refused = _log_in("demo")
    wrong_password = _log_in("officer_a", "wrong-password")
    assert refused.status_code == wrong_password.status_code == 400
    assert refused.context["form"].errors == wrong_password.context["form"].errors
    assert AuditEntry.objects.filter(action=Action.LOGIN_FAILED, actor_username="demo").exists()
    assert AuditEntry.objects.filter(action=Action.LOGIN, actor=demo).count() == 1  # the demo-mode one


def test_a_demo_accounts_session_ends_when_demo_mode_is_turned_off(demo, settings):
    settings.DEMO_MODE = True
    client = Client()
    client.force_login(demo)
    assert client.get(reverse("web:home")).status_code == 200
    settings.DEMO_MODE = False
    response = client.get(reverse("web:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_demo_accounts_api_token_stops_working_outside_demo_mode(demo, sysadmin, settings):
    settings.DEMO_MODE = True
    _token, secret = issue_token(sysadmin, user=demo, name="Thử", actions=[ApiAction.PEOPLE_READ], days=1)
    assert check_token(secret) is not None
    settings.DEMO_MODE = False
    assert check_token(secret) is None
