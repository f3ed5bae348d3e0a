"""Log-in throttling (issue 24): a growing delay per client address and user name, and a cool-off
for an address that fails with many user names (password spraying). No account is ever locked.

- A user name tried from one address: after LOGIN_FREE_FAILURES failures (within a day), the next
  try waits LOGIN_BACKOFF_SECONDS after the last failure, doubling with each further failure, up to
  LOGIN_BACKOFF_MAX_MINUTES. The count belongs to the address: failures against the police head's
  name from elsewhere never delay the head at the police station.
- An address whose failures in the last LOGIN_SPRAY_MINUTES name LOGIN_SPRAY_NAMES different user
  names is refused for LOGIN_SPRAY_MINUTES after its last failure; reaching the threshold is
  logged and audited (services.note_failed_login).
- A commune office behind one shared address: each colleague's typos delay only their own name,
  and the spraying threshold counts different names, which a few colleagues' mistakes stay under.

Failures are rows in the database, not entries in Django's cache: the cache is local memory, one
per gunicorn worker and web node, and a count kept by each of them alone would be N times looser.
"""

import datetime as dt
import math

from django.conf import settings
from django.db.models import Count, Max

from hoanhap.accounts.models import FailedLogin
from hoanhap.lib.crypto import blind_index
from hoanhap.lib.dates import now

MEMORY = dt.timedelta(days=1)  # failures older than this count for nothing and are deleted


def wait_seconds(*, address: str, username: str) -> int:
    """Seconds before ``address`` may try ``username`` again; 0: now."""
    at, address_key = now(), _key("address", address)
    return max(_spraying_wait(address_key, at), _backoff_wait(address_key, _key("username", username), at))


def note_failure(*, address: str, username: str) -> int | None:
    """Count a failed password check. Returns the number of different user names the address
    has failed with in the spraying window when this failure makes it reach the threshold (once),
    else None."""
    at, address_key, username_key = now(), _key("address", address), _key("username", username)
    FailedLogin.objects.filter(at__lt=at - MEMORY).delete()
    window = FailedLogin.objects.filter(address=address_key, at__gt=at - _spraying_window())
    new_name = not window.filter(username=username_key).exists()
    FailedLogin.objects.create(at=at, address=address_key, username=username_key)
    names = window.values("username").distinct().count()
    return names if new_name and names == settings.LOGIN_SPRAY_NAMES else None


def forget(*, address: str, username: str) -> None:
    """The right password from this address: its back-off for the name starts over."""
    FailedLogin.objects.filter(address=_key("address", address), username=_key("username", username)).delete()


def _backoff_wait(address_key: str, username_key: str, at: dt.datetime) -> int:
    failures = FailedLogin.objects.filter(address=address_key, username=username_key, at__gt=at - MEMORY)
    counted = failures.aggregate(n=Count("pk"), last=Max("at"))
    over = counted["n"] - settings.LOGIN_FREE_FAILURES
    if over < 0:
        return 0
    delay = min(settings.LOGIN_BACKOFF_SECONDS * 2**over, settings.LOGIN_BACKOFF_MAX_MINUTES * 60)
    return _until(counted["last"] + dt.timedelta(seconds=delay), at)


def _spraying_wait(address_key: str, at: dt.datetime) -> int:
    window = FailedLogin.objects.filter(address=address_key, at__gt=at - _spraying_window())
    counted = window.aggregate(names=Count("username", distinct=True), last=Max("at"))
    if counted["names"] < settings.LOGIN_SPRAY_NAMES:
        return 0
    return _until(counted["last"] + _spraying_window(), at)


def _spraying_window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.LOGIN_SPRAY_MINUTES)


def _until(moment: dt.datetime, at: dt.datetime) -> int:
    return max(0, math.ceil((moment - at).total_seconds()))


def _key(kind: str, value: str) -> str:
    return blind_index(value or "-", purpose=f"login-{kind}")
