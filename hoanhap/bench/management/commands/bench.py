"""The benchmark: build a synthetic national dataset, measure, write JSON and Markdown.

Run it through scripts/bench (which installs what it needs and uses a database of its own);
``--people`` sets the size (default 300,000 people, about 3,000,000 dated facts).
"""

import datetime as dt
import json
import os
import platform
import subprocess
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from hoanhap.bench import dataset
from hoanhap.bench.measure import Bench, Figure
from hoanhap.lib.dates import today
from hoanhap.people.models import Person

STEPS = ("search", "lists", "person", "reports", "inbox", "http", "import")


class Command(BaseCommand):
    help = "Build the synthetic national dataset and measure search, lists, reports, inbox, import and HTTP."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=300_000)
        parser.add_argument("--repeat", type=int, default=30, help="runs per measured request")
        parser.add_argument("--import-rows", type=int, default=50_000)
        parser.add_argument("--http-seconds", type=int, default=15)
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--only", nargs="*", choices=STEPS, default=list(STEPS))
        parser.add_argument("--out", type=Path, default=Path(settings.BASE_DIR) / "var" / "bench")

    def handle(self, *args, **options):
        day = today()
        existing = Person.objects.count()
        if existing and not dataset.User.objects.filter(username="bench_officer").exists():
            raise CommandError("This database holds real records: the benchmark needs a database of its own.")
        if not existing:
            call_command("load_units", verbosity=0)
            self.stdout.write(f"Building {options['people']:,} people...")
            built = dataset.build(options["people"], today=day, log=self.stdout.write)
            size = {"people": built.people, "facts": built.total_facts, "by_kind": built.facts}
            build_seconds = built.seconds
            self.stdout.write(
                f"Built in {built.seconds:.0f} s: {built.people:,} people, {built.total_facts:,} facts."
            )
        else:
            self.stdout.write(f"Reusing the benchmark data already here ({existing:,} people).")
            size, build_seconds = {"people": existing}, None
        commune = dataset.largest_commune()
        bench = Bench(
            repeat=options["repeat"],
            today=day,
            commune=commune,
            small_commune=dataset.smallest_commune(),
            log=self.stdout.write,
        )
        started = time.perf_counter()
        steps = {
            "search": bench.search,
            "lists": bench.lists,
            "person": bench.person_page,
            "reports": bench.reports,
            "inbox": bench.inbox,
            "http": lambda: bench.http(options["http_seconds"], options["connections"]),
            "import": lambda: bench.import_rows(options["import_rows"]),
        }
        for name in STEPS:  # the import last: it adds people to the largest commune
            if name in options["only"]:
                self.stdout.write(f"== {name}")
                steps[name]()
        result: dict[str, Any] = {
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "commit": _git("rev-parse", "--short", "HEAD"),
            "machine": _machine(),
            "database": _database(),
            "dataset": {
                **size,
                "build_seconds": build_seconds,
                "largest_commune_people": _people_in(commune),
            },
            "measure_seconds": round(time.perf_counter() - started, 1),
            "figures": [f.as_dict() for f in bench.figures],
        }
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        stem = f"bench-{result['database']['vendor']}"
        (out / f"{stem}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str))
        (out / f"{stem}.md").write_text(markdown(result, bench.figures))
        missed = [f for f in bench.figures if f.missed]
        self.stdout.write(
            f"Results: {out / stem}.md ({len(missed)} of {len(bench.figures)} figures miss their budget)"
        )


def _people_in(commune: str) -> int:
    return Person.objects.filter(commune_id=commune).count()


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout.strip()  # noqa: S603, S607
    except (OSError, subprocess.CalledProcessError):
        return ""


def _machine() -> dict:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "python": platform.python_version(),
    }


def _database() -> dict:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        version = cursor.fetchone()[0]
    return {"vendor": connection.vendor, "version": version}


def _cell(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    return f"{value:,.1f}" if unit in ("ms", "MiB", "req/s") or value < 100 else f"{value:,.0f}"


def markdown(result: dict, figures: list[Figure]) -> str:
    data, machine, db = result["dataset"], result["machine"], result["database"]
    lines = [
        f"# Benchmark on {db['vendor']} {db['version']}",
        "",
        f"{result['when']}, commit `{result['commit']}`; {machine['cores']} cores ({machine['cpu']}), "
        f"{machine['memory_gib']} GiB, Python {machine['python']}.",
        f"Dataset: {data['people']:,} people"
        + (f", {data['facts']:,} dated facts" if data.get("facts") else "")
        + f"; the largest commune holds {data['largest_commune_people']:,} people.",
        "",
        "| measurement | unit | median | p95 | floor (median) | ratio | budget | queries | |",
        "|---|---|---:|---:|---:|---:|---|---:|---|",
    ]
    for f in figures:
        budget = []
        if f.budget is not None:
            budget.append(f"p95 < {f.budget:g}")
        if f.max_ratio is not None:
            budget.append(f"≤ {f.max_ratio:g}× floor")
        if f.min_ratio is not None:
            budget.append(f"≥ {f.min_ratio:g}× floor")
        mark = "**MISSED**: " + "; ".join(f.missed) if f.missed else ""
        if f.note:
            mark = f"{mark} {f.note}".strip()
        lines.append(
            f"| {f.label} | {f.unit} | {_cell(f.median, f.unit)} | {_cell(f.p95, f.unit)} | "
            f"{_cell(f.floor_median, f.unit)} | {f'{f.ratio:.2f}' if f.ratio else '–'} | "
            f"{', '.join(budget)} | "
            f"{f.queries if f.queries is not None else ''} | {mark} |"
        )
    lines += [
        "",
        "Floors: "
        + "; ".join(sorted({f"{f.key.split('.')[0]}: {f.floor_label}" for f in figures if f.floor_label})),
        "",
    ]
    return "\n".join(lines)
