"""Health, metrics and request ids (issue 10).

- Every request carries an id: the proxy's ``X-Request-ID`` when it looks like one, else a new one;
  it is in the response header and in every log line written while the request runs.
- ``/metrics`` (Prometheus): request latency by route (the URL pattern's name, never the path with
  its ids) and status class, and, read at each scrape, the task queue's depth and lag and the
  overdue items of the registers with a stored deadline. Several gunicorn workers share their
  counters through ``PROMETHEUS_MULTIPROC_DIR`` (prometheus_client's multiprocess mode).
- ``/health/ready/``: the database answers and the disk has room; the queue's lag is reported.
"""

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Min, Q
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector

from hoanhap.hotline.models import Tip, TipStatus
from hoanhap.portal.models import Registration, RegistrationStatus
from hoanhap.privacy.models import Breach, DataRequest


class AppState(Collector):
    """Gauges read from the database at each scrape (a few counts on indexed columns)."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = timezone.now()
        ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        depth = GaugeMetricFamily("hoanhap_tasks", "Background jobs by state.", labels=["state"])
        depth.add_metric(["ready"], ready.count())
        depth.add_metric(["running"], DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count())
        yield depth
        oldest = ready.aggregate(oldest=Min("enqueued_at"))["oldest"]
        yield GaugeMetricFamily(
            "hoanhap_task_queue_lag_seconds",
            "Age of the oldest job waiting for a worker.",
            value=(now - oldest).total_seconds() if oldest else 0.0,
        )
        overdue = GaugeMetricFamily(
            "hoanhap_overdue_items", "Open items past their legal deadline, by register.", labels=["register"]
        )
        overdue.add_metric(
            ["online_registrations"],
            Registration.objects.filter(status=RegistrationStatus.RECEIVED, due_at__lt=now).count(),
        )
        overdue.add_metric(
            ["tips"], Tip.objects.exclude(status=TipStatus.CLOSED).filter(respond_by__lt=now).count()
        )
        overdue.add_metric(
            ["data_requests"],
            # Either deadline of NĐ 356/2025 Điều 5 missed: the reply, or carrying the request out.
            DataRequest.objects.filter(answered_at__isnull=True)
            .filter(Q(responded_at__isnull=True, due_at__lt=now) | Q(fulfil_due_at__lt=now))
            .count(),
        )
        overdue.add_metric(
            ["breach_notices"], Breach.objects.filter(notified_at__isnull=True, notify_by__lt=now).count()
        )
        yield overdue


@never_cache
@require_GET
def metrics(request):
    """Prometheus metrics. With METRICS_TOKEN set, only for ``Authorization: Bearer <token>``; in
    production without a token, not served at all."""
    token = settings.METRICS_TOKEN
    if token:
        if request.META.get("HTTP_AUTHORIZATION", "") != f"Bearer {token}":
            return HttpResponse(status=403)
    elif settings.PRODUCTION:
        return HttpResponse(status=404)
    if settings.PROMETHEUS_MULTIPROC_DIR:
        shared = CollectorRegistry()
        MultiProcessCollector(shared)
        body = generate_latest(shared)
    else:
        body = generate_latest(REGISTRY)
    state = CollectorRegistry()
    state.register(AppState())
    return HttpResponse(body + generate_latest(state), content_type=CONTENT_TYPE_LATEST)


@never_cache
@require_GET
def ready(request):
    """Readiness for the load balancer: 503 if the database does not answer or the disk is nearly
    full. The job queue's lag is reported, not judged: a slow worker is no reason to stop serving."""
    checks: dict[str, dict[str, object]] = {}
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}
    except Exception:  # any failure to reach the database means: not ready
        checks["database"] = {"ok": False}
    var = Path(settings.BASE_DIR) / "var"
    free_mb = shutil.disk_usage(var if var.exists() else settings.BASE_DIR).free // 2**20
    checks["disk"] = {"ok": free_mb >= settings.READY_MIN_FREE_MB, "free_mb": free_mb}
    if checks["database"]["ok"]:
        oldest = DBTaskResult.objects.filter(status=TaskResultStatus.READY).aggregate(o=Min("enqueued_at"))[
            "o"
        ]
        checks["queue"] = {"lag_seconds": round((timezone.now() - oldest).total_seconds()) if oldest else 0}
    ok = bool(checks["database"]["ok"] and checks["disk"]["ok"])
    return JsonResponse({"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503)
