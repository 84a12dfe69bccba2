"""The hash chain: how an event's hash is computed, and walking the stored chain to check it.

``hash = sha256(prevHash + canonical JSON of the event's fields)``, where the fields are exactly
``EVENT_FIELDS`` (absent ones as null), keys sorted, no spaces, UTF-8. The first event's ``prevHash``
is ``GENESIS``. Editing any field, deleting or reordering events, or changing a ``prevHash`` breaks
the chain at that sequence number; truncating the tail disagrees with the head.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from graph.audit import repository
from graph.db import Graph

GENESIS = "0" * 64
EVENT_FIELDS = ("seq", "at", "actorId", "role", "organizationId", "action", "target", "outcome", "reason",
                "requestId", "prevHash")
STORED_FIELDS = frozenset(EVENT_FIELDS) | {"hash"}
DEFAULT_BATCH = 1000


def canonical(event: dict[str, Any]) -> str:
    return json.dumps({key: event.get(key) for key in EVENT_FIELDS}, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False)


def chain_hash(event: dict[str, Any]) -> str:
    """The hash of an event chained to its ``prevHash``."""
    return hashlib.sha256((str(event.get("prevHash")) + canonical(event)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    broken_seq: int | None = None
    problem: str | None = None

    def describe(self) -> str:
        if self.ok:
            return f"audit chain OK: {self.checked} event(s); head seq {self.head_seq} hash {self.head_hash}"
        return f"audit chain BROKEN at seq {self.broken_seq}: {self.problem} ({self.checked} event(s) checked before)"


def check_event(event: dict[str, Any], expected_seq: int, previous_hash: str) -> str | None:
    """What is wrong with this event as the next link after ``previous_hash``, or None."""
    if event.get("seq") != expected_seq:
        return f"event {expected_seq} is missing (next stored event is {event.get('seq')})"
    unknown = set(event) - STORED_FIELDS
    if unknown:
        return "unexpected properties " + ", ".join(sorted(unknown))
    if event.get("prevHash") != previous_hash:
        return "prevHash does not match the previous event's hash"
    if event.get("hash") != chain_hash(event):
        return "hash does not match the event's content"
    return None


async def verify(graph: Graph, *, batch: int = DEFAULT_BATCH) -> Verification:
    """Walk the whole chain in batches of ``batch`` events; the first broken sequence number, if any."""
    head = await repository.head(graph)
    head_seq = int(head["seq"]) if head else 0
    head_hash = str(head["lastHash"]) if head else GENESIS
    checked, previous = 0, GENESIS
    while True:
        events = await repository.events_after(graph, checked, batch)
        for event in events:
            problem = check_event(event, checked + 1, previous)
            if problem is not None:
                return Verification(False, checked, head_seq, head_hash, checked + 1, problem)
            checked, previous = checked + 1, str(event["hash"])
        if len(events) < batch:
            break
    stored = await repository.count(graph)
    if stored != checked:
        return Verification(False, checked, head_seq, head_hash, checked + 1,
                            f"{stored - checked} event(s) stored outside the chain")
    if checked != head_seq or previous != head_hash:
        if checked < head_seq:
            problem = f"events after {checked} are missing (the head is at {head_seq})"
        else:
            problem = "the head does not match the last event"
        return Verification(False, checked, head_seq, head_hash, checked + 1, problem)
    return Verification(True, checked, head_seq, head_hash)
