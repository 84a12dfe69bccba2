"""The synthetic national network: deterministic per seed, proportional to scale, consistent capacities."""

from __future__ import annotations

import pytest

from graph.db import Graph
from seed.reference import load_reference
from seed.synthetic import Counts, SyntheticAlreadyLoaded, load_synthetic
from tests.seed import repository as seeded
from tests.support import repository as support

SCALE = 0.005


async def _fresh_load(graph: Graph, seed: int) -> dict[str, list[str]]:
    await support.delete_everything_but_migrations(graph)
    await load_reference(graph)
    await load_synthetic(graph, scale=SCALE, seed=seed, progress=False)
    return await seeded.synthetic_keys(graph)


async def test_same_seed_gives_same_network_and_another_seed_another(graph: Graph) -> None:
    first = await _fresh_load(graph, seed=7)
    again = await _fresh_load(graph, seed=7)
    other = await _fresh_load(graph, seed=8)

    assert first == again
    for key in ("orgs", "services", "cases", "referrals"):
        assert first[key]
        assert set(first[key]).isdisjoint(other[key]), key


async def test_counts_follow_the_scale(graph: Graph) -> None:
    summary = await load_synthetic(graph, scale=SCALE, seed=1, progress=False)

    expected = Counts.for_scale(SCALE)
    assert (expected.organizations, expected.services, expected.cases) == (5, 25, 500)
    assert Counts.for_scale(2 * SCALE).cases == 2 * expected.cases
    counts = await support.count_by_label(graph)
    assert counts["Organization"] - 28 == expected.organizations  # 28 reference courts
    assert counts["Service"] == expected.services
    assert counts["Case"] == counts["Victim"] == expected.cases
    assert 2.5 * expected.cases <= counts["Referral"] <= 3.5 * expected.cases
    assert counts["Referral"] == summary.referrals
    assert counts["Consent"] == summary.consents
    assert counts.get("Identity", 0) == 0
    assert await seeded.orphans(graph) == {"cases": 0, "referrals": 0, "services": 0, "consents": 0}


async def test_capacity_is_never_negative_and_matches_accepted_referrals(graph: Graph) -> None:
    await load_synthetic(graph, scale=SCALE, seed=3, progress=False)

    rows = await seeded.capacities(graph)
    assert rows
    assert all(r["available"] == r["maximum"] - r["accepted"] >= 0 for r in rows)
    assert sum(r["accepted"] for r in rows) > 0
    statuses = await seeded.referral_statuses(graph)
    assert {"PENDING", "ACCEPTED", "DECLINED", "COMPLETED", "CANCELLED"} <= set(statuses)


async def test_a_second_synthetic_network_is_refused_and_nothing_is_written(graph: Graph) -> None:
    await load_synthetic(graph, scale=SCALE, seed=1, progress=False)
    before = await support.count_by_label(graph)

    with pytest.raises(SyntheticAlreadyLoaded):
        await load_synthetic(graph, scale=SCALE, seed=2, progress=False)

    assert await support.count_by_label(graph) == before


@pytest.mark.parametrize("scale", [0, -1, float("nan"), float("inf")])
def test_invalid_scales_are_rejected(scale: float) -> None:
    with pytest.raises(ValueError, match="scale"):
        Counts.for_scale(scale)
