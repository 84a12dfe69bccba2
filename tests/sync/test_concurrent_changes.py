"""Delta sync under concurrent writes: a reader paging while 8 writers commit sees every change exactly once.

Four writers register victims; four add perpetrators to their own case, a change of that case. Those additions
are made while another transaction holds the cases (a slow one, as under load): they take their change time when
they create the perpetrator, then wait for the case, and commit after victims registered later. Paging by the time
of the change steps over them (the reader's cursor is already past that time); paging by the commit-ordered
sequence cannot.
"""

from __future__ import annotations

import asyncio

from api.settings import Settings
from graph.db import Graph
from tests.contracts.support import apps, done
from tests.support.graphql import ok
from tests.sync import repository as db
from tests.sync.support import pull

REGISTRARS = 4
EDITORS = 4
ROUNDS = 3
HOLD_SECONDS = 2.5
PAGE = 7
ADD_PERPETRATOR = """
mutation($input: AddPerpetratorInput!) { addPerpetrator(input: $input) { id } }
"""
CASE_NOW = "query($id: ID!) { case(id: $id) { id updatedAt } }"


async def test_eight_writers_and_a_paging_reader_every_change_seen_exactly_once(graph: Graph,
                                                                                settings: Settings) -> None:
    world = await apps(graph, settings)
    cases = []
    for n in range(EDITORS):
        victim = (await done(graph, settings, "RegisterVictim", {"input": {"alias": f"C{n}"}}, scope=world.worker))[
            "registerVictim"]["id"]
        cases.append((await done(graph, settings, "OpenCase", {"input": {"victimId": victim, "governorate": "TN-11"}},
                                 scope=world.worker))["openCase"]["id"])
    _, cursor = await pull(graph, settings, world.worker, types=["CASE", "VICTIM"])  # the device is in sync

    held = [asyncio.Event() for _ in range(ROUNDS)]
    holding_done = asyncio.Event()
    writers_left = REGISTRARS + EDITORS
    victims: list[str] = []

    async def slow_transaction() -> None:
        try:
            for event in held:
                await db.hold_cases(graph, cases, HOLD_SECONDS, event)
                await asyncio.sleep(0.2)
        finally:
            holding_done.set()

    async def registrar(n: int) -> None:
        nonlocal writers_left
        try:
            i = 0
            while not holding_done.is_set():
                victims.append((await done(graph, settings, "RegisterVictim", {"input": {
                    "alias": f"R{n}-{i}", "identity": {"fullName": f"Person {n}-{i}"}}}, scope=world.worker))[
                    "registerVictim"]["id"])
                i += 1
        finally:
            writers_left -= 1

    async def editor(n: int) -> None:
        nonlocal writers_left
        try:
            for round_no, event in enumerate(held):
                await event.wait()  # the case is held: this change waits for it
                await ok(graph, settings, ADD_PERPETRATOR, {"input": {
                    "caseId": cases[n], "kind": "PERSON", "role": "RECRUITER", "alias": f"P{n}-{round_no}"}},
                    scope=world.worker)
        finally:
            writers_left -= 1

    seen_victims: list[str] = []
    last_seen: dict[str, str] = {}
    pages = 0

    async def reader() -> None:
        nonlocal pages, cursor
        while True:
            finished = writers_left == 0  # read before the page: a page asked after the last commit ends the pull
            page = (await done(graph, settings, "SyncChanges", {"since": cursor, "types": ["CASE", "VICTIM"],
                                                                "first": PAGE}, scope=world.worker))["changes"]
            pages += 1
            seen_victims.extend(v["id"] for v in page["victims"])
            last_seen.update({c["id"]: c["updatedAt"] for c in page["cases"]})
            cursor = page["nextCursor"]
            if finished and not page["hasMore"]:
                return
            if not page["hasMore"]:
                await asyncio.sleep(0.05)

    await asyncio.gather(reader(), slow_transaction(), *(registrar(n) for n in range(REGISTRARS)),
                         *(editor(n) for n in range(EDITORS)))

    assert pages > len(victims) // PAGE  # the reader really paged while the writers wrote
    missed = set(victims) - set(seen_victims)
    assert not missed, f"{len(missed)} of {len(victims)} new victims never reached the device"
    assert sorted(seen_victims) == sorted(victims)  # and none twice
    final = {case: (await ok(graph, settings, CASE_NOW, {"id": case}, scope=world.worker))["case"]["updatedAt"]
             for case in cases}
    stale = {case for case in cases if last_seen.get(case) != final[case]}
    assert not stale, f"the device holds an old version of {len(stale)} of {len(cases)} changed cases"
