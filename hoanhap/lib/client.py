"""Where a request comes from: the one place that reads the client's address."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address. Behind a proxy the deployment names the header the proxy sets
    (PORTAL_CLIENT_IP_HEADER, e.g. nginx's X-Real-IP); a value that is not an address is ignored,
    so that a broken or forged header cannot reach the audit log's address column."""
    header = settings.PORTAL_CLIENT_IP_HEADER
    if header and request.META.get(header):
        candidate = str(request.META[header]).split(",")[0].strip()
        if _is_address(candidate):
            return candidate
    return str(request.META.get("REMOTE_ADDR", ""))


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
