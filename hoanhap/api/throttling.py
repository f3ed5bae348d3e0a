"""The API's rate limit per account (``API_RATE``), counted in the shared cache so that every
web worker counts the same requests (``settings.CACHES``: the database by default).

DRF's ``UserRateThrottle`` keeps the time of every request in the window: at 6,000 an hour that is
a list of 6,000 numbers read and written back on each request, harmless in a process's memory but
not in a table. This keeps two counters, this window's and the one before, and estimates the
sliding window from them (``last × the share of it still inside + this``): one small read and one
small write per request, none for a refused one. Two workers answering one account at the same
instant may both write the same count, so a burst can pass a few requests more than the rate: a
limit against runaway clients and scraping, not a lock."""

from typing import Any, cast

from rest_framework.settings import api_settings
from rest_framework.throttling import UserRateThrottle


class AccountRateThrottle(UserRateThrottle):
    num_requests: int  # set from the rate by DRF's __init__
    duration: int

    def get_rate(self) -> str | None:
        # Read when the throttle is made, not when the class is: a changed setting applies.
        return cast(str | None, api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or ""))

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        stored, count, last = self.cache.get(self.key, (window, 0, 0))
        if stored != window:  # a new window; the stored one is the last if it has only just ended
            count, last = 0, count if stored == window - 1 else 0
        self.count, self.last = count, last
        if self._estimate() >= self.num_requests:
            return self.throttle_failure()
        self.cache.set(self.key, (window, count + 1, last), 2 * self.duration)
        return True

    def _estimate(self) -> float:
        """Requests in the sliding window ending now, the last window's taken as evenly spread."""
        inside = 1 - (self.now % self.duration) / self.duration
        return self.last * inside + self.count

    def wait(self) -> float:
        """Seconds until the estimate is below the rate again."""
        into = self.now % self.duration
        if self.count >= self.num_requests or not self.last:  # once this window is the last one
            return self.duration - into
        # Within this window, as the last one's share slides out.
        return max(self.duration * (1 - (self.num_requests - self.count) / self.last) - into, 1)
