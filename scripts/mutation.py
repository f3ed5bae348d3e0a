"""Mutation testing of the access and integrity code (issue 24), with mutmut.

Each group of modules is mutated with only the tests that cover it (mutmut then runs, for each
mutant, those of them that reach the mutated function), in a copy of the tracked files of its own,
so that one group's tests do not run for another's mutants. The run fails on a mutant that
survives unless ``scripts/mutation-equivalents.txt`` names it with the reason it cannot be told
apart from the code (an equivalent mutant); it lists every survivor and the time of each group.

    .venv/bin/python scripts/mutation.py            # every group
    .venv/bin/python scripts/mutation.py audit      # one group
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "scripts" / "mutation-equivalents.txt"

# group: (modules mutated, tests that cover them)
GROUPS: dict[str, tuple[list[str], list[str]]] = {
    "scoping": (
        ["hoanhap/accounts/scoping.py"],
        ["hoanhap/accounts/tests/test_scoping.py"],
    ),
    "audit": (
        [
            "hoanhap/audit/chain.py",
            "hoanhap/audit/services.py",
            "hoanhap/audit/keys.py",
            "hoanhap/audit/checkpoints.py",
        ],
        [
            "hoanhap/audit/tests/test_chain.py",
            "hoanhap/audit/tests/test_services.py",
            "hoanhap/audit/tests/test_checkpoints.py",
            "hoanhap/audit/tests/test_known_answers.py",
        ],
    ),
    "imports": (
        ["hoanhap/imports/services.py"],
        [
            "hoanhap/imports/tests/test_imports.py",
            "hoanhap/imports/tests/test_checking.py",
            "hoanhap/imports/tests/test_committing.py",
        ],
    ),
    "people": (
        ["hoanhap/people/selectors.py"],
        ["hoanhap/people/tests/test_selectors.py", "hoanhap/people/tests/test_views.py"],
    ),
    "api": (
        ["hoanhap/api/permissions.py"],
        ["hoanhap/api/tests/test_permissions.py"],
    ),
    "indicators": (
        ["hoanhap/reports/indicators.py"],
        ["hoanhap/reports/tests/test_indicator_rules.py", "hoanhap/reports/tests/test_indicators.py"],
    ),
}

SETUP_CFG = """[mutmut]
source_paths = hoanhap
only_mutate = {modules}
also_copy = conftest.py
    manage.py
pytest_add_cli_args = -p no:locust -p no:cacheprovider -p no:xdist -q
pytest_add_cli_args_test_selection = {tests}
# Not mutated: the words of messages (a line that starts a gettext call or continues a string) and
# log lines. What a message says is read by people, not by the code; where it is shown is not
# skipped (a line holding a field name and its message is mutated).
do_not_mutate_patterns = ^\s*_\(
    ^\s*f?"[^"]*"\s*,?\s*$
    logger\.
"""


def equivalents() -> set[str]:
    """Mutant names explained as equivalent: one per line, ``name  # why``."""
    if not EQUIVALENTS.exists():
        return set()
    lines = EQUIVALENTS.read_text(encoding="utf-8").splitlines()
    return {line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()}


def tracked_copy(target: Path) -> None:
    """The working tree as git sees it (ignored files left out), compiled catalogues included."""
    listed = subprocess.run(  # noqa: S603 - our own repository
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],  # noqa: S607
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    catalogues = [str(p.relative_to(ROOT)) for p in ROOT.glob("hoanhap/**/*.mo")]
    for name in [f.decode() for f in listed if f] + catalogues:
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def run_group(
    name: str, modules: list[str], tests: list[str], keep: set[str]
) -> tuple[list[str], dict[str, int]]:
    with tempfile.TemporaryDirectory(prefix=f"mutation-{name}-") as tmp:
        work = Path(tmp)
        tracked_copy(work)
        (work / "setup.cfg").write_text(
            SETUP_CFG.format(modules="\n    ".join(modules), tests="\n    ".join(tests)), encoding="utf-8"
        )
        env = {
            **os.environ,
            "HOANHAP_ENV": "development",
            "HOANHAP_DEMO": "true",
            "DATABASE_URL": f"sqlite:///{work / 'test.sqlite3'}",
            "TEST_DATABASE_MIGRATED": "1",
        }
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=work, env=env, check=True
        )
        # Two mutants at a time, each session on its own copy of the database (conftest.py): on
        # one shared file, a test failing on "database is locked" would count a mutant as killed.
        subprocess.run(
            [sys.executable, "-m", "mutmut", "run", "--max-children", "2"],
            cwd=work,
            env=env,
            stdout=subprocess.DEVNULL if not os.environ.get("MUTATION_VERBOSE") else None,
            check=False,
        )
        results = subprocess.run(
            [sys.executable, "-m", "mutmut", "results", "--all", "true"],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        counts: dict[str, int] = {}
        survivors = []
        for line in results.splitlines():
            if ":" not in line:
                continue
            mutant, status = (part.strip() for part in line.rsplit(":", 1))
            counts[status] = counts.get(status, 0) + 1
            if status in ("survived", "no tests", "timeout", "suspicious") and mutant not in keep:
                survivors.append(f"{mutant}: {status}{_diff(work, env, mutant)}")
    return survivors, counts


def _diff(work: Path, env: dict[str, str], mutant: str) -> str:
    """The changed lines of a mutant, indented under its name."""
    shown = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "mutmut", "show", mutant], cwd=work, env=env, capture_output=True, text=True
    ).stdout
    changed = [line for line in shown.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    return "".join(f"\n      {line}" for line in changed)


def main(argv: list[str]) -> int:
    chosen = argv or list(GROUPS)
    keep = equivalents()
    failed = []
    for name in chosen:
        modules, tests = GROUPS[name]
        started = time.monotonic()
        survivors, counts = run_group(name, modules, tests, keep)
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        print(f"== mutation {name}: {summary} in {time.monotonic() - started:.0f} s", flush=True)
        for survivor in survivors:
            print(f"   {survivor}")
        failed += survivors
    if failed:
        print(f"{len(failed)} mutants not killed and not explained in {EQUIVALENTS.relative_to(ROOT)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
