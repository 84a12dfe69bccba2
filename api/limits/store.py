"""Rate limits counted in Neo4j, so every API process and machine sees the same windows.

Keys never hold an address or an account name in clear: they are keyed hashes (HMAC-SHA256) under a key
every process shares (derived from ``HIMAYA_SECRET_KEY``, or ``<state_dir>/keys/limits.key`` on a single
machine). An account's counters also carry the account name as ``subject``, so a coordinator can be unlocked.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path

from limits import RateLimitItem, parse

from api.errors import RateLimited
from api.settings import Settings
from graph.db import Graph
from graph.limits import repository


def _now_ms() -> int:
    return int(time.time() * 1000)


def seconds_until(until_ms: int, now_ms: int) -> int:
    return max(1, math.ceil((until_ms - now_ms) / 1000))


def limits_key(settings: Settings) -> bytes:
    """The key of the counters' hashes: shared by every process of a deployment."""
    if settings.secret_key is not None:
        return hashlib.sha256(b"himaya-limits:" + settings.secret_key.get_secret_value().encode()).digest()
    path = settings.state_dir / "keys" / "limits.key"
    return key_file(path)


def key_file(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_bytes()
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(32))
    return path.read_bytes()


@dataclass
class SharedLimits:
    """Fixed-window limits over keyed hashes, stored in the graph."""

    secret: bytes
    generation: int = 0  # tests start counting afresh by moving to a new generation

    def key(self, namespace: str, *parts: str) -> str:
        material = "\x1f".join((str(self.generation), namespace, *parts)).encode()
        return f"{namespace}:{hmac.new(self.secret, material, hashlib.sha256).hexdigest()[:40]}"

    def reset(self) -> None:
        """Forget every window this process counts (tests only: other processes keep theirs)."""
        self.generation += 1

    async def admit(self, graph: Graph, limit: RateLimitItem, namespace: str, *parts: str,
                    subject: str | None = None) -> None:
        """Count one hit of ``limit`` for this key; RATE_LIMITED (with the wait) once the window is full."""
        now = _now_ms()
        hits, ends = await repository.hit(graph, key=self.key(namespace, *parts), subject=subject, now_ms=now,
                                          window_ms=int(limit.get_expiry() * 1000))
        if hits > limit.amount:
            raise RateLimited(retry_after=seconds_until(ends, now))


def rate(notation: str) -> RateLimitItem:
    return parse(notation)
