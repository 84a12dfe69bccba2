"""Delta sync under concurrent writes: a reader paging while 8 writers commit sees every change exactly once.

Four writers register victims through the API, continuously. Four others make slow transactions: the victims
repository's own statement, then the transaction stays open before it commits (as when the server does more
work in it, or under load) until the device has paged past a victim registered after it started (bounded).
Paging by the time of a change could step over such a late commit; the commit-ordered sequence cannot (the slow
transaction holds the sequence until it commits, so later registrations, and the reader's barrier, wait for it).
"""

from __future__ import annotations

import asyncio
import contextlib

from api.settings import Settings
from graph.db import Graph
from graph.victims import repository as victims_repository
from tests.api.casework.support import gid
from tests.contracts.support import apps, done

REGISTRARS = 4
SLOW_WRITERS = 4
SLOW_EACH = 1
SLOW_SECONDS = 15.0  # the bound; under load a registration and a page take seconds
PAGE = 7


def _victim(alias: str) -> dict[str, object]:
    return {"clientId": None, "alias": alias, "sex": "UNKNOWN", "ageBand": None, "birthYear": None,
            "birthDatePrecision": "UNKNOWN", "minor": False, "nationality": None, "languages": [],
            "specialNeeds": []}


async def test_eight_writers_and_a_paging_reader_every_change_seen_exactly_once(graph: Graph,
                                                                                settings: Settings) -> None:
    world = await apps(graph, settings)
    victims: list[str] = []
    registered: list[str] = []  # the registrars' victims, in the order their requests returned
    seen: list[str] = []
    paged = asyncio.Event()  # set after each page the reader receives
    slow_left = SLOW_WRITERS
    writers_left = REGISTRARS + SLOW_WRITERS

    async def registrar(n: int) -> None:
        nonlocal writers_left
        try:
            i = 0
            while slow_left > 0:
                victim_id = (await done(graph, settings, "RegisterVictim", {"input": {
                    "alias": f"R{n}-{i}", "identity": {"fullName": f"Person {n}-{i}"}}}, scope=world.worker))[
                    "registerVictim"]["id"]
                victims.append(victim_id)
                registered.append(victim_id)
                i += 1
        finally:
            writers_left -= 1

    async def slow_writer(n: int) -> None:
        nonlocal writers_left, slow_left
        try:
            for i in range(SLOW_EACH):
                async with graph.transaction() as tx:
                    created = await victims_repository.create_victim(tx, world.worker, _victim(f"S{n}-{i}"))
                    # Still open: it commits after changes made meanwhile, once the device has paged past one.
                    mark, deadline = len(registered), asyncio.get_running_loop().time() + SLOW_SECONDS
                    while not set(registered[mark:]) & set(seen) and asyncio.get_running_loop().time() < deadline:
                        paged.clear()
                        with contextlib.suppress(TimeoutError):
                            await asyncio.wait_for(paged.wait(), 0.5)
                victims.append(gid("Victim", created["id"]))
        finally:
            slow_left -= 1
            writers_left -= 1

    pages = 0

    async def reader() -> None:
        nonlocal pages
        cursor: str | None = None
        while True:
            finished = writers_left == 0  # read before the page: a page asked after the last commit ends the pull
            page = (await done(graph, settings, "SyncChanges", {"since": cursor, "types": ["VICTIM"],
                                                                "first": PAGE}, scope=world.worker))["changes"]
            pages += 1
            seen.extend(v["id"] for v in page["victims"])
            paged.set()
            cursor = page["nextCursor"]
            if finished and not page["hasMore"]:
                return
            if not page["hasMore"]:
                await asyncio.sleep(0.05)

    await asyncio.gather(reader(), *(registrar(n) for n in range(REGISTRARS)),
                         *(slow_writer(n) for n in range(SLOW_WRITERS)))

    missed = set(victims) - set(seen)
    assert not missed, f"{len(missed)} of {len(victims)} changes never reached the device"
    assert sorted(seen) == sorted(victims)  # and none twice
    assert len(victims) > SLOW_WRITERS * SLOW_EACH  # the registrars wrote while the slow transactions were open
    assert pages > 1  # and the reader paged meanwhile
