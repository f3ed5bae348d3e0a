"""Request ids and request timing, set up before the apps load (the logging configuration uses
the filter): every request carries an id, the proxy's ``X-Request-ID`` when it looks like one, else
a new one; it is in the response header and in every log line written while the request runs."""

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from prometheus_client import Histogram

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_GIVEN_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

REQUEST_SECONDS = Histogram(
    "hoanhap_request_seconds",
    "Time to answer a request, by route name, method and status class.",
    ["route", "method", "status"],
    buckets=(0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10),
)


class RequestIdMiddleware:
    """First in the chain: ids the request, times it, and names it in the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = given if _GIVEN_ID.match(given) else uuid.uuid4().hex
        # Kept until the response is closed: Django logs a 4xx or 5xx answer after the last
        # middleware has returned (``forget_request_id`` clears it then).
        request_id.set(rid)
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        route = (match.view_name if match else "") or "unmatched"
        REQUEST_SECONDS.labels(route, request.method, f"{response.status_code // 100}xx").observe(
            time.perf_counter() - started
        )
        response["X-Request-ID"] = rid
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def forget_request_id(**kwargs: object) -> None:
    """Connected to ``request_finished``: log lines between requests carry no stale id."""
    request_id.set("-")
