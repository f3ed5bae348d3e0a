"""The cluster test (issue 10): one PostgreSQL, two gunicorn web nodes on their own loopback ports
behind nginx (Debian's), two task workers. A session begun on one node goes on on the other; under
a load of writes through nginx, one web node and the worker running a job are killed (SIGKILL):
the other node carries the load, no answered write is lost, and every job is done exactly once.

Real processes on the suite's PostgreSQL test database: it runs in the PostgreSQL pass of
``CI=true bash scripts/test`` (which installs nginx), and is skipped elsewhere."""

import contextlib
import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import PASSWORD
from hoanhap.accounts.models import User
from hoanhap.accounts.services import create_user
from hoanhap.audit.models import AuditEntry
from hoanhap.bench.measure import _free_port, _wait_for_port
from hoanhap.hotline.models import Tip
from hoanhap.imports import services as imports
from hoanhap.imports import tasks as import_tasks
from hoanhap.imports.models import BatchStatus, ImportBatch
from hoanhap.imports.tests.test_imports import xlsx
from hoanhap.lib.env import database_url
from hoanhap.lib.jobs import requeue_abandoned
from hoanhap.lib.roles import Role
from hoanhap.people.models import Person

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the nodes share a PostgreSQL database"),
    pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (CI=true installs it)"),
]
ROOT = Path(settings.BASE_DIR)
LISTS, ROWS = 3, 400
TIP_PAGE = re.compile(r"/tin-bao/[0-9a-f-]{36}/$")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

NGINX_CONF = """
worker_processes 1;
user root;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
daemon off;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream hoanhap_web {{
        server 127.0.0.1:{a} max_fails=1 fail_timeout=30s;
        server 127.0.0.1:{b} max_fails=1 fail_timeout=30s;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://hoanhap_web;
            proxy_set_header Host $host;
            proxy_set_header X-Request-ID $request_id;
            proxy_next_upstream error timeout;
        }}
    }}
}}
"""


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "HOANHAP_ENV": "development",
        "HOANHAP_DEMO": "true",
    }


def _start(args: list[str], log: Path) -> subprocess.Popen:
    out = log.open("wb")
    return subprocess.Popen(  # noqa: S603 - our own processes on the loopback address
        args, cwd=ROOT, env=_env(), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )


def _web(port: int, tmp: Path, name: str) -> subprocess.Popen:
    return _start(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "hoanhap.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", "2", "--graceful-timeout", "5"],
        tmp / f"{name}.log",
    )  # fmt: skip


def _worker(name: str, tmp: Path) -> subprocess.Popen:
    return _start(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-startup-delay",
            "--interval",
            "0.2",
            "--worker-id",
            name,
        ],
        tmp / f"{name}.log",
    )


def _kill(process: subprocess.Popen) -> None:
    """SIGKILL to the process and everything it started (a gunicorn master and its workers)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def _signed_in(base: str, username: str) -> requests.Session:
    session = requests.Session()
    form = session.get(f"{base}/dang-nhap/", timeout=30)
    token = CSRF.search(form.text)
    answer = session.post(
        f"{base}/dang-nhap/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""},
        timeout=30,
    )
    assert "/dang-nhap/" not in answer.url, f"{username} could not sign in"
    return session


class Writer(threading.Thread):
    """Records tips through nginx until told to stop; counts what was answered as recorded."""

    def __init__(self, base: str, username: str, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.base, self.stop = base, stop
        self.session = _signed_in(base, username)
        self.recorded: list[float] = []  # when each tip was answered as recorded
        self.unanswered = 0  # the answer was lost (connection cut, 502): the tip may or may not exist

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                form = self.session.get(f"{self.base}/tin-bao/tiep-nhan/", timeout=30)
                token = CSRF.search(form.text)
                data = {
                    "csrfmiddlewaretoken": token.group(1) if token else "",
                    "channel": "phone",
                    "category": "hotspot",
                    "received_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
                    "summary": "Cụm máy: tin thử",
                }
                answer = self.session.post(f"{self.base}/tin-bao/tiep-nhan/", data, timeout=30)
            except requests.RequestException:
                self.unanswered += 1
                continue
            if TIP_PAGE.search(answer.url):
                self.recorded.append(time.monotonic())
            elif token:  # a posted form that did not reach its page
                self.unanswered += 1


def test_two_nodes_behind_nginx_lose_a_node_and_a_worker_and_lose_nothing(units, tmp_path):
    officers = [
        create_user(
            None,
            password=PASSWORD,
            username=f"cum{n}",
            role=Role.COMMUNE_POLICE,
            commune_id="17464",
            is_demo=True,
        )
        for n in range(4)
    ]
    # The tests hash with MD5 (conftest.py); the nodes run the real settings, which check Argon2.
    argon2 = Argon2PasswordHasher()
    hashed = argon2.encode(PASSWORD, argon2.salt())
    User.objects.filter(pk__in=[o.pk for o in officers]).update(password=hashed)
    batches = []
    for n in range(LISTS):
        born = [f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1950 + n * 20 + i % 20}" for i in range(ROWS)]
        rows = [[i, f"Cụm Máy {n} Số {i}", born[i], "Nam", None, None, "", None] for i in range(ROWS)]
        batch = imports.upload(officers[0], file_name=f"ds{n}.xlsx", content=xlsx(rows))
        batch = imports.run_check(imports.set_mapping(officers[0], batch=batch, mapping=batch.mapping))
        assert batch.status == BatchStatus.CHECKED and batch.new_rows == ROWS, batch.errors[:3]
        batches.append(batch)

    node_a, node_b, front = _free_port(), _free_port(), _free_port()
    (tmp_path / "nginx.conf").write_text(NGINX_CONF.format(tmp=tmp_path, a=node_a, b=node_b, port=front))
    web_a, web_b = _web(node_a, tmp_path, "web-a"), _web(node_b, tmp_path, "web-b")
    proxy = _start([NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], tmp_path / "nginx.log")
    workers = {"w1": _worker("w1", tmp_path), "w2": _worker("w2", tmp_path)}
    processes = [web_a, web_b, proxy, *workers.values()]
    stop = threading.Event()
    try:
        for port in (node_a, node_b, front):
            _wait_for_port(port)

        # A session begun on node A goes on on node B: sessions are in the database.
        session = _signed_in(f"http://127.0.0.1:{node_a}", "cum0")
        on_b = session.get(f"http://127.0.0.1:{node_b}/tin-bao/", timeout=30)
        assert on_b.status_code == 200 and "/dang-nhap/" not in on_b.url

        base = f"http://127.0.0.1:{front}"
        writers = [Writer(base, officer.username, stop) for officer in officers]
        for writer in writers:
            writer.start()
        jobs = [import_tasks.commit_batch.enqueue(b.pk, officers[0].pk).id for b in batches]

        # Kill the worker that took the first job, in the middle of it, and web node A.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            running = DBTaskResult.objects.filter(id__in=jobs, status="RUNNING").first()
            if running:
                break
            time.sleep(0.05)
        assert running is not None, "no worker took a job"
        time.sleep(0.3)
        victim = running.worker_ids[-1]
        _kill(workers.pop(victim))
        time.sleep(1.0)
        _kill(web_a)
        killed_at = time.monotonic()
        time.sleep(8)
        stop.set()
        for writer in writers:
            writer.join(timeout=60)

        # The job of the dead worker is put back in the queue, and the other worker does it.
        later = timezone.now() + dt.timedelta(minutes=settings.TASK_ABANDONED_MINUTES + 1)
        requeue_abandoned(now=later)
        deadline = time.monotonic() + 180
        while (
            time.monotonic() < deadline
            and DBTaskResult.objects.filter(id__in=jobs, status="SUCCESSFUL").count() < LISTS
        ):
            time.sleep(0.5)
    finally:
        stop.set()
        for process in processes:
            if process.poll() is None:
                _kill(process)

    results = DBTaskResult.objects.filter(id__in=jobs)
    assert sorted(r.status for r in results) == ["SUCCESSFUL"] * LISTS, [
        (r.status, r.traceback[-300:]) for r in results
    ]
    assert any(len(r.worker_ids) == 2 for r in results)  # the dead worker's job, done by the other
    assert all(b.status == BatchStatus.COMMITTED for b in ImportBatch.objects.all())
    assert Person.objects.count() == LISTS * ROWS
    assert AuditEntry.objects.filter(action="import", extra__step="commit").count() == LISTS

    recorded = [t for w in writers for t in w.recorded]
    unanswered = sum(w.unanswered for w in writers)
    stored = Tip.objects.filter(summary="Cụm máy: tin thử").count()
    assert len(recorded) <= stored <= len(recorded) + unanswered  # nothing answered was lost
    assert sum(t > killed_at + 1 for t in recorded) >= 10  # node B carried on alone
    assert unanswered <= len(writers)  # only requests in flight on node A when it died
    assert User.objects.filter(username="cum0").exists()
    print(
        f"cluster: {len(recorded)} tips answered as recorded ({stored} stored, {unanswered} answers lost "
        f"with node A), {LISTS} lists of {ROWS} written once, one by a second worker"
    )
