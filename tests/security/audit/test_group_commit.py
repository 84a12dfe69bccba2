"""Reads audited by concurrent requests are appended together (group commit), each entry once, the chain intact."""

from __future__ import annotations

import asyncio

from api.audit import log as audit
from api.audit.chain import verify
from graph.audit.repository import APPEND_EVENTS
from graph.db import Graph, count_round_trips
from tests.security.audit import repository as db

APPEND = APPEND_EVENTS.strip().splitlines()[0][:80]


def _entry(i: int) -> list[audit.AuditEntry]:
    return [audit.AuditEntry(action="cases", outcome=audit.OK, actor_id=f"worker-{i}", role="CASE_WORKER",
                             target=(f"case-{i}", f"victim-{i}"), reason="read:CASE+VICTIM")]


async def test_concurrent_read_entries_share_one_append_and_each_is_written_once(graph: Graph) -> None:
    await audit.append_many(graph, _entry(0))  # the process knows the head from here on
    async with count_round_trips() as trips:
        await asyncio.gather(*(audit.append_many(graph, _entry(i)) for i in range(1, 9)))
    # The first request appends alone; the seven that waited for it meanwhile are appended together after it.
    assert trips.queries == [APPEND, APPEND]
    events = [e for e in await db.all_events(graph) if e["action"] == "cases"]
    assert sorted(e["actorId"] for e in events) == sorted(f"worker-{i}" for i in range(9))
    assert sorted(tuple(e["target"]) for e in events) == sorted((f"case-{i}", f"victim-{i}") for i in range(9))
    assert len({e["seq"] for e in events}) == 9
    assert (await verify(graph)).ok
