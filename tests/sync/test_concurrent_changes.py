"""Delta sync under concurrent writes: a reader paging while 8 writers commit sees every change exactly once.

The writers' transactions overlap (each registration is its own explicit transaction: the victim, then its
sealed identity), so one that started earlier can commit after a later one. Paging by the time a change was
made would step over it; paging by the commit-ordered sequence cannot.
"""

from __future__ import annotations

import asyncio
import uuid

from api.settings import Settings
from graph.db import Graph
from tests.contracts.support import apps, done

WRITERS = 8
PER_WRITER = 30
REGISTER = "RegisterVictim"


async def test_eight_writers_and_a_paging_reader_every_change_seen_exactly_once(graph: Graph,
                                                                                settings: Settings) -> None:
    world = await apps(graph, settings)
    created: list[str] = []
    writing = WRITERS

    async def writer(n: int) -> None:
        nonlocal writing
        try:
            for i in range(PER_WRITER):
                victim_id = str(uuid.uuid4())
                data = await done(graph, settings, REGISTER, {"input": {
                    "alias": f"W{n}-{i}", "clientId": victim_id,
                    "identity": {"fullName": f"Person {n}-{i}", "phone": "+21620000000"}}}, scope=world.worker)
                created.append(data["registerVictim"]["id"])
        finally:
            writing -= 1

    seen: list[str] = []
    pages = 0

    async def reader() -> None:
        nonlocal pages
        cursor: str | None = None
        while True:
            finished = writing == 0  # read before the page: a page asked after the last commit ends the pull
            page = (await done(graph, settings, "SyncChanges", {"since": cursor, "types": ["VICTIM"], "first": 7},
                               scope=world.worker))["changes"]
            pages += 1
            seen.extend(v["id"] for v in page["victims"])
            cursor = page["nextCursor"]
            if finished and not page["hasMore"]:
                return
            if not page["hasMore"]:
                await asyncio.sleep(0)

    await asyncio.gather(reader(), *(writer(n) for n in range(WRITERS)))

    assert len(created) == WRITERS * PER_WRITER
    assert pages > WRITERS * PER_WRITER // 7  # the reader really paged while the writers wrote
    missed = set(created) - set(seen)
    assert not missed, f"{len(missed)} of {len(created)} changes never reached the device"
    assert sorted(seen) == sorted(created)  # and none twice
