"""Capacity is reserved atomically on acceptance and released on completion or cancellation."""

from __future__ import annotations

import asyncio

from api.settings import Settings
from graph.db import Graph
from tests.api.casework import repository as db
from tests.api.casework.support import CANCEL, COMPLETE, RESPOND, open_case_for, refer, world
from tests.support.graphql import ok, run

RACERS = 50


async def test_last_bed_goes_to_exactly_one_of_fifty(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    shelter = await db.create_service(graph, w.provider, capacityAvailable=RACERS, capacityMaximum=RACERS)
    referrals = []
    for _ in range(RACERS):
        _, case_id = await open_case_for(graph, settings, w.worker_a)
        referrals.append(await refer(graph, settings, w.worker_a, case_id, shelter))
    for attempt in range(3):
        await db.set_capacity(graph, shelter, 1)
        batch = referrals if attempt == 0 else []
        if attempt > 0:
            for _ in range(RACERS):
                _, case_id = await open_case_for(graph, settings, w.worker_a)
                batch.append(await refer(graph, settings, w.worker_a, case_id, shelter))
        results = await asyncio.gather(*[
            run(graph, settings, RESPOND, {"input": {"referralId": r, "accept": True}}, scope=w.coordinator)
            for r in batch])
        winners = [r for r in results if not r.errors]
        losers = [r for r in results if r.errors]
        assert len(winners) == 1
        assert all(r.codes == ["CONFLICT"] and r.messages == ["No capacity left in this service."] for r in losers)
        assert await db.capacity(graph, shelter) == 0
    assert (await db.referral_statuses(graph))["ACCEPTED"] == 3


async def test_cancel_and_complete_release_the_unit(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    shelter = await db.create_service(graph, w.provider, capacityAvailable=2, capacityMaximum=2)
    _, case_1 = await open_case_for(graph, settings, w.worker_a)
    _, case_2 = await open_case_for(graph, settings, w.worker_a)
    _, case_3 = await open_case_for(graph, settings, w.worker_a)
    r1 = await refer(graph, settings, w.worker_a, case_1, shelter)
    r2 = await refer(graph, settings, w.worker_a, case_2, shelter)
    r3 = await refer(graph, settings, w.worker_a, case_3, shelter)
    for r in (r1, r2):
        await ok(graph, settings, RESPOND, {"input": {"referralId": r, "accept": True}}, scope=w.partner)
    assert await db.capacity(graph, shelter) == 0
    full = await run(graph, settings, RESPOND, {"input": {"referralId": r3, "accept": True}}, scope=w.partner)
    assert full.codes == ["CONFLICT"]

    await ok(graph, settings, CANCEL, {"input": {"referralId": r1, "reason": "moved away"}}, scope=w.worker_a)
    assert await db.capacity(graph, shelter) == 1
    await ok(graph, settings, COMPLETE, {"input": {"referralId": r2, "outcome": "done"}}, scope=w.partner)
    assert await db.capacity(graph, shelter) == 2

    # Cancelling a referral that never reserved anything releases nothing, and never beyond the maximum.
    await ok(graph, settings, CANCEL, {"input": {"referralId": r3, "reason": "no longer needed"}}, scope=w.worker_a)
    assert await db.capacity(graph, shelter) == 2


async def test_decline_records_the_reason_and_keeps_capacity(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    shelter = await db.create_service(graph, w.provider, capacityAvailable=3)
    _, case_id = await open_case_for(graph, settings, w.worker_a)
    referral = await refer(graph, settings, w.worker_a, case_id, shelter)
    missing = await run(graph, settings, RESPOND, {"input": {"referralId": referral, "accept": False}},
                        scope=w.partner)
    assert missing.codes == ["BAD_USER_INPUT"]
    data = await ok(graph, settings, RESPOND, {"input": {"referralId": referral, "accept": False,
                                                         "reason": "NOT_ELIGIBLE"}}, scope=w.partner)
    assert data["respondToReferral"]["declineReason"] == "NOT_ELIGIBLE"
    assert data["respondToReferral"]["status"] == "DECLINED"
    assert await db.capacity(graph, shelter) == 3
