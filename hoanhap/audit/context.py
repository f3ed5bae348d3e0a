"""Where a request comes from, for the audit log, without threading the request through services."""

from contextvars import ContextVar

from hoanhap.lib.client import client_address

client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = client_ip.set(client_address(request) or None)
        try:
            return self.get_response(request)
        finally:
            client_ip.reset(token)
