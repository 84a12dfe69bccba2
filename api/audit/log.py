"""Appending events to the audit log.

An event names the actor (user, role, organisation), the operation, the records it targeted (ids
only, never the value of a personal field), the outcome, the stated reason of an identity read and
the request id. Appends in this process take turns (one lock per event loop) and remember the head
they left, so each append is normally one Cypher statement; when another process moved the head in
between, the statement writes nothing and returns the new head, and the append is computed again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import weakref
from dataclasses import dataclass, field
from typing import Any

from api.audit.chain import GENESIS, chain_hash
from graph.access.scope import Scope
from graph.audit import repository
from graph.db import Graph

MAX_TARGETS = 20
MAX_TARGET_LENGTH = 100
MAX_REASON_LENGTH = 500
MAX_ATTEMPTS = 200

OK = "OK"


def outcome_of(code: str) -> str:
    """``OK``, ``DENIED:<code>`` for a refused caller, ``ERROR:<code>`` for any other failure."""
    if code in {"FORBIDDEN", "UNAUTHENTICATED"}:
        return f"DENIED:{code}"
    return f"ERROR:{code}"


@dataclass(frozen=True)
class AuditEntry:
    """What a caller asks to record; sequence number, time and hashes are added by :func:`append`."""

    action: str
    outcome: str
    actor_id: str | None = None
    role: str | None = None
    organization_id: str | None = None
    target: tuple[str, ...] = ()
    reason: str | None = None
    request_id: str | None = None

    @classmethod
    def of(cls, scope: Scope, action: str, outcome: str, *, target: list[str] | tuple[str, ...] = (),
           reason: str | None = None, request_id: str | None = None) -> AuditEntry:
        return cls(action=action, outcome=outcome, actor_id=scope.user_id,
                   role=scope.role.value if scope.role else None, organization_id=scope.organization_id,
                   target=tuple(t[:MAX_TARGET_LENGTH] for t in target[:MAX_TARGETS]),
                   reason=reason[:MAX_REASON_LENGTH] if reason is not None else None, request_id=request_id)


@dataclass
class _Head:
    seq: int = -1  # unknown until the first append answers
    last_hash: str = GENESIS
    locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = field(
        default_factory=weakref.WeakKeyDictionary)
    waiting: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, list[_Waiting]] = field(
        default_factory=weakref.WeakKeyDictionary)

    def lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        found = self.locks.get(loop)
        if found is None:
            found = self.locks[loop] = asyncio.Lock()
        return found

    def queue(self) -> list[_Waiting]:
        """The read entries of this event loop's requests waiting for the lock (appended together)."""
        return self.waiting.setdefault(asyncio.get_running_loop(), [])


@dataclass
class _Waiting:
    entries: list[AuditEntry]
    done: asyncio.Future[int]


_heads: weakref.WeakKeyDictionary[Graph, _Head] = weakref.WeakKeyDictionary()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _event(entry: AuditEntry, seq: int, prev_hash: str) -> dict[str, Any]:
    event: dict[str, Any] = {
        "seq": seq, "at": _now(), "actorId": entry.actor_id, "role": entry.role,
        "organizationId": entry.organization_id, "action": entry.action, "target": list(entry.target),
        "outcome": entry.outcome, "reason": entry.reason, "requestId": entry.request_id, "prevHash": prev_hash,
    }
    event["hash"] = chain_hash(event)
    return event


async def append(graph: Graph, entry: AuditEntry) -> int:
    """Add the entry at the end of the chain; its sequence number."""
    head = _heads.get(graph)
    if head is None:
        head = _heads[graph] = _Head()
    async with head.lock():
        for _ in range(MAX_ATTEMPTS):
            event = _event(entry, head.seq + 1, head.last_hash)
            row = await repository.append(graph, event, expected_seq=head.seq, genesis=GENESIS)
            head.seq, head.last_hash = int(row["seq"]), str(row["lastHash"])
            if row["written"]:
                return head.seq
    raise RuntimeError("audit log: the head kept moving; event not appended")


async def append_many(graph: Graph, entries: list[AuditEntry]) -> int:
    """Add several entries at the end of the chain in one statement (the reads of one request); the last seq."""
    if not entries:
        return -1
    head = _heads.get(graph)
    if head is None:
        head = _heads[graph] = _Head()
    # Group commit: requests that wait for the lock meanwhile are appended with the one that holds it next, in one
    # statement; each returns only once its own entries are written (or with the append's error).
    mine = _Waiting(list(entries), asyncio.get_running_loop().create_future())
    head.queue().append(mine)
    async with head.lock():
        if mine.done.done():
            return mine.done.result()
        batch = list(head.queue())
        head.queue().clear()
        try:
            seq = await _append_entries(graph, head, [entry for waiting in batch for entry in waiting.entries])
        except BaseException as exc:
            for waiting in batch:
                if waiting is not mine and not waiting.done.done():
                    waiting.done.set_exception(exc if isinstance(exc, Exception) else RuntimeError("cancelled"))
            raise
        for waiting in batch:
            if not waiting.done.done():
                waiting.done.set_result(seq)
        return seq


async def _append_entries(graph: Graph, head: _Head, entries: list[AuditEntry]) -> int:
    """Chain ``entries`` after the head this process knows, again from the new head when another process moved it."""
    for _ in range(MAX_ATTEMPTS):
        events, seq, previous = [], head.seq, head.last_hash
        for entry in entries:
            seq += 1
            event = _event(entry, seq, previous)
            events.append(event)
            previous = event["hash"]
        row = await repository.append_many(graph, events, expected_seq=head.seq, genesis=GENESIS)
        head.seq, head.last_hash = int(row["seq"]), str(row["lastHash"])
        if row["written"]:
            return head.seq
    raise RuntimeError("audit log: the head kept moving; events not appended")
