"""Seeded data (demo and synthetic) reads back cleanly through every main query: the seeds speak the API's model."""

from __future__ import annotations

from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from seed.demo import demo_id, load_demo
from seed.demo_reports import load_demo_reports
from seed.synthetic import load_synthetic
from tests.support import principals
from tests.support.graphql import ok

CASES = """
query($after: String) { cases(first: 50, after: $after) {
  pageInfo { hasNextPage endCursor }
  nodes { id reference status exploitationForms owner { code name } victim { alias sex ageBand birthDatePrecision minor
          nationality languages } referrals { status urgency declineReason service { name category status
          capacity { available maximum } organization { code kind } } } } } }
"""
REFERRALS = "{ referrals(first: 100) { nodes { status urgency service { name } } } }"
SERVICES = """
{ services(first: 100) { nodes { name category status languages eligibility { sexes minAge maxAge acceptsMinors }
  capacity { unit maximum available } organization { code kind } } } }
"""
ORGANIZATIONS = "{ organizations(first: 100) { nodes { code kind name governorate { code } partners { since } } } }"
FIND = """
query($c: ID!) { findAssistance(caseId: $c, categories: [SHELTER, MEDICAL, PSYCHOSOCIAL, LEGAL_AID]) {
  score distanceKm availableCapacity needsConsent reasons service { name } } }
"""
REPORTS = "{ reports(first: 50) { nodes { reference status channel urgency } } }"
CASE_IDS = "{ cases(first: 50) { nodes { id victim { alias } } } }"
FIND_SHELTER = """
query($c: ID!) { findAssistance(caseId: $c, categories: [SHELTER]) { needsConsent service { name status } } }
"""


async def _walk(graph: Graph, settings: Settings, coordinator: Scope) -> int:
    seen = 0
    after = None
    while True:
        page = (await ok(graph, settings, CASES, {"after": after}, scope=coordinator))["cases"]
        for node in page["nodes"]:
            seen += 1
            if seen <= 10:  # matching on a sample keeps the test quick; the page read covers every case
                await ok(graph, settings, FIND, {"c": node["id"]}, scope=coordinator)
        if not page["pageInfo"]["hasNextPage"]:
            return seen
        after = page["pageInfo"]["endCursor"]


async def test_demo_network_reads_back_through_the_api(graph: Graph, settings: Settings) -> None:
    await load_demo(graph)
    await load_demo_reports(graph, settings.state_dir)
    coordinator = Scope(user_id="c", role=Role.COORDINATOR, organization_id=demo_id("organization", "INLTP"))
    assert await _walk(graph, settings, coordinator) == 8
    for query in (REFERRALS, SERVICES, ORGANIZATIONS, REPORTS):
        await ok(graph, settings, query, scope=coordinator)


async def test_find_assistance_on_the_demo_network_offers_only_the_shelters_that_fit(graph: Graph,
                                                                                    settings: Settings) -> None:
    """The demo's five shelters: Amal and Dar Nour take adult women only, Yasmine adult men only, Rahma children of
    either sex: a boy and a girl of 9 to 17 are offered Rahma and nothing else."""
    await load_demo(graph)
    member = await principals.member(graph, demo_id("organization", "INLTP"), Role.COORDINATOR)
    cases = (await ok(graph, settings, CASE_IDS, scope=member.scope))["cases"]["nodes"]
    by_alias = {c["victim"]["alias"]: c["id"] for c in cases}

    async def shelters(alias: str) -> list[str]:
        found = (await ok(graph, settings, FIND_SHELTER, {"c": by_alias[alias]}, scope=member.scope))
        return sorted(m["service"]["name"] for m in found["findAssistance"])

    assert await shelters("V-SFX-02") == ["Maison d'accueil Rahma pour enfants"]  # a boy of 9 to 17
    assert await shelters("V-KAI-01") == ["Maison d'accueil Rahma pour enfants"]  # a girl of 9 to 17


async def test_synthetic_network_reads_back_through_the_api(graph: Graph, settings: Settings) -> None:
    await load_synthetic(graph, scale=0.002, seed=7, progress=False)
    coordinator = Scope(user_id="c", role=Role.COORDINATOR, organization_id=None)
    assert await _walk(graph, settings, coordinator) > 0
    for query in (REFERRALS, SERVICES, ORGANIZATIONS):
        await ok(graph, settings, query, scope=coordinator)
