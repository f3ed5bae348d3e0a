"""The upgrade test (issue 10): a database made by the previous release (deploy/previous-release)
with its demo data is migrated by the current code. Nothing is lost, nothing is left to migrate,
and the previous release's code still reads every table of the migrated database, so that it
can keep serving while the new version's migrations run (expand, then contract)."""

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings

from hoanhap.bench.management.commands.loadtest import OwnDatabase

ROOT = Path(settings.BASE_DIR)
PREVIOUS = next(
    line.strip()
    for line in (ROOT / "deploy" / "previous-release").read_text().splitlines()
    if line.strip() and not line.startswith("#")
)
COUNTS = (
    "from django.apps import apps\n"
    "for m in sorted(apps.get_models(), key=lambda m: m._meta.label):\n"
    "    m._default_manager.first()\n"
    "    print(m._meta.label, m._default_manager.count())\n"
)

pytestmark = pytest.mark.skipif(
    not (ROOT / ".git").exists() or shutil.which("git") is None, reason="needs the repository's history"
)


def _manage(tree: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own commands
        [sys.executable, "manage.py", *args], cwd=tree, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{tree.name}: manage.py {args[0]}: {done.stderr[-3000:]}"
    return done.stdout


def _counts(text: str) -> dict[str, int]:
    return {label: int(n) for label, n in (line.rsplit(" ", 1) for line in text.splitlines() if line.strip())}


def test_the_previous_release_upgrades_in_place(tmp_path):
    old = tmp_path / "previous"
    old.mkdir()
    archive = subprocess.run(  # noqa: S603
        ["git", "-C", str(ROOT), "archive", "--format=tar", PREVIOUS],  # noqa: S607
        capture_output=True,
        check=True,
    ).stdout
    (tmp_path / "previous.tar").write_bytes(archive)
    with tarfile.open(tmp_path / "previous.tar") as tar:
        tar.extractall(old, filter="data")
    with OwnDatabase(tmp_path) as url:
        env = {**os.environ, "DATABASE_URL": url, "HOANHAP_ENV": "development", "HOANHAP_DEMO": "true"}
        env["PYTHONPATH"] = str(old)  # the previous release's code, with today's packages
        _manage(old, env, "migrate", "--noinput", "-v", "0")
        _manage(old, env, "load_units")
        _manage(old, env, "seed_demo")
        before = _counts(_manage(old, env, "shell", "--no-imports", "-c", COUNTS))

        env["PYTHONPATH"] = str(ROOT)
        _manage(ROOT, env, "migrate", "--noinput", "-v", "0")
        assert "No planned migration operations" in _manage(ROOT, env, "migrate", "--plan")
        after = _counts(_manage(ROOT, env, "shell", "--no-imports", "-c", COUNTS))
        _manage(ROOT, env, "verify_audit_chain")

        env["PYTHONPATH"] = str(old)  # the old code, still serving during the upgrade
        read_by_old = _counts(_manage(old, env, "shell", "--no-imports", "-c", COUNTS))
    assert before["people.Person"] > 0 and before["audit.AuditEntry"] > 0
    # New models add their content types and permissions; every other table keeps its rows.
    grows = {"contenttypes.ContentType", "auth.Permission"}
    kept = {label: n for label, n in before.items() if label in after and label not in grows}
    assert kept == {label: after[label] for label in kept}, "rows changed in the migration"
    assert {k: v for k, v in read_by_old.items() if k not in grows} == {
        k: v for k, v in before.items() if k not in grows
    }
