"""The demo trafficking graph: two NGOs' cases linked by a recruiter's phone, a protected witness; loaded once."""

from __future__ import annotations

from api.graphql.relay import to_global_id
from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from seed.demo import demo_id, load_demo
from tests.support.graphql import ok

LINKS = """query($c: ID!) { caseLinks(caseId: $c) { linkedCases links { reference paths { evidence }
  case { owner { code } } } } }"""
WITNESS = """query($c: ID!) { case(id: $c) { route { type country }
  protectedPersons { role measures { kind status } } } }"""


async def test_demo_cases_of_two_ngos_meet_at_the_recruiters_phone(graph: Graph, settings: Settings) -> None:
    first = await load_demo(graph)
    assert first.created["trafficking records"] > 0
    assert (await load_demo(graph)).created["trafficking records"] == 0

    coordinator = Scope(user_id="c", role=Role.COORDINATOR, organization_id=demo_id("organization", "INLTP"))
    tunis = to_global_id("Case", demo_id("case", "V-TUN-01"))
    links = (await ok(graph, settings, LINKS, {"c": tunis}, scope=coordinator))["caseLinks"]
    assert links["linkedCases"] == 1
    [link] = links["links"]
    assert link["case"]["owner"]["code"] == "DEMO-DARNOUR"
    assert {p["evidence"] for p in link["paths"]} == {"PHONE"}

    sfax = to_global_id("Case", demo_id("case", "V-SFX-01"))
    case = (await ok(graph, settings, WITNESS, {"c": sfax}, scope=coordinator))["case"]
    assert [e["type"] for e in case["route"]] == ["RECRUITMENT", "TRANSIT", "EXPLOITATION"]
    [witness] = case["protectedPersons"]
    assert witness["role"] == "WITNESS"
    assert {(m["kind"], m["status"]) for m in witness["measures"]} == {("IDENTITY_WITHHELD", "ACTIVE"),
                                                                        ("POLICE_PROTECTION", "ACTIVE")}
