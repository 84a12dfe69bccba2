"""Delta sync under concurrent writes: a reader paging while 8 writers commit sees every change exactly once.

Four writers register victims, four open cases. Case openings wait, now and then, behind another transaction
that holds the owning organisation (a slow one, as under load): they took their change time before waiting (the
new case is linked to its owner after it is created), and commit after victims registered later. Paging by the
time of the change steps over them (the reader's cursor is already past that time); paging by the
commit-ordered sequence cannot.
"""

from __future__ import annotations

import asyncio

from api.settings import Settings
from graph.db import Graph
from tests.contracts.support import apps, done
from tests.sync import repository as db

REGISTRARS = 4
OPENERS = 4
VICTIMS_EACH = 24
CASES_EACH = 8
PAGE = 7


async def test_eight_writers_and_a_paging_reader_every_change_seen_exactly_once(graph: Graph,
                                                                                settings: Settings) -> None:
    world = await apps(graph, settings)
    victims: list[str] = []
    cases: list[str] = []
    running = REGISTRARS + OPENERS + 1

    async def register(alias: str) -> str:
        data = await done(graph, settings, "RegisterVictim", {"input": {
            "alias": alias, "identity": {"fullName": f"Person {alias}"}}}, scope=world.worker)
        victim_id: str = data["registerVictim"]["id"]
        victims.append(victim_id)
        return victim_id

    async def registrar(n: int) -> None:
        nonlocal running
        try:
            for i in range(VICTIMS_EACH):
                await register(f"R{n}-{i}")
        finally:
            running -= 1

    async def opener(n: int) -> None:
        nonlocal running
        try:
            for i in range(CASES_EACH):
                victim_id = await register(f"O{n}-{i}")
                data = await done(graph, settings, "OpenCase", {"input": {"victimId": victim_id,
                                                                          "governorate": "TN-11"}},
                                  scope=world.worker)
                cases.append(data["openCase"]["id"])
        finally:
            running -= 1

    async def slow_opening() -> None:
        nonlocal running
        try:
            for _ in range(3):
                await asyncio.sleep(0.3)
                await db.hold_organization(graph, world.org_id, 1.5)
        finally:
            running -= 1

    seen_victims: list[str] = []
    seen_cases: list[str] = []
    pages = 0

    async def reader() -> None:
        nonlocal pages
        cursor: str | None = None
        while True:
            finished = running == 0  # read before the page: a page asked after the last commit ends the pull
            page = (await done(graph, settings, "SyncChanges", {"since": cursor, "types": ["CASE", "VICTIM"],
                                                                "first": PAGE}, scope=world.worker))["changes"]
            pages += 1
            seen_victims.extend(v["id"] for v in page["victims"])
            seen_cases.extend(c["id"] for c in page["cases"])
            cursor = page["nextCursor"]
            if finished and not page["hasMore"]:
                return
            if not page["hasMore"]:
                await asyncio.sleep(0.05)

    await asyncio.gather(reader(), slow_opening(), *(registrar(n) for n in range(REGISTRARS)),
                         *(opener(n) for n in range(OPENERS)))

    assert len(victims) == REGISTRARS * VICTIMS_EACH + OPENERS * CASES_EACH
    assert len(cases) == OPENERS * CASES_EACH
    assert pages > (len(victims) + len(cases)) // PAGE  # the reader really paged while the writers wrote
    missed = (set(victims) - set(seen_victims)) | (set(cases) - set(seen_cases))
    assert not missed, f"{len(missed)} of {len(victims) + len(cases)} changes never reached the device"
    assert sorted(seen_victims) == sorted(victims)  # and none twice
    assert sorted(seen_cases) == sorted(cases)
