"""The API's rate limit per account holds across web workers: the count is kept in the shared
cache (the database by default), one small read and one small write per request."""

import importlib
import os
import subprocess
import sys
import textwrap
import types

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache.backends import locmem

from hoanhap.api.throttling import AccountRateThrottle

# A worker process of its own: allows ``argv[1]`` requests of one account in a row and prints
# what its throttle answered, one word each.
WORKER = textwrap.dedent(
    """
    import sys, types, django
    django.setup()
    from django.core.management import call_command
    from rest_framework.settings import api_settings
    call_command("createcachetable", verbosity=0)
    request = types.SimpleNamespace(user=types.SimpleNamespace(is_authenticated=True, pk=7))
    throttle = api_settings.DEFAULT_THROTTLE_CLASSES[0]
    print(" ".join(str(throttle().allow_request(request, None)) for _ in range(int(sys.argv[1]))))
    """
)


def _worker(tmp_path, requests: int) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "API_RATE": "5/hour",
        "HOANHAP_ENV": "development",
        "DJANGO_SETTINGS_MODULE": "hoanhap.settings",
    }
    done = subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", WORKER, str(requests)],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_two_worker_processes_count_the_same_account_together(tmp_path):
    assert _worker(tmp_path, 3) == "True True True"
    assert _worker(tmp_path, 3) == "True True False"  # the sixth request of the hour, in another process


def _another_worker() -> None:
    """What the next request's worker remembers of this one's: nothing held in this process."""
    for held in (*locmem._caches.values(), *locmem._expire_info.values()):
        held.clear()


@pytest.fixture
def rate(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "3/minute"},
    }


def test_the_request_past_the_rate_is_a_429_in_vietnamese_whichever_worker_answers(
    rate, api, officer_a, officer_b
):
    client = api(officer_a)
    with time_machine.travel("2026-11-20 09:00:00+07:00", tick=False):
        for _ in range(3):
            assert client.get("/api/v1/people/").status_code == 200
            _another_worker()
        refused = client.get("/api/v1/people/")
        assert refused.status_code == 429 and refused.json()["error"]["code"] == "throttled"
        assert "Quá nhiều yêu cầu" in refused.json()["error"]["message"]
        assert 0 < int(refused["Retry-After"]) <= 60
        assert api(officer_b).get("/api/v1/people/").status_code == 200  # each account its own count
    with time_machine.travel("2026-11-20 09:02:00+07:00", tick=False):
        assert client.get("/api/v1/people/").status_code == 200  # two minutes on: counted afresh


class CountingCache:
    """The cache, counting what a request costs and remembering the largest value written."""

    def __init__(self, cache):
        self.cache, self.reads, self.writes, self.largest = cache, 0, 0, 0

    def get(self, key, default=None):
        self.reads += 1
        return self.cache.get(key, default)

    def set(self, key, value, timeout):
        self.writes += 1
        self.largest = max(self.largest, len(repr(value)))
        self.cache.set(key, value, timeout)


def test_a_request_costs_one_small_read_and_one_small_write(rate, api, officer_a, monkeypatch):
    counting = CountingCache(AccountRateThrottle.cache)
    monkeypatch.setattr(AccountRateThrottle, "cache", counting)
    client = api(officer_a)
    with time_machine.travel("2026-11-20 09:00:00+07:00", tick=True):
        for _ in range(3):
            client.get("/api/v1/people/")
        assert (counting.reads, counting.writes) == (3, 3)
        assert client.get("/api/v1/people/").status_code == 429
        assert (counting.reads, counting.writes) == (4, 3)  # a refusal writes nothing
    assert counting.largest < 40  # two counters and a window, not every request's time


def test_the_window_slides_the_last_minutes_requests_still_count(rate, api, officer_a):
    """Three requests at the end of one minute leave, 15 s into the next, three quarters of them
    counted: no burst of twice the rate across the boundary."""
    client = api(officer_a)
    with time_machine.travel("2026-11-20 09:00:50+07:00", tick=False):
        for _ in range(3):
            assert client.get("/api/v1/people/").status_code == 200
    with time_machine.travel("2026-11-20 09:01:15+07:00", tick=False):
        assert client.get("/api/v1/people/").status_code == 200  # 3 × 3/4 of the last minute's
        assert client.get("/api/v1/people/").status_code == 429  # 2.25 + 1 ≥ 3
    with time_machine.travel("2026-11-20 09:01:45+07:00", tick=False):
        assert client.get("/api/v1/people/").status_code == 200  # 3 × 1/4 + 1 < 3


def test_migrating_makes_the_cache_table_and_unmigrating_removes_it(db):
    from django.db import connection

    migration = importlib.import_module("hoanhap.api.migrations.0002_cache_table")
    editor = types.SimpleNamespace(connection=connection)
    migration.drop_cache_table(None, editor)
    assert "hoanhap_cache" not in connection.introspection.table_names()
    migration.create_cache_table(None, editor)
    assert "hoanhap_cache" in connection.introspection.table_names()
