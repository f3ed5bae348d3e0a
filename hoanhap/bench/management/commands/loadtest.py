"""The load and soak test (issue 9): a fresh database with the demo data, gunicorn (2 workers) and a
task worker on 127.0.0.1, and locust driving officers, helpers and managers (``locustfile.py``) for
a bounded time. It fails on any server error, on a write that was answered but not stored, and on
web memory that keeps growing after the warm-up; latency is reported beside the budgets, and with
``--enforce-budgets`` (the soak under CI) a p95 over its budget fails too.

SQLite by default (a file in a temporary directory); on PostgreSQL when DATABASE_URL points at one
(a database of its own is created next to it and dropped afterwards)."""

import csv
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hoanhap.bench.measure import _children, _free_port, _wait_for_port
from hoanhap.lib.env import database_url

ROOT = Path(settings.BASE_DIR)
LOCUSTFILE = Path(__file__).resolve().parents[2] / "locustfile.py"
# p95 budgets of the benchmark (issue 8) for the pages the load drives, in milliseconds.
BUDGETS = {"search": 100, "status list": 100, "person page": 100, "inbox": 150}
WARM_UP = 0.25  # the first quarter of the run: caches fill, memory settles
GROWTH_LIMIT = 1.30  # web memory at the end may not exceed 130 % of its level after the warm-up


class Command(BaseCommand):
    help = "Load and soak test with locust against gunicorn on 127.0.0.1 (officers, helpers, managers)."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=180)
        parser.add_argument("--users", type=int, default=20)
        parser.add_argument("--out", type=Path, default=Path(settings.BASE_DIR) / "var" / "load")
        parser.add_argument(
            "--enforce-budgets",
            action="store_true",
            help="fail when a budgeted request's p95 is over its budget (the soak under CI does)",
        )

    def handle(self, *args, seconds, users, out, enforce_budgets=False, **options):
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="hoanhap-load-") as tmp, OwnDatabase(Path(tmp)) as url:
            env = {
                **os.environ,
                "DATABASE_URL": url,
                "HOANHAP_ENV": "development",
                "HOANHAP_DEMO": "true",
            }
            env["DEBUG"] = "false"
            self.stdout.write("Preparing the database (units, demo data)...")
            for step in (["migrate", "--noinput", "-v", "0"], ["load_units"], ["seed_demo"]):
                _manage(env, *step)
            result = self._run(env, Path(tmp), seconds=seconds, users=users)
            result["stored_tips"] = int(_manage(env, "shell", "--no-imports", "-c", COUNT_TIPS).strip())
        # A tip sent as the run stops is stored without its answer being counted: at most one per user.
        result["lost_writes"] = max(0, result["answered_tips"] - result["stored_tips"])
        result["unanswered_writes"] = result["stored_tips"] - result["answered_tips"]
        result["verdict"] = _verdict(result, budgets=enforce_budgets)
        (out / "load.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
        (out / "load.md").write_text(_markdown(result))
        self.stdout.write(_markdown(result))
        if result["verdict"]:
            raise CommandError("; ".join(result["verdict"]))

    def _run(self, env: dict[str, str], tmp: Path, *, seconds: int, users: int) -> dict[str, Any]:
        port = _free_port()
        server_log = tmp / "gunicorn.log"
        with server_log.open("wb") as log:
            server = subprocess.Popen(  # noqa: S603 - our own server on the loopback address
                [sys.executable, "-m", "gunicorn", "hoanhap.wsgi:application", "--workers", "2",
                 "--bind", f"127.0.0.1:{port}", "--graceful-timeout", "10", "--log-level", "warning"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "0.5"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            memory: list[tuple[float, float]] = []
            stop = threading.Event()
            try:
                _wait_for_port(port)
                sampler = threading.Thread(target=_sample, args=(server.pid, memory, stop), daemon=True)
                sampler.start()
                started = time.monotonic()
                self.stdout.write(f"Load: {users} users for {seconds} s on 127.0.0.1:{port}...")
                subprocess.run(  # noqa: S603
                    [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--only-summary",
                     "-u", str(users), "-r", str(max(1, users // 4)), "-t", f"{seconds}s",
                     "--host", f"http://127.0.0.1:{port}", "--csv", str(tmp / "locust"),
                     "--exit-code-on-error", "0", "--stop-timeout", "10"],
                    cwd=ROOT, env=os.environ, check=True, capture_output=True,
                )  # fmt: skip
                elapsed = time.monotonic() - started
            finally:
                stop.set()
                for process in (server, worker):
                    process.send_signal(signal.SIGTERM)
                for process in (server, worker):
                    process.wait(timeout=60)
        server_errors = [
            line
            for line in server_log.read_text(errors="replace").splitlines()
            if "Traceback" in line or " ERROR " in line
        ]
        rows = _stats(tmp / "locust_stats.csv")
        tips = rows.get("record tip", {"requests": 0, "failures": 0})
        return {
            "database": dj_database_url.parse(env["DATABASE_URL"])["ENGINE"].rsplit(".", 1)[1],
            "users": users,
            "seconds": round(elapsed),
            "requests": rows,
            "server_errors": len(server_errors),
            "server_error_lines": server_errors[:5],
            "answered_tips": tips["requests"] - tips["failures"],
            "memory": _memory(memory),
        }


COUNT_TIPS = (
    "from hoanhap.hotline.models import Tip; print(Tip.objects.filter(summary__startswith='Tải thử').count())"
)


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise CommandError(f"manage.py {args[0]} failed: {done.stderr[-2000:]}")
    return done.stdout


class OwnDatabase:
    """A database of the run's own: a SQLite file, or a new PostgreSQL database beside the configured one."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.configured = settings.DATABASES["default"]
        self.name = f"hoanhap_load_{os.getpid()}"

    def __enter__(self) -> str:
        if self.configured["ENGINE"] != "django.db.backends.postgresql":
            return f"sqlite:///{self.tmp / 'load.sqlite3'}"
        self._admin(f'CREATE DATABASE "{self.name}"')
        return database_url(self.configured, name=self.name)

    def __exit__(self, *exc: object) -> None:
        if self.configured["ENGINE"] == "django.db.backends.postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        import psycopg

        c = self.configured
        with psycopg.connect(
            dbname="postgres",
            user=c["USER"],
            password=c["PASSWORD"],
            host=c["HOST"] or "127.0.0.1",
            port=c["PORT"] or 5432,
            autocommit=True,
        ) as admin:
            admin.execute(sql)


def _sample(server_pid: int, memory: list[tuple[float, float]], stop: threading.Event) -> None:
    """Resident memory of the web workers (the largest), every second."""
    started = time.monotonic()
    while not stop.wait(1.0):
        sizes = []
        for pid in _children(server_pid):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            sizes += [
                int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS:")
            ]
        if sizes:
            memory.append((time.monotonic() - started, max(sizes)))


def _memory(samples: list[tuple[float, float]]) -> dict[str, Any]:
    if len(samples) < 8:
        return {"samples": len(samples)}
    end = samples[-1][0]
    settled = [mib for t, mib in samples if t >= end * WARM_UP]
    third = max(1, len(settled) // 3)
    first, last = statistics.median(settled[:third]), statistics.median(settled[-third:])
    return {"samples": len(samples), "after_warm_up_mib": round(first, 1), "end_mib": round(last, 1)}


def _stats(path: Path) -> dict[str, dict[str, Any]]:
    rows = {}
    with path.open(newline="") as f:
        for row in csv.DictReader(f):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "rps": round(float(row["Requests/s"] or 0), 2),
                "budget_p95_ms": BUDGETS.get(row["Name"]),
            }
    return rows


def _verdict(result: dict[str, Any], *, budgets: bool = False) -> list[str]:
    problems = []
    if budgets:
        problems += [
            f"{name}: p95 {r['p95_ms']:.0f} ms over its {r['budget_p95_ms']} ms budget"
            for name, r in result["requests"].items()
            if r.get("budget_p95_ms") and r["p95_ms"] > r["budget_p95_ms"]
        ]
    failures = sum(r["failures"] for name, r in result["requests"].items() if name != "Aggregated")
    if failures:
        problems.append(f"{failures} failed requests")
    if result["server_errors"]:
        problems.append(f"{result['server_errors']} errors in the server log")
    if result["lost_writes"]:
        problems.append(f"{result['lost_writes']} answered tips were not stored")
    if result["unanswered_writes"] > result["users"]:
        problems.append(f"{result['unanswered_writes']} tips stored that no answer accounts for")
    memory = result["memory"]
    if "end_mib" in memory and memory["end_mib"] > memory["after_warm_up_mib"] * GROWTH_LIMIT:
        problems.append(f"web memory grew from {memory['after_warm_up_mib']} to {memory['end_mib']} MiB")
    return problems


def _markdown(result: dict[str, Any]) -> str:
    lines = [
        f"Load test: {result['users']} users for {result['seconds']} s, {result['database']}, "
        "gunicorn 2 workers on 127.0.0.1",
        "",
        "| request | count | failures | p50 ms | p95 ms | budget p95 | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in sorted(result["requests"].items(), key=lambda item: item[0] == "Aggregated"):
        budget = r["budget_p95_ms"]
        mark = " **over**" if budget and r["p95_ms"] > budget else ""
        lines.append(
            f"| {name} | {r['requests']:,} | {r['failures']} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f}{mark} "
            f"| {budget or ''} | {r['rps']} |"
        )
    memory = result["memory"]
    lines += [
        "",
        f"Server errors in the log: {result['server_errors']}. Tips answered as recorded: "
        f"{result['answered_tips']}, stored: {result['stored_tips']}.",
        f"Web worker memory (largest, RSS): {memory.get('after_warm_up_mib', '?')} MiB after the warm-up, "
        f"{memory.get('end_mib', '?')} MiB at the end ({memory['samples']} samples).",
        f"Verdict: {'; '.join(result['verdict']) or 'no server error, no lost write, memory flat'}.",
        "",
    ]
    return "\n".join(lines)
