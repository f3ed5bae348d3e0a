"""Request ids in responses and logs, the Prometheus metrics and the readiness check (issue 10)."""

import datetime as dt
import re

from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from hoanhap.privacy import services as privacy
from hoanhap.web.tests.test_authorization_matrix import production_log


def test_each_answer_and_log_line_carries_the_request_id(db):
    client = Client()
    with production_log() as log:
        given = client.get("/khong-co-trang-nay/", HTTP_X_REQUEST_ID="nginx-0123456789abcdef")
        made = client.get("/khong-co-trang-nay/", HTTP_X_REQUEST_ID="bad id; with spaces")
    assert given["X-Request-ID"] == "nginx-0123456789abcdef"
    assert re.fullmatch(r"[0-9a-f]{32}", made["X-Request-ID"])
    lines = log.getvalue().splitlines()
    assert any("[nginx-0123456789abcdef]" in line and "Not Found" in line for line in lines)
    assert any(f"[{made['X-Request-ID']}]" in line for line in lines)


def test_metrics_count_requests_by_route_and_read_the_registers(officer_a, login):
    login(officer_a).get(reverse("web:home"))
    with_time = timezone.now() - dt.timedelta(days=10)
    privacy.receive_request(
        officer_a, data={"requester": "A", "contact": "B", "kind": "access", "received_at": with_time}
    )
    body = Client().get(reverse("web:metrics")).content.decode()
    assert re.search(
        r'hoanhap_request_seconds_count\{method="GET",route="web:home",status="2xx"\} [1-9]', body
    )
    assert 'hoanhap_overdue_items{register="data_requests"} 1.0' in body
    assert 'hoanhap_tasks{state="ready"}' in body and "hoanhap_task_queue_lag_seconds" in body
    assert "/ho-so/" not in body  # routes by name, never paths with their ids


def test_metrics_are_guarded_by_a_token_or_not_served_in_production(db, settings):
    settings.METRICS_TOKEN = "s3cret-token-for-prometheus"
    url = reverse("web:metrics")
    assert Client().get(url).status_code == 403
    assert Client().get(url, HTTP_AUTHORIZATION="Bearer s3cret-token-for-prometheus").status_code == 200
    settings.METRICS_TOKEN = ""
    with override_settings(PRODUCTION=True):
        assert Client().get(url).status_code == 404


def test_ready_checks_the_database_and_the_disk(db, settings):
    url = reverse("web:ready")
    answer = Client().get(url)
    assert answer.status_code == 200 and answer.json()["checks"]["database"]["ok"] is True
    assert answer.json()["checks"]["queue"] == {"lag_seconds": 0}
    settings.READY_MIN_FREE_MB = 10**12
    full = Client().get(url)
    assert full.status_code == 503 and full.json()["checks"]["disk"]["ok"] is False
    settings.READY_MIN_FREE_MB = 0

    def down(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(down):
        gone = Client().get(url)
    assert gone.status_code == 503 and gone.json()["checks"]["database"] == {"ok": False}
