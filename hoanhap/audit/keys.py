"""The keys of the audit chain: secrets kept outside the database (``settings.AUDIT_KEYS``).

The first key signs new entries and checkpoints; every key listed still verifies what it signed,
so a key is rotated by putting a new one first and keeping the old ones after it. An entry names
its key by a short id derived from the key (8 hex digits of a hash: it identifies, reveals nothing).
A key taken off the list leaves the entries it signed unverifiable: keep old keys for as long as
the log is kept.
"""

import hashlib
from functools import cache

from django.conf import settings


def key_id(secret: bytes) -> str:
    return hashlib.sha256(b"hoanhap-audit-key-id:" + secret).hexdigest()[:8]


@cache
def _keys() -> tuple[tuple[str, bytes], ...]:
    secrets = [value.encode() for value in settings.AUDIT_KEYS]
    if not secrets:
        raise RuntimeError("AUDIT_KEYS is empty: the audit log cannot be signed")
    return tuple((key_id(secret), secret) for secret in secrets)


def current() -> tuple[str, bytes]:
    """The id and secret that sign from now on."""
    return _keys()[0]


def by_id() -> dict[str, bytes]:
    """Every configured key by its id, to verify entries signed under any of them."""
    return dict(_keys())


def reset_caches() -> None:
    _keys.cache_clear()
