"""Production refuses demo mode and a missing second factor at start-up (settings.py) and in the
deploy check, which also refuses active demo accounts in the database."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.conf import settings as django_settings
from django.core.checks import run_checks

from conftest import PASSWORD
from hoanhap.accounts.services import create_user
from hoanhap.lib.roles import Role


def _deploy_check_ids() -> set[str]:
    return {message.id for message in run_checks(include_deployment_checks=True)}


def _start_production(**extra: str) -> subprocess.CompletedProcess[str]:
    """Import the settings as a production server would, with every secret set."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "hoanhap.settings",
        "HOANHAP_ENV": "production",
        "SECRET_KEY": "x" * 50,
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "BLIND_INDEX_KEY": "y" * 32,
        "AUDIT_KEYS": "z" * 32,
        **extra,
    }
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.DEMO_MODE"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(("variable", "value"), [("HOANHAP_DEMO", "true"), ("TWO_FACTOR_REQUIRED", "false")])
def test_production_refuses_to_start_in_demo_mode_or_without_two_factor(variable, value):
    started = _start_production()  # the same environment without the variable starts
    assert started.returncode == 0, started.stderr
    refused = _start_production(**{variable: value})
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr and variable in refused.stderr


def test_deploy_check_refuses_demo_mode(db, settings):
    settings.DEMO_MODE = False
    assert "hoanhap.E001" not in _deploy_check_ids()
    settings.DEMO_MODE = True
    assert "hoanhap.E001" in _deploy_check_ids()


def test_deploy_check_refuses_two_factor_turned_off(db, settings):
    settings.TWO_FACTOR_REQUIRED = True
    assert "hoanhap.E002" not in _deploy_check_ids()
    settings.TWO_FACTOR_REQUIRED = False
    assert "hoanhap.E002" in _deploy_check_ids()


def test_deploy_check_refuses_an_active_demo_account(db, settings):
    settings.DEMO_MODE = False
    demo = create_user(None, password=PASSWORD, username="quantri_demo", role=Role.SYSADMIN, is_demo=True)
    assert "hoanhap.E003" in _deploy_check_ids()
    demo.is_active = False
    demo.save(update_fields=["is_active"])
    assert "hoanhap.E003" not in _deploy_check_ids()
