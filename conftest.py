"""The shared cast: users of two communes of one province, a commune of another province, and the
province, national, audit and administration roles. State is set up through the real services."""

import datetime as dt
import os
from importlib import import_module

import pytest
from django.apps import apps

from hoanhap.accounts.services import create_user
from hoanhap.accounts.testing import signed_in
from hoanhap.geo.models import Commune, CommuneKind, Province
from hoanhap.lib.roles import Role
from hoanhap.lib.vntext import search_key
from hoanhap.people.services import create_person

# The deliberately slow Argon2 made half of many tests' time (each fixture user hashes a password);
# the tests use a fast hasher, and accounts/tests/test_views.py checks that the settings keep Argon2.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config):
    from django.conf import settings

    settings.PASSWORD_HASHERS = FAST_HASHERS


if os.environ.get("TEST_DATABASE_MIGRATED"):
    # Mutation testing runs pytest once per mutant, two at a time: the SQLite database DATABASE_URL
    # names was migrated once beforehand (scripts/mutation.py), and each session works on a copy of
    # its own (two sessions on one file would lock each other out), every test in a transaction.
    @pytest.fixture(scope="session")
    def django_db_setup(django_db_blocker):
        import sqlite3

        from django.db import connections

        template = connections["default"].settings_dict["NAME"]
        own = f"{template}.{os.getpid()}"
        with sqlite3.connect(template) as source, sqlite3.connect(own) as copy:
            source.backup(copy)
        connections["default"].close()
        connections["default"].settings_dict["NAME"] = own
        yield
        connections["default"].close()
        connections["default"].settings_dict["NAME"] = template  # mutmut runs sessions in one process
        os.remove(own)


PASSWORD = "correct-horse-battery-42"

# Real codes: Diễn Châu and Quỳnh Lưu (Nghệ An), Buôn Ma Thuột (Đắk Lắk).
COMMUNE_A, COMMUNE_B, COMMUNE_C = "17464", "16939", "24133"


@pytest.fixture
def units(db):
    create_units()


def create_units():
    """Provinces 40 (communes A and B) and 66 (commune C), and the indicators' definitions."""
    nghe_an = Province.objects.create(code="40", name="Nghệ An", division_type="tỉnh")
    dak_lak = Province.objects.create(code="66", name="Đắk Lắk", division_type="tỉnh")
    for code, name, province in [
        (COMMUNE_A, "Xã Diễn Châu", nghe_an),
        (COMMUNE_B, "Xã Quỳnh Lưu", nghe_an),
        (COMMUNE_C, "Phường Buôn Ma Thuột", dak_lak),
    ]:
        Commune.objects.create(
            code=code, name=name, province=province, kind=CommuneKind.COMMUNE, search_name=search_key(name)
        )
    ensure_indicator_definitions()  # gone if a transactional test ran before on this database


# The migrations that seed the indicators' definitions (reports), run again by
# ensure_indicator_definitions.
SEEDING_MIGRATIONS = ("0002_first_indicators", "0003_information_access")


def ensure_indicator_definitions():
    """The indicator definitions the migrations seed, put back where a test flushed the database
    (transactional tests do, taking migration-seeded rows with them)."""
    if apps.get_model("reports", "IndicatorDefinition").objects.exists():
        return
    for name in SEEDING_MIGRATIONS:
        import_module(f"hoanhap.reports.migrations.{name}").forward(apps, None)


def _user(username, role, *, commune=None, province=None, **extra):
    return create_user(
        None,
        password=PASSWORD,
        username=username,
        role=role,
        commune_id=commune,
        province_id=province,
        **extra,
    )


@pytest.fixture
def officer_a(units):
    return _user("officer_a", Role.COMMUNE_POLICE, commune=COMMUNE_A)


@pytest.fixture
def head_a(units):
    return _user("head_a", Role.COMMUNE_POLICE_HEAD, commune=COMMUNE_A)


@pytest.fixture
def chairman_a(units):
    return _user("chairman_a", Role.COMMUNE_CHAIRMAN, commune=COMMUNE_A)


@pytest.fixture
def health_a(units):
    return _user("health_a", Role.COMMUNE_HEALTH, commune=COMMUNE_A)


@pytest.fixture
def helper_a(units):
    return _user("helper_a", Role.HELPER, commune=COMMUNE_A)


@pytest.fixture
def officer_b(units):
    return _user("officer_b", Role.COMMUNE_POLICE, commune=COMMUNE_B)


@pytest.fixture
def officer_c(units):
    return _user("officer_c", Role.COMMUNE_POLICE, commune=COMMUNE_C)


@pytest.fixture
def province_manager(units):
    return _user("province_40", Role.PROVINCIAL_MANAGER, province="40")


@pytest.fixture
def provincial_police(units):
    return _user("pc04_40", Role.PROVINCIAL_POLICE, province="40")


@pytest.fixture
def ministry(units):
    return _user("c04", Role.MINISTRY_VIEWER)


@pytest.fixture
def auditor(units):
    return _user("auditor_40", Role.AUDITOR, province="40")


@pytest.fixture
def sysadmin(units):
    return _user("admin", Role.SYSADMIN)


@pytest.fixture
def make_person():
    """Create a person through the real service, as ``actor`` of the person's commune."""

    def make(actor, *, full_name="Nguyễn Văn An", birth_date=dt.date(1990, 5, 9), sex="male", **data):
        data = {"full_name": full_name, "birth_date": birth_date, "sex": sex, **data}
        return create_person(actor, commune=actor.commune, data=data, confirm_not_duplicate=True)

    return make


@pytest.fixture
def login():
    return signed_in
