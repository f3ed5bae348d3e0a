"""The measurements, each timed over repeated runs and set beside its floor measured in the same run:
pages against a minimal view through the same stack, indicators against hand-written SQL, the
import against a bare bulk insert of the same rows, HTTP against the minimal view on the same
server."""

import datetime as dt
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hoanhap.accounts.models import User
from hoanhap.accounts.testing import signed_in
from hoanhap.bench import dataset, floors
from hoanhap.cases.lists import LISTS
from hoanhap.lib.roles import Role
from hoanhap.lib.vntext import search_key
from hoanhap.people.models import Person
from hoanhap.reports import indicators
from hoanhap.reports.facts import Period
from hoanhap.reports.models import IndicatorDefinition
from hoanhap.reports.services import period_of

ROOT = Path(settings.BASE_DIR)
# A page skips a few queries where a section is empty (an empty prefetch, a rule not needed);
# a query per row shows as hundreds more in the largest commune.
GROWTH_ALLOWED = 8


@dataclass
class Figure:
    key: str
    label: str
    unit: str = "ms"
    samples: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    floor_label: str = ""
    budget: float | None = None  # p95 must stay under it (in ``unit``)
    max_ratio: float | None = None  # median / floor median must stay under it
    min_ratio: float | None = None  # for throughput: value / floor must stay above it
    queries: int | None = None
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def p95(self) -> float | None:
        if len(self.samples) < 2:
            return self.median
        return statistics.quantiles(self.samples, n=20, method="inclusive")[18]

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor) if self.floor else None

    @property
    def ratio(self) -> float | None:
        if self.median is None or not self.floor_median:
            return None
        return self.median / self.floor_median

    @property
    def missed(self) -> list[str]:
        reasons = []
        if self.budget is not None and self.p95 is not None and self.p95 > self.budget:
            reasons.append(f"p95 {self.p95:.0f} > {self.budget:g} {self.unit}")
        if self.max_ratio is not None and self.ratio is not None and self.ratio > self.max_ratio:
            reasons.append(f"{self.ratio:.2f}× floor > {self.max_ratio:g}×")
        if self.min_ratio is not None and self.ratio is not None and self.ratio < self.min_ratio:
            reasons.append(f"{self.ratio:.2f}× floor < {self.min_ratio:g}×")
        return reasons

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(median=self.median, p95=self.p95, floor_median=self.floor_median, ratio=self.ratio)
        data["missed"] = self.missed
        return data


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def _ok(response) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"{response.request['PATH_INFO']} answered {response.status_code}")


def last_quarter(today: dt.date) -> Period:
    quarter = (today.month - 1) // 3
    year = today.year if quarter else today.year - 1
    return period_of("quarterly", year, quarter or 4)


class Bench:
    def __init__(self, *, repeat: int, today: dt.date, commune: str, small_commune: str, log=print):
        self.repeat = repeat
        self.today = today
        self.commune = commune
        self.small_commune = small_commune
        self.log = log
        self.rng = random.Random(7)
        self.figures: list[Figure] = []
        self.officer = User.objects.get(username="bench_officer")
        self.client = signed_in(self.officer)
        self.minimal_url = reverse("web:live")
        self.small_client: Client | None = None

    def _get(self, url: str) -> None:
        _ok(self.client.get(url))

    def _post(self, url: str, data: dict) -> None:
        _ok(self.client.post(url, data))

    def _page_floor(self, n: int) -> list[float]:
        return [_timed(lambda: _ok(self.client.get(self.minimal_url)))[0] for _ in range(n)]

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        shown = f"median {figure.median:.1f} {figure.unit}" if figure.median is not None else "-"
        self.log(f"  {figure.label}: {shown}" + (f", {figure.ratio:.2f}× floor" if figure.ratio else ""))
        return figure

    # a. search
    def search(self) -> None:
        people = list(Person.objects.filter(commune_id=self.commune).exclude(national_id_encrypted="")[:400])
        url = reverse("people:search")
        queries: dict[str, Callable[[], dict[str, Any]]] = {
            "name": lambda: {"q": " ".join(search_key(self.rng.choice(people).full_name).split()[-2:])},
            "id": lambda: {"q": self.rng.choice(people).national_id},
            "birth_year": lambda: {"q": "", "birth_year": self.rng.randint(1960, 2008)},
        }
        for kind, make in queries.items():
            figure = Figure(f"search.{kind}", f"Person search by {kind.replace('_', ' ')}", budget=100)
            for _ in range(self.repeat):
                data = make()
                figure.samples.append(_timed(partial(self._post, url, data))[0])
            figure.floor = self._page_floor(self.repeat)
            figure.floor_label = "minimal view"
            self.add(figure)

    # b. lists
    def lists(self) -> None:
        for code in LISTS:
            url = reverse("cases:list", args=[code])
            figure = Figure(f"list.{code}", f"List page '{code}' (largest commune)", budget=100)
            for _ in range(self.repeat):
                figure.samples.append(_timed(partial(self._get, url))[0])
            self._count_queries(figure, url)
            figure.floor = self._page_floor(self.repeat)
            figure.floor_label = "minimal view"
            self.add(figure)

    def person_page(self) -> None:
        """The person page of someone with many records, against someone with few."""
        from django.db.models import Count

        busy = (
            Person.objects.filter(commune_id=self.commune)
            .annotate(n=Count("drug_tests"))
            .order_by("-n", "pk")
            .first()
        )
        quiet = Person.objects.filter(commune_id=self.small_commune).order_by("pk").first()
        if busy is None or quiet is None:
            return
        url = reverse("people:detail", args=[busy.uuid])
        figure = Figure("person", "Person page (someone with many records)", budget=100)
        for _ in range(self.repeat):
            figure.samples.append(_timed(partial(self._get, url))[0])
        self._count_queries(figure, url, reverse("people:detail", args=[quiet.uuid]))
        figure.floor = self._page_floor(self.repeat)
        figure.floor_label = "minimal view"
        self.add(figure)

    def _count_queries(self, figure: Figure, url: str, small_url: str | None = None) -> None:
        """The page's queries in the largest commune and in a small one: more than a few more in
        the large one means a query per row (N+1)."""
        if self.small_client is None:
            self.small_client = signed_in(
                dataset.account(
                    f"bench_officer_{self.small_commune}",
                    role=Role.COMMUNE_POLICE,
                    commune_id=self.small_commune,
                )
            )
        with CaptureQueriesContext(connection) as large:
            _ok(self.client.get(url))
        with CaptureQueriesContext(connection) as small:
            _ok(self.small_client.get(small_url or url))
        figure.queries = len(large)
        if len(large) > len(small) + GROWTH_ALLOWED:
            figure.note = f"queries grow with the data: {len(small)} (small unit) vs {len(large)} (largest)"

    # c. indicators
    def reports(self) -> None:
        period = last_quarter(self.today)
        from hoanhap.geo.models import Commune

        province = Commune.objects.get(pk=self.commune).province_id
        units = [
            ("commune", {"commune_id": self.commune}, 300, 5),
            ("province", {"province_id": province}, None, 3),
            ("national", {}, 5000, 2),
        ]
        definitions = list(IndicatorDefinition.objects.filter(active=True))
        for name, unit, budget, runs in units:
            runs = min(runs, self.repeat)
            scope = indicators.unit_scope(**unit)
            figure = Figure(
                f"report.{name}",
                f"Quarterly indicators, {name} ({len(definitions)} indicators)",
                budget=budget,
                max_ratio=2,
            )
            # One run first, not counted, as for the floor below: the first read of a unit after
            # other work comes from disk, and the p95 of a handful of runs would be that run alone.
            values = indicators.compute(period, scope)
            for _ in range(runs):
                elapsed, values = _timed(partial(indicators.compute, period, scope))
                figure.samples.append(elapsed)
            sql = _sql_floor(definitions, period, unit)
            for _ in range(runs):
                elapsed, sql = _timed(partial(_sql_floor, definitions, period, unit))
                figure.floor.append(elapsed)
            figure.floor_label = "hand-written SQL, one aggregate per indicator part"
            engine = {code: (v.numerator, v.denominator) for code, (_d, v) in (values or {}).items()}
            if engine != sql:
                differ = sorted(c for c in engine if engine[c] != (sql or {}).get(c))
                figure.note = f"MISMATCH with the SQL floor: {', '.join(differ)}"
            self.add(figure)

    # d. inbox
    def inbox(self) -> None:
        url = reverse("inbox:list")
        figure = Figure("inbox", "Officer's inbox of due items (largest commune)", budget=150)
        for _ in range(self.repeat):
            figure.samples.append(_timed(lambda: _ok(self.client.get(url)))[0])
        self._count_queries(figure, url)
        figure.floor = self._page_floor(self.repeat)
        figure.floor_label = "minimal view"
        self.add(figure)

    # e. and g. import through the worker, its memory
    def import_rows(self, rows: int) -> None:
        from hoanhap.imports import services, tasks
        from hoanhap.imports.models import BatchStatus, ImportBatch

        content = _import_file(rows, self.rng)
        figure = Figure("import", f"Excel/CSV import of {rows:,} rows (upload, check, commit)", unit="s")
        figure.budget = 60 * rows / 50_000 if rows < 50_000 else 60
        # The floor first: the same rows bulk-inserted and rolled back, before the import adds them.
        figure.floor.append(_bare_insert(content, self.officer))
        figure.floor_label = "bare bulk insert of the same rows"
        worker = _start_worker()
        try:
            started = time.perf_counter()
            batch = services.upload(self.officer, file_name="bench.csv", content=content)
            tasks.check_batch.enqueue(batch.pk)
            batch = _wait(batch, {BatchStatus.CHECKED, BatchStatus.FAILED})
            if batch.errors or batch.status != BatchStatus.CHECKED:
                raise RuntimeError(f"import check failed: {batch.failure or batch.errors[:3]}")
            tasks.commit_batch.enqueue(batch.pk, self.officer.pk)
            batch = _wait(batch, {BatchStatus.COMMITTED, BatchStatus.FAILED})
            figure.samples.append(time.perf_counter() - started)
            if batch.status != BatchStatus.COMMITTED:
                raise RuntimeError(f"import commit failed: {batch.failure}")
            memory = Figure("memory.worker", "Peak memory of the worker running the import", unit="MiB")
            memory.samples.append(_peak_mib(worker.pid))
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=60)
        figure.note = f"{ImportBatch.objects.get(pk=batch.pk).created_count:,} people created"
        self.add(figure)
        self.add(memory)
        _remove_imported(batch)

    # f. and g. HTTP under load, web memory
    def http(self, seconds: int, connections: int) -> None:
        wrk = shutil.which("wrk")
        if wrk is None:
            raise RuntimeError("wrk is not installed (scripts/bench installs it)")
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603 - our own server on the loopback address
            [sys.executable, "-m", "gunicorn", "hoanhap.wsgi:application", "--workers", "2",
             "--bind", f"127.0.0.1:{port}", "--graceful-timeout", "5", "--log-level", "warning"],
            cwd=ROOT,
        )  # fmt: skip
        try:
            _wait_for_port(port)
            cookie = f"sessionid={self.client.cookies[settings.SESSION_COOKIE_NAME].value}"
            person = Person.objects.filter(commune_id=self.commune).order_by("pk").first()
            pages = {
                "minimal": reverse("web:live"),
                "list": reverse("cases:list", args=["users"]),
                "person": reverse("people:detail", args=[person.uuid]) if person else None,
            }
            results = {
                name: _wrk(wrk, f"http://127.0.0.1:{port}{path}", cookie, seconds, connections)
                for name, path in pages.items()
                if path
            }
            web_peak = max(_peak_mib(pid) for pid in _children(server.pid))
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        floor = results["minimal"]
        for name in ("list", "person"):
            if name not in results:
                continue
            got = results[name]
            throughput = Figure(
                f"http.{name}.throughput",
                f"HTTP {name} page, requests/s ({connections} connections, 2 workers)",
                unit="req/s",
                samples=[got["rps"]],
                floor=[floor["rps"]],
                floor_label="minimal view, same server",
                min_ratio=0.5 if name == "list" else None,
                note=f"p50 {got['p50']:.0f} ms, p95 {got['p95']:.0f} ms; {got['errors']} errors, "
                f"{got['non2xx']} non-2xx of {got['requests']}",
            )
            self.add(throughput)
        self.add(
            Figure("memory.web", "Peak memory of a web worker (gunicorn)", unit="MiB", samples=[web_peak])
        )


def _sql_floor(definitions, period: Period, unit: dict) -> dict[str, tuple[int, int | None]]:
    return {d.code: floors.indicator(d, period, **unit) for d in definitions}


def _import_file(rows: int, rng: random.Random) -> bytes:
    from hoanhap.bench.dataset import FAMILY, GIVEN, MIDDLE, national_id_for

    lines = ["STT,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi ở hiện tại"]
    for n in range(1, rows + 1):
        sex = "Nữ" if n % 7 == 0 else "Nam"
        # Every row a different name: a name and birth day repeated in a file is a duplicate row.
        g1, g2 = GIVEN[n % 26], GIVEN[(n // 26) % 26]
        middle, family = MIDDLE[(n // 676) % 12], FAMILY[(n // 8112) % len(FAMILY)]
        name = f"{family} {'Thị ' if sex == 'Nữ' else ''}{middle} {g1} {g2}"
        born = dt.date(1970, 1, 1) + dt.timedelta(days=n % 13_000)
        number = national_id_for(rng, "male" if sex == "Nam" else "female", born.year, 500_000 + n)
        lines.append(f"{n},{name},{born:%d/%m/%Y},{sex},{number},Thôn {rng.randint(1, 5)}")
    return ("\n".join(lines) + "\n").encode()


def _bare_insert(content: bytes, actor: User) -> float:
    """The same rows as people, with one bulk insert and nothing else, rolled back."""
    from hoanhap.lib import crypto
    from hoanhap.people.duplicates import id_index

    started = time.perf_counter()
    with transaction.atomic():
        rows = []
        for line in content.decode().splitlines()[1:]:
            _n, name, born, sex, number, address = line.split(",")
            day = dt.datetime.strptime(born, "%d/%m/%Y").date()  # noqa: DTZ007 - a date
            rows.append(
                Person(
                    full_name=name,
                    search_name=search_key(name),
                    birth_date=day,
                    birth_year=day.year,
                    sex="male" if sex == "Nam" else "female",
                    national_id_encrypted=crypto.encrypt(number),
                    national_id_index=id_index(number),
                    province_id=str(actor.province_id),
                    commune_id=str(actor.commune_id),
                    current_address=address,
                    created_by=actor,
                )
            )
        Person.objects.bulk_create(rows, batch_size=1000)
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def _remove_imported(batch) -> None:
    """The imported people go again, so that the next run measures the same dataset (their audit
    entries stay: the log is append-only)."""
    from hoanhap.imports.models import ImportedRow
    from hoanhap.people.models import PersonAlias

    with transaction.atomic():
        ids = list(ImportedRow.objects.filter(batch=batch).values_list("person_id", flat=True))
        ImportedRow.objects.filter(batch=batch).delete()
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            PersonAlias.objects.filter(person_id__in=chunk).delete()
            Person.history.filter(id__in=chunk).delete()
            Person.objects.filter(pk__in=chunk).delete()


def _wait(batch, statuses: set, timeout: float = 3600):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        batch.refresh_from_db()
        if batch.status in statuses:
            return batch
        time.sleep(0.2)
    raise RuntimeError("the worker did not finish the import in time")


def _start_worker() -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if any(line == f"PPid:\t{pid}" for line in text.splitlines()):
            found.append(int(status.parent.name))
    return found or [pid]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "duration_us": %d, "errors": %d, "non2xx": %d, '
    .. '"p50_us": %d, "p95_us": %d}\\n', summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95)))
end
"""


def _wrk(wrk: str, url: str, cookie: str, seconds: int, connections: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        out = subprocess.run(  # noqa: S603 - the load tool against our own loopback server
            [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script.name,
             "-H", f"Cookie: {cookie}", url],
            capture_output=True, text=True, check=True, timeout=seconds + 60,
        )  # fmt: skip
    finally:
        os.unlink(script.name)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return {
        "requests": data["requests"],
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50": data["p50_us"] / 1000,
        "p95": data["p95_us"] / 1000,
        "errors": data["errors"],
        "non2xx": data["non2xx"],
    }
