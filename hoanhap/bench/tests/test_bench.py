"""The benchmark at a small size, so that the command never rots: every measurement runs (the real
server and load tool included), the ORM's indicator values equal the hand-written SQL's, and no
page needs more queries in a large commune than in a small one (N+1).

It runs the command as the README says, in a database of its own: a SQLite file, or a fresh
PostgreSQL database beside the test database when the suite runs on PostgreSQL.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
EXPECTED = {
    "search.name",
    "search.id",
    "search.birth_year",
    "person",
    "report.commune",
    "report.province",
    "report.national",
    "inbox",
    "http.list.throughput",
    "http.person.throughput",
    "memory.web",
    "import",
    "memory.worker",
}


def _database_url(tmp_path: Path) -> str:
    if connection.vendor != "postgresql":
        return f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    import psycopg

    params = connection.settings_dict
    name = f"{params['NAME']}_bench"
    with psycopg.connect(
        dbname="postgres",
        user=params["USER"],
        password=params["PASSWORD"],
        host=params["HOST"],
        port=params["PORT"] or 5432,
        autocommit=True,
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return (
        f"postgres://{params['USER']}:{params['PASSWORD']}@{params['HOST']}:{params['PORT'] or 5432}/{name}"
    )


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is installed by scripts/bench and scripts/test")
def test_every_measurement_runs_at_a_small_size(tmp_path):
    env = {**os.environ, "DATABASE_URL": _database_url(tmp_path), "HOANHAP_ENV": "development"}
    manage = [sys.executable, str(ROOT / "manage.py")]

    def run(*args: str) -> None:
        subprocess.run([*manage, *args], cwd=ROOT, env=env, check=True, timeout=900)  # noqa: S603

    run("migrate", "-v", "0")
    out = tmp_path / "results"
    run(
        "bench",
        "--people", "2000",
        "--repeat", "3",
        "--import-rows", "300",
        "--http-seconds", "1",
        "--connections", "2",
        "--out", str(out),
    )  # fmt: skip
    result = json.loads(next(out.glob("bench-*.json")).read_text())
    figures = {f["key"]: f for f in result["figures"]}
    assert set(figures) >= EXPECTED and any(k.startswith("list.") for k in figures)
    assert result["dataset"]["people"] == 2000 and result["dataset"]["facts"] > 10_000
    for figure in figures.values():
        assert figure["samples"], figure["key"]
        assert "MISMATCH" not in figure["note"], figure["note"]
        assert "queries grow" not in figure["note"], (figure["key"], figure["note"])
    for key in ("http.list.throughput", "http.person.throughput"):
        assert " 0 errors, 0 non-2xx" in figures[key]["note"], figures[key]["note"]
    assert "300 people created" in figures["import"]["note"]
    assert (out / f"bench-{connection.vendor}.md").read_text().count("\n| ") >= len(EXPECTED)
