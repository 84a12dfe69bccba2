"""Screening: the score, the level and the next steps for each rule of the scoring, and what is stored.

The expected answers are written out by hand from the rules in the screening module's docstring and the
reference weights (seed/reference/indicators.json), not computed by the code under test.
"""

from __future__ import annotations

from dataclasses import dataclass

from api.settings import Settings
from graph.access.scope import Role
from graph.db import Graph
from tests.support import principals
from tests.support.graphql import ok, run
from tests.support.repository import all_properties

REGISTER = "mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { id } }"
OPEN_CASE = "mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }"
SCREEN = """
mutation($c: ID!, $answers: [ScreeningAnswer!]!, $minor: Boolean) {
  recordScreening(caseId: $c, answers: $answers, subjectIsMinor: $minor) {
    score level minor nextSteps drivers { code weight }
  }
}
"""


@dataclass(frozen=True)
class Expectation:
    why: str
    observed: list[str]
    minor: bool
    score: int
    level: str
    next_steps: list[str]
    drivers: list[str]


EXPECTED = [
    Expectation("adult, score 4: below the threshold", ["EXCESSIVE_OVERTIME", "FEAR_OF_AUTHORITIES"], False,
                4, "NO_INDICATION", ["NO_ACTION"], ["EXCESSIVE_OVERTIME", "FEAR_OF_AUTHORITIES"]),
    Expectation("adult, score 5: possible", ["EXCESSIVE_OVERTIME", "ABUSE_OF_VULNERABILITY"], False,
                5, "POSSIBLE", ["FURTHER_INTERVIEW", "REFER_TO_AUTHORITY"],
                ["ABUSE_OF_VULNERABILITY", "EXCESSIVE_OVERTIME"]),
    Expectation("adult, score 11 with one strong coercion: still possible",
                ["DEBT_BONDAGE", "ABUSE_OF_VULNERABILITY", "ISOLATION"], False,
                11, "POSSIBLE", ["FURTHER_INTERVIEW", "REFER_TO_AUTHORITY"],
                ["DEBT_BONDAGE", "ABUSE_OF_VULNERABILITY", "ISOLATION"]),
    Expectation("adult, score 12 without coercion: probable",
                ["ABUSE_OF_VULNERABILITY", "ISOLATION", "NO_KNOWLEDGE_OF_ADDRESS", "DECEPTION_ABOUT_WORK"], False,
                12, "PROBABLE", ["REFER_TO_AUTHORITY"],
                ["ABUSE_OF_VULNERABILITY", "DECEPTION_ABOUT_WORK", "ISOLATION", "NO_KNOWLEDGE_OF_ADDRESS"]),
    Expectation("adult, two strong coercion indicators and score 9: probable",
                ["RETENTION_OF_DOCUMENTS", "DEBT_BONDAGE"], False,
                9, "PROBABLE", ["REFER_TO_AUTHORITY"], ["DEBT_BONDAGE", "RETENTION_OF_DOCUMENTS"]),
    Expectation("adult, physical violence: emergency services first", ["PHYSICAL_VIOLENCE"], False,
                5, "POSSIBLE", ["EMERGENCY_SERVICES", "FURTHER_INTERVIEW", "REFER_TO_AUTHORITY"],
                ["PHYSICAL_VIOLENCE"]),
    Expectation("adult, signs of injury alone (score 3): no emergency without an indication",
                ["SIGNS_OF_INJURY"], False, 3, "NO_INDICATION", ["NO_ACTION"], ["SIGNS_OF_INJURY"]),
    Expectation("adult, a child indicator does not count", ["MINOR_UNACCOMPANIED"], False,
                0, "NO_INDICATION", ["NO_ACTION"], []),
    Expectation("the same indicator twice counts once", ["DEBT_BONDAGE", "DEBT_BONDAGE"], False,
                5, "POSSIBLE", ["FURTHER_INTERVIEW", "REFER_TO_AUTHORITY"], ["DEBT_BONDAGE"]),
    Expectation("minor, any child indicator: urgent", ["MINOR_NOT_IN_SCHOOL"], True,
                2, "URGENT_MINOR", ["CHILD_PROTECTION", "REFER_TO_AUTHORITY"], ["MINOR_NOT_IN_SCHOOL"]),
    Expectation("minor, score 4 without child indicator: urgent", ["FEAR_OF_AUTHORITIES", "EXCESSIVE_OVERTIME"],
                True, 4, "URGENT_MINOR", ["CHILD_PROTECTION", "REFER_TO_AUTHORITY"],
                ["EXCESSIVE_OVERTIME", "FEAR_OF_AUTHORITIES"]),
    Expectation("minor, score 2 without child indicator: no indication", ["EXCESSIVE_OVERTIME"], True,
                2, "NO_INDICATION", ["NO_ACTION"], ["EXCESSIVE_OVERTIME"]),
    Expectation("minor, sexual violence: emergency services, child protection, the authority",
                ["SEXUAL_VIOLENCE"], True, 5, "URGENT_MINOR",
                ["EMERGENCY_SERVICES", "CHILD_PROTECTION", "REFER_TO_AUTHORITY"], ["SEXUAL_VIOLENCE"]),
]


async def _case(graph: Graph, settings: Settings, **victim: object) -> tuple[principals.Member, str]:
    org = await principals.organization(graph, "SCREENING-NGO")
    worker = await principals.member(graph, org, Role.CASE_WORKER)
    victim_id = (await ok(graph, settings, REGISTER, {"input": {"alias": "S", **victim}},
                          scope=worker.scope))["registerVictim"]["id"]
    case_id = (await ok(graph, settings, OPEN_CASE, {"input": {"victimId": victim_id, "governorate": "TN-11"}},
                        scope=worker.scope))["openCase"]["id"]
    return worker, case_id


async def test_each_scoring_rule_gives_its_level_and_next_steps(graph: Graph, settings: Settings) -> None:
    worker, case_id = await _case(graph, settings, minor=False)
    answers: list[tuple[str, dict[str, object]]] = []
    for expected in EXPECTED:
        data = await ok(graph, settings, SCREEN, {
            "c": case_id, "minor": expected.minor,
            "answers": [{"indicator": code, "observed": True} for code in expected.observed]}, scope=worker.scope)
        answers.append((expected.why, data["recordScreening"]))
    assert [(why, result["score"], result["level"], result["nextSteps"], [d["code"] for d in result["drivers"]],
             result["minor"]) for why, result in answers] == [
        (e.why, e.score, e.level, e.next_steps, e.drivers, e.minor) for e in EXPECTED]
    stored = sorted((s["score"], s["level"]) for s in await all_properties(graph, "Screening"))
    assert stored == sorted((e.score, e.level) for e in EXPECTED)


async def test_answers_not_observed_do_not_count(graph: Graph, settings: Settings) -> None:
    worker, case_id = await _case(graph, settings, minor=False)
    data = await ok(graph, settings, SCREEN, {"c": case_id, "minor": None, "answers": [
        {"indicator": "DEBT_BONDAGE", "observed": False}, {"indicator": "PHYSICAL_VIOLENCE", "observed": False},
        {"indicator": "ISOLATION", "observed": True}]}, scope=worker.scope)
    result = data["recordScreening"]
    assert (result["score"], result["level"], result["nextSteps"]) == (3, "NO_INDICATION", ["NO_ACTION"])


async def test_a_victim_registered_as_minor_is_screened_as_a_minor(graph: Graph, settings: Settings) -> None:
    worker, case_id = await _case(graph, settings, minor=True)
    data = await ok(graph, settings, SCREEN, {"c": case_id, "minor": None, "answers": [
        {"indicator": "MINOR_WORKING", "observed": True}]}, scope=worker.scope)
    result = data["recordScreening"]
    assert (result["minor"], result["score"], result["level"]) == (True, 3, "URGENT_MINOR")


async def test_an_unknown_indicator_is_refused_and_nothing_is_stored(graph: Graph, settings: Settings) -> None:
    worker, case_id = await _case(graph, settings, minor=False)
    result = await run(graph, settings, SCREEN, {"c": case_id, "minor": None, "answers": [
        {"indicator": "DEBT_BONDAGE", "observed": True}, {"indicator": "NOT_AN_INDICATOR", "observed": True}]},
        scope=worker.scope)
    assert result.codes == ["BAD_USER_INPUT"]
    assert "NOT_AN_INDICATOR" in result.messages[0]
    assert await all_properties(graph, "Screening") == []
