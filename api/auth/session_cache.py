"""A short in-process memory of session checks, so an authenticated request needs no Neo4j round trip to know that
its session is live and its account enabled.

A positive check is remembered for ``HIMAYA_SESSION_CHECK_CACHE_SECONDS`` (default 5 s; 0 turns the memory off):
that is the longest a revocation made elsewhere (another worker process, the shell, a direct change in the
database) takes to be seen here. In this process a revocation takes effect at once: logout, password change,
disabling, TOTP reset and refresh-token reuse forget what was remembered (``forget_session`` / ``forget_user``),
and a check that was in flight while something was forgotten is not remembered. Refusals are never remembered.
The access token's own signature and expiry are checked on every request, cached or not.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

MAX_ENTRIES = 20_000


@dataclass(frozen=True)
class _Entry:
    until: float
    row: dict[str, Any]


class SessionChecks:
    """Live sessions recently confirmed by Neo4j: (session id, user id) -> the check's row (role, organisation)."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: OrderedDict[tuple[str, str], _Entry] = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()
        self._generation = 0

    def generation(self) -> int:
        """Taken before a check is read from Neo4j; ``remember`` refuses it when something was forgotten since."""
        return self._generation

    def recall(self, session_id: str, user_id: str) -> dict[str, Any] | None:
        with self._lock:
            entry = self._entries.get((session_id, user_id))
            if entry is None:
                return None
            if entry.until <= time.monotonic():
                del self._entries[(session_id, user_id)]
                return None
            return entry.row

    def remember(self, session_id: str, user_id: str, row: dict[str, Any], seconds: float, generation: int) -> None:
        if seconds <= 0:
            return
        with self._lock:
            if generation != self._generation:
                return
            self._entries[(session_id, user_id)] = _Entry(time.monotonic() + seconds, dict(row))
            self._entries.move_to_end((session_id, user_id))
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)

    def forget_session(self, session_id: str) -> None:
        with self._lock:
            self._generation += 1
            for key in [key for key in self._entries if key[0] == session_id]:
                del self._entries[key]

    def forget_user(self, user_id: str) -> None:
        with self._lock:
            self._generation += 1
            for key in [key for key in self._entries if key[1] == user_id]:
                del self._entries[key]

    def clear(self) -> None:
        with self._lock:
            self._generation += 1
            self._entries.clear()


# One per process: every app and every revocation path of the process share it.
SESSION_CHECKS = SessionChecks()
