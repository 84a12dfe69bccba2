"""Sign-in throttling: failures counted per account and per client address in moving windows.

Reaching the limit locks the account name (known or not: a lock says nothing about existence) or
the address for a while. In memory, per process: each API worker counts on its own.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

_MAX_KEY_LENGTH = 128


class LoginThrottle:
    def __init__(self, *, max_failures: int, max_failures_per_address: int, window_seconds: int,
                 lock_seconds: int) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._account_failures = RateLimitItemPerSecond(max_failures, window_seconds, namespace="login-account")
        self._address_failures = RateLimitItemPerSecond(max_failures_per_address, window_seconds,
                                                        namespace="login-address")
        self._lock = RateLimitItemPerSecond(1, lock_seconds, namespace="login-lock")

    def retry_after(self, account: str, address: str) -> int | None:
        """Seconds until a locked account or address may try again; None when neither is locked."""
        waits = [self._lock_remaining("account", _key(account)), self._lock_remaining("address", _key(address))]
        locked = [wait for wait in waits if wait is not None]
        return max(locked) if locked else None

    def record_failure(self, account: str, address: str) -> None:
        self._count(self._account_failures, "account", _key(account))
        self._count(self._address_failures, "address", _key(address))

    def record_success(self, account: str) -> None:
        self._limiter.clear(self._account_failures, "account", _key(account))

    def _count(self, limit: RateLimitItem, kind: str, key: str) -> None:
        self._limiter.hit(limit, kind, key)
        if not self._limiter.test(limit, kind, key):
            self._limiter.hit(self._lock, kind, key)
            self._limiter.clear(limit, kind, key)

    def _lock_remaining(self, kind: str, key: str) -> int | None:
        if self._limiter.test(self._lock, kind, key):
            return None
        reset_at = self._limiter.get_window_stats(self._lock, kind, key).reset_time
        return max(1, math.ceil(reset_at - time.time()))


def _key(value: str) -> str:
    return value.strip().casefold()[:_MAX_KEY_LENGTH]
