"""Sign-in and password-change throttling, counted in Neo4j so every API process sees the same numbers.

Failures are counted per account *and* client address: from ``max_failures`` failures on, that address is
locked out of that account, for ``lock_seconds`` doubling with each further failure (capped). The real user,
from another address, is not locked out; an address trying many accounts is locked out of all of them after
``max_failures_per_address`` failures. Password changes (the caller holds a token: the address tells nothing)
are counted per account only. ``himaya auth unlock USERNAME`` lifts an account's locks.
"""

from __future__ import annotations

import time

from api.limits.address import bucket_of
from api.limits.store import SharedLimits, seconds_until
from graph.db import Graph
from graph.limits import repository
from graph.users import repository as users

_MAX_KEY_LENGTH = 128


class LoginThrottle:
    def __init__(self, limits: SharedLimits, *, max_failures: int, max_failures_per_address: int,
                 window_seconds: int, lock_seconds: int, max_lock_seconds: int = 24 * 3600,
                 namespace: str = "login", by_address: bool = True) -> None:
        self._limits = limits
        self._max_failures = max_failures
        self._max_per_address = max_failures_per_address
        self._window_ms = window_seconds * 1000
        self._lock_ms = lock_seconds * 1000
        self._max_lock_ms = max(max_lock_seconds, lock_seconds) * 1000
        self._namespace = namespace
        self._by_address = by_address

    def _account_key(self, account: str, address: str) -> str:
        where = bucket_of(address) if self._by_address else "any"
        return self._limits.key(f"{self._namespace}-account", _key(account), where)

    def _address_key(self, address: str) -> str:
        return self._limits.key(f"{self._namespace}-address", bucket_of(address))

    async def retry_after(self, graph: Graph, account: str, address: str) -> int | None:
        """Seconds until this address may try this account again; None when it may now."""
        now = _now_ms()
        keys = [(self._account_key(account, address), 0)]
        if self._by_address:
            keys.append((self._address_key(address), self._max_per_address))
        until = await repository.blocked_until(graph, keys, now_ms=now)
        return seconds_until(until, now) if until > now else None

    async def record_failure(self, graph: Graph, account: str, address: str) -> None:
        now = _now_ms()
        await repository.record_failure(graph, key=self._account_key(account, address), subject=_key(account),
                                        now_ms=now, window_ms=self._window_ms, threshold=self._max_failures,
                                        lock_ms=self._lock_ms, max_lock_ms=self._max_lock_ms)
        if self._by_address:
            await repository.hit(graph, key=self._address_key(address), subject=None, now_ms=now,
                                 window_ms=self._window_ms)

    async def record_success(self, graph: Graph, account: str, address: str) -> None:
        await repository.clear(graph, self._account_key(account, address))


async def unlock(graph: Graph, account: str) -> int:
    """Lift every sign-in and password-change lock of the account, from every address; how many were held."""
    lifted = await repository.clear_subject(graph, _key(account))
    user = await users.find_user_for_login(graph, _key(account))
    if user is not None:  # password changes are counted by user id
        lifted += await repository.clear_subject(graph, _key(str(user["id"])))
    return lifted


def _now_ms() -> int:
    return int(time.time() * 1000)


def _key(value: str) -> str:
    return value.strip().casefold()[:_MAX_KEY_LENGTH]
