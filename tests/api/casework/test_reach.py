"""findAssistance by precomputed reach gives, case by case, the answer of a scan over every service."""

from __future__ import annotations

import random
from typing import Any

from graph.access.scope import system_scope
from graph.assistance import repository as assistance
from graph.db import Graph
from graph.referrals import repository as referrals
from graph.seed import repository as seed_repository
from graph.services import repository as services
from seed.synthetic import load_synthetic
from tests.api.casework import repository as db

CATEGORY_SETS = (["SHELTER"], ["PSYCHOSOCIAL", "LEGAL_AID"], ["MEDICAL", "PSYCHOSOCIAL", "SHELTER"])
SCOPE = system_scope()


def answer(rows: list[Any] | None) -> list[tuple[str, float, bool, bool, bool]]:
    assert rows is not None
    return [(row["serviceId"], row["score"], row["inGovernorate"], row["covers"], row["adjacent"]) for row in rows]


async def compare_every_case(graph: Graph, case_ids: list[str]) -> int:
    """Both answers for every case and category set; the number of non-empty answers compared."""
    non_empty = 0
    for case_id in case_ids:
        for categories in CATEGORY_SETS:
            by_reach = answer(await assistance.find_assistance(graph, SCOPE, case_id, categories, 25))
            by_scan = answer(await assistance.find_assistance_by_scan(graph, SCOPE, case_id, categories, 25))
            assert by_reach == by_scan, (case_id, categories)
            non_empty += bool(by_reach)
    return non_empty


async def test_the_reach_answers_as_the_scan_does_before_and_after_capacity_and_status_change(graph: Graph) -> None:
    await load_synthetic(graph, scale=0.003, seed=7, progress=False)
    case_ids = await seed_repository.bench_sample_cases(graph, 30)
    assert len(case_ids) == 30
    assert await compare_every_case(graph, case_ids) > 2  # the comparison is not between empty answers

    rng = random.Random(7)
    service_ids = sorted(await seed_repository.bench_sample_services(graph, 60))
    for service_id in service_ids[:20]:  # full, then some of them open again
        await services.update_capacity(graph, SCOPE, service_id, 0)
    for service_id in service_ids[:20:3]:
        await services.update_capacity(graph, SCOPE, service_id, rng.randint(1, 3))
    for service_id in service_ids[20:35]:  # closed, then some of them active again
        await services.set_status(graph, SCOPE, service_id, "TEMPORARILY_CLOSED")
    for service_id in service_ids[20:35:4]:
        await services.set_status(graph, SCOPE, service_id, "ACTIVE")

    assert await compare_every_case(graph, case_ids) > 0


async def test_accepting_the_last_place_takes_the_service_out_of_reach_and_completing_brings_it_back(
        graph: Graph) -> None:
    await load_synthetic(graph, scale=0.003, seed=11, progress=False)
    case_ids = await seed_repository.bench_sample_cases(graph, 8)
    pending = await db.pending_referrals_of_open_services(graph)
    assert pending, "the synthetic network has pending referrals to open services"
    referral_id, service_id = pending[0]["referralId"], pending[0]["serviceId"]
    await services.update_capacity(graph, SCOPE, service_id, 1)
    assert await db.reached(graph, service_id)

    accepted = await referrals.transition_referral(graph, SCOPE, referral_id, actor="PROVIDER",
                                                   allowed_from=["PENDING"], to="ACCEPTED", fields={}, reserve=True)
    assert accepted is not None
    assert (accepted["outcome"], accepted["capacityAvailable"]) == ("OK", 0)
    assert not await db.reached(graph, service_id)
    await compare_every_case(graph, case_ids)

    completed = await referrals.transition_referral(graph, SCOPE, referral_id, actor="PROVIDER",
                                                    allowed_from=["ACCEPTED"], to="COMPLETED", fields={},
                                                    release=True)
    assert completed is not None
    assert (completed["outcome"], completed["capacityAvailable"]) == ("OK", 1)
    assert await db.reached(graph, service_id)
    await compare_every_case(graph, case_ids)
