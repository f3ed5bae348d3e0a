"""Faults injected where they hurt: the database connection dropping in the middle of a write, and
a background worker killed or stopped in the middle of a job. Whatever happens, the user is told
to try again, nothing is half-written, and no job does its work twice."""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hoanhap.accounts.testing import signed_in
from hoanhap.audit.models import Action, AuditEntry
from hoanhap.cases.models import UserManagement
from hoanhap.cases.services.management import decide_user_management
from hoanhap.documents.services import reserve_number
from hoanhap.imports import services as imports
from hoanhap.imports import tasks as import_tasks
from hoanhap.imports.models import BatchStatus, ImportBatch
from hoanhap.imports.tests.test_imports import xlsx
from hoanhap.lib.env import database_url
from hoanhap.lib.jobs import requeue_abandoned
from hoanhap.people.models import Person
from hoanhap.reports import services as reports
from hoanhap.reports.models import ReportStatus

ROOT = Path(settings.BASE_DIR)


@contextmanager
def connection_drops_at(fragment: str, *, nth: int = 1):
    """The connection fails on the ``nth`` statement containing ``fragment``, as psycopg reports a
    server that went away; statements before it ran for real (a half-done write, if unprotected)."""
    seen = 0

    def fail(execute, sql, params, many, context):
        nonlocal seen
        if fragment.lower() in sql.lower():
            seen += 1
            if seen == nth:
                raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail):
        yield


def _client(user) -> Client:
    client = signed_in(user)
    client.raise_request_exception = False  # the server's answer, as a browser would get it
    return client


def _profile(person: Person, **changes) -> dict[str, str]:
    data = {
        "full_name": person.full_name,
        "birth_date": person.birth_date.strftime("%d/%m/%Y"),
        "sex": person.sex,
        "nationality": "Việt Nam",
        "stable_residence": "permanent",
        "prior_rehab_count": "0",
        "version": str(person.version),
    }
    return {**data, **changes}


def test_a_connection_lost_mid_edit_asks_to_try_again_and_writes_nothing(officer_a, make_person):
    person = make_person(officer_a, phone="0911000000")
    client = _client(officer_a)
    audited = AuditEntry.objects.count()
    url = reverse("people:edit", args=[person.uuid])
    # The version is claimed and the row updated; the history insert that follows fails.
    with connection_drops_at('INSERT INTO "people_historicalperson"'):
        response = client.post(url, _profile(person, phone="0922000000"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    page = response.content.decode()
    assert "thử lại" in page and "không có dữ liệu nào bị ghi dở dang" in page
    assert "0922000000" not in page and person.full_name not in page
    person.refresh_from_db()
    assert (person.phone, person.version) == ("0911000000", 1)
    # The record was opened for the edit (a read, audited on its own); the write left no trace.
    after = AuditEntry.objects.order_by("pk").values_list("action", flat=True)[audited:]
    assert list(after) == [Action.PERSON_READ]
    # Trying again works.
    assert client.post(url, _profile(person, phone="0922000000")).status_code == 302


def test_the_api_answers_a_lost_connection_in_its_error_shape(officer_a, make_person):
    person = make_person(officer_a)
    client = _client(officer_a)
    url = f"/api/v1/people/{person.uuid}/"
    with connection_drops_at('INSERT INTO "audit_auditentry"'):
        response = client.patch(
            url, {"phone": "0905111222"}, content_type="application/json", HTTP_IF_MATCH='"1"'
        )
    assert response.status_code == 503
    assert (
        response.json()["error"]["code"] == "unavailable" and "thử lại" in response.json()["error"]["message"]
    )
    person.refresh_from_db()
    assert (person.phone, person.version) == ("", 1)


def test_a_report_sent_when_the_connection_drops_stays_a_draft(officer_a):
    report = reports.open_report(officer_a, kind="quarterly", year=2026, number=3)
    url = reverse("reports:detail", args=[report.uuid])
    with connection_drops_at('INSERT INTO "reports_reportevent"'):
        response = _client(officer_a).post(url, {"action": "submit", "version": report.version})
    assert response.status_code == 503
    report.refresh_from_db()
    assert (report.status, report.snapshot_sha256, report.version) == (ReportStatus.DRAFT, "", 1)
    assert list(report.events.values_list("action", flat=True)) == ["open"]


def test_a_decision_that_fails_to_save_gives_its_number_back(officer_a, make_person, positive_test):
    """The number is taken from the register inside the transaction that records the decision:
    if the decision is not saved, the register has not moved (no gap in the official numbering)."""
    person = make_person(officer_a, stable_residence="permanent")
    test = positive_test(person)
    with connection_drops_at('INSERT INTO "cases_usermanagement"'), pytest.raises(OperationalError):
        decide_user_management(
            officer_a,
            person=person,
            source_test=test,
            decided_on=dt.date(2026, 9, 2),
            decision_number="",
            signer_name="Trần Văn Hùng",
            team_leader="Lê Thị Hoa",
            assigned_helper="Võ Thị Mai",
        )
    assert not UserManagement.objects.exists()
    on = dt.date(2026, 9, 2)
    assert reserve_number(commune_id=officer_a.commune_id, role="commune_police_head", on=on) == "01/QĐ-CAX"


# Real worker processes. They read the test database from outside this process, so the data must be
# committed (transactional tests) and the database a server: PostgreSQL only.
committed = pytest.mark.django_db(transaction=True)
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="workers cannot see SQLite's in-memory test database"
)
ROWS = 3000  # a commit that takes a few seconds, so the worker is stopped in the middle of it


def _worker(*args: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url(connection.settings_dict), "HOANHAP_ENV": "development"}
    return subprocess.Popen(  # noqa: S603 (our own command line)
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _large_list_queued(officer) -> tuple[ImportBatch, DBTaskResult]:
    rows = [
        [
            n,
            f"Người Thử Số {n}",
            f"{1 + n % 28:02d}/{1 + n % 12:02d}/{1960 + n % 40}",
            "Nam",
            None,
            None,
            "",
            None,
        ]
        for n in range(1, ROWS + 1)
    ]
    batch = imports.upload(officer, file_name="lon.xlsx", content=xlsx(rows))
    batch = imports.run_check(imports.set_mapping(officer, batch=batch, mapping=batch.mapping))
    assert batch.status == BatchStatus.CHECKED and batch.new_rows == ROWS, batch.errors[:3]
    job = import_tasks.commit_batch.enqueue(batch.pk, officer.pk)
    return batch, DBTaskResult.objects.get(id=job.id)


def _wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@committed
@postgres_only
def test_a_worker_killed_mid_import_leaves_nothing_and_the_job_is_run_again_once(officer_a):
    batch, job = _large_list_queued(officer_a)
    worker = _worker()
    try:
        _wait_for(lambda: ImportBatch.objects.get(pk=batch.pk).status == BatchStatus.COMMITTING)
        time.sleep(0.5)  # inside the commit's transaction (3,000 rows take about 4 s on 2 cores)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        worker.kill()
    batch.refresh_from_db()
    assert Person.objects.count() == 0 and batch.status == BatchStatus.COMMITTING  # rolled back
    assert DBTaskResult.objects.get(id=job.id).status == "RUNNING"  # nobody told the queue
    later = timezone.now() + dt.timedelta(minutes=settings.TASK_ABANDONED_MINUTES + 1)
    assert requeue_abandoned(now=later) == 1
    rerun = _worker("--batch")
    assert rerun.wait(timeout=120) == 0
    job = DBTaskResult.objects.get(id=job.id)
    batch.refresh_from_db()
    assert job.status == "SUCCESSFUL" and len(job.worker_ids) == 2
    assert batch.status == BatchStatus.COMMITTED and batch.created_count == ROWS
    assert Person.objects.count() == ROWS
    assert AuditEntry.objects.filter(action="import", extra__step="commit").count() == 1


@committed
@postgres_only
def test_a_worker_told_to_stop_finishes_its_job_first(officer_a):
    batch, job = _large_list_queued(officer_a)
    worker = _worker()
    try:
        _wait_for(lambda: DBTaskResult.objects.get(id=job.id).status == "RUNNING")
        worker.send_signal(signal.SIGTERM)  # what systemd sends on stop or restart
        assert worker.wait(timeout=120) == 0
    finally:
        worker.kill()
    batch.refresh_from_db()
    assert DBTaskResult.objects.get(id=job.id).status == "SUCCESSFUL"
    assert batch.status == BatchStatus.COMMITTED and Person.objects.count() == ROWS


@contextmanager
def backend_killed_at(fragment: str):
    """PostgreSQL ends this connection's server process just before the first statement containing
    ``fragment`` runs (``pg_terminate_backend``, waited for): psycopg meets a connection really
    gone, not an exception raised in its place."""
    import psycopg

    killed = []

    def kill(execute, sql, params, many, context):
        if not killed and fragment.lower() in sql.lower():
            pid = context["connection"].connection.info.backend_pid
            with psycopg.connect(database_url(connection.settings_dict), autocommit=True) as admin:
                killed.append(admin.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone()[0])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(kill):
        yield killed


@committed
@postgres_only
def test_an_edit_whose_database_process_is_killed_asks_to_try_again_and_writes_nothing(
    officer_a, make_person
):
    person = make_person(officer_a, phone="0911000000")
    client = _client(officer_a)
    url = reverse("people:edit", args=[person.uuid])
    # Inside the edit's transaction: the version is claimed and the row updated, then the server
    # process holding that transaction is killed before the history row is written.
    with backend_killed_at('INSERT INTO "people_historicalperson"') as killed:
        response = client.post(url, _profile(person, phone="0922000000"))
    assert killed == [True]
    assert response.status_code == 503 and response["Retry-After"] == "30"
    page = response.content.decode()
    assert "thử lại" in page and "0922000000" not in page and person.full_name not in page
    connection.close()  # what Django does at the end of a request when its connection broke
    person.refresh_from_db()
    assert (person.phone, person.version) == ("0911000000", 1)
    assert not AuditEntry.objects.filter(action=Action.PERSON_UPDATE).exists()
    assert client.post(url, _profile(person, phone="0922000000")).status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.version) == ("0922000000", 2)
