"""Field encryption and blind indexes for personal identifiers.

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256: authenticated). Keys come from
the environment; the first key encrypts, all keys decrypt, so a key is rotated by putting a
new key first and running ``manage.py rotate_field_keys``. The blind index is a keyed
HMAC-SHA256 of the normalised value, so exact look-up and duplicate detection work without
decrypting, and without the index key the index reveals nothing.
"""

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in settings.FIELD_ENCRYPTION_KEYS])


def encrypt(plaintext: str) -> str:
    if not plaintext:
        return ""
    return _fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("Encrypted value cannot be decrypted with the configured keys") from exc


def rotate(token: str) -> str:
    """Re-encrypt under the primary key (no-op for values already under it)."""
    if not token:
        return ""
    return _fernet().rotate(token.encode()).decode()


def blind_index(value: str, *, purpose: str) -> str:
    """Keyed hash for exact look-up; ``purpose`` separates indexes of different fields."""
    if not value:
        return ""
    key = settings.BLIND_INDEX_KEY.encode()
    message = f"{purpose}:{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def reset_caches() -> None:
    _fernet.cache_clear()
