"""Rate limits for anonymous submissions: N per client address per hour.

The address is stored only as a keyed hash (it is personal data), and old counters are pruned.
"""

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from hoanhap.lib.client import client_address
from hoanhap.lib.dates import now
from hoanhap.portal.models import Throttle


def _key(scope: str, address: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{address}".encode(), hashlib.sha256).hexdigest()


def allow(request, scope: str, *, limit: int | None = None) -> bool:
    """Count this submission; False once the address has used its ``limit`` for the hour."""
    limit = limit or settings.PORTAL_SUBMISSIONS_PER_HOUR
    window = now().replace(minute=0, second=0, microsecond=0)
    key = _key(scope, client_address(request))
    with transaction.atomic():
        updated = Throttle.objects.filter(key=key, window=window, count__lt=limit).update(
            count=F("count") + 1
        )
        if updated:
            return True
        if Throttle.objects.filter(key=key, window=window).exists():
            return False
        try:
            with transaction.atomic():
                Throttle.objects.create(key=key, window=window, count=1)
        except IntegrityError:  # another request created it first: count again
            return (
                Throttle.objects.filter(key=key, window=window, count__lt=limit).update(count=F("count") + 1)
                == 1
            )
    Throttle.objects.filter(window__lt=window - dt.timedelta(days=1)).delete()
    return True
