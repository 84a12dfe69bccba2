"""A small network for the authority's own work: the authority, a ministry, two NGOs, one user of each role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from tests.api.casework import repository as casework
from tests.support.graphql import ok

THIS_YEAR = dt.date.today().year


@dataclass
class World:
    authority: str
    ministry: str
    ngo_a: str
    ngo_b: str
    coordinator: Scope
    coordinator_2: Scope
    partner_a: Scope
    partner_b: Scope
    worker_a: Scope
    analyst: Scope
    ministry_user: str


async def world(graph: Graph) -> World:
    authority = await casework.create_organization(graph, "INLTP", "TN-11", kind="NATIONAL_AUTHORITY")
    ministry = await casework.create_organization(graph, "MIN-SOC", "TN-11", kind="GOVERNMENT_AGENCY")
    ngo_a = await casework.create_organization(graph, "NGO-A", "TN-61")
    ngo_b = await casework.create_organization(graph, "NGO-B", "TN-51")
    users = {name: await casework.create_user(graph, org, name, role) for name, org, role in (
        ("coord-1", authority, "COORDINATOR"), ("coord-2", authority, "COORDINATOR"),
        ("partner-a", ngo_a, "PARTNER_AGENT"), ("partner-b", ngo_b, "PARTNER_AGENT"),
        ("worker-a", ngo_a, "CASE_WORKER"), ("analyst", authority, "ANALYST"), ("ministry", ministry, "PARTNER_AGENT"))}
    return World(
        authority=authority, ministry=ministry, ngo_a=ngo_a, ngo_b=ngo_b, ministry_user=users["ministry"],
        coordinator=Scope(users["coord-1"], Role.COORDINATOR, authority),
        coordinator_2=Scope(users["coord-2"], Role.COORDINATOR, authority),
        partner_a=Scope(users["partner-a"], Role.PARTNER_AGENT, ngo_a),
        partner_b=Scope(users["partner-b"], Role.PARTNER_AGENT, ngo_b),
        worker_a=Scope(users["worker-a"], Role.CASE_WORKER, ngo_a),
        analyst=Scope(users["analyst"], Role.ANALYST, authority),
    )


def title(text: str) -> dict[str, str]:
    return {"fr": f"{text} (fr)", "ar": f"{text} (ar)", "en": text}


CREATE_STRATEGY = """
mutation($input: CreateStrategyInput!) {
  createStrategy(input: $input) { id code startYear endYear axes { id code objectives { id code } } }
}
"""
ADD_INDICATOR = """
mutation($input: AddStrategyIndicatorInput!) {
  addStrategyIndicator(input: $input) { id code measure periods { period target actual } }
}
"""
SET_TARGET = """
mutation($input: IndicatorValueInput!) { setIndicatorTarget(input: $input) { id periods { period target actual } } }
"""
RECORD_ACTUAL = """
mutation($input: IndicatorValueInput!) { recordIndicatorActual(input: $input) { id periods { period target actual } } }
"""
ADD_ACTION = """
mutation($input: AddStrategyActionInput!) {
  addStrategyAction(input: $input) { id code status overdue leadAgency { code } partners { code } version }
}
"""
UPDATE_ACTION = """
mutation($input: UpdateStrategyActionInput!) {
  updateStrategyAction(input: $input) { id status evidence version }
}
"""
DASHBOARD = """
query($id: ID!, $period: Int) {
  strategyDashboard(strategyId: $id, period: $period) {
    code period
    axes { code progress actionsTotal actionsDone actionsOverdue
           objectives { code progress indicators { indicator { code measure } target actual progress offTrack } } }
    indicatorsOffTrack { indicator { code } actual target }
    actionsOverdue { code leadAgency { code } }
    campaigns { code impact { governorate before during after withCode } }
  }
}
"""


async def small_strategy(graph: Graph, settings: Settings, scope: Scope) -> dict[str, Any]:
    """A 2-axis strategy around this year, returns {id, objectives: {code: id}}."""
    data = await ok(graph, settings, CREATE_STRATEGY, {"input": {
        "code": "SNLT-T", "title": title("National strategy"), "startYear": THIS_YEAR - 1, "endYear": THIS_YEAR + 2,
        "axes": [{"code": "PREVENTION", "title": title("Prevention"),
                  "objectives": [{"code": "P1", "title": title("Awareness")},
                                 {"code": "P2", "title": title("Training")}]},
                 {"code": "PROTECTION", "title": title("Protection"),
                  "objectives": [{"code": "R1", "title": title("Identification")}]}]}}, scope=scope)
    strategy = data["createStrategy"]
    objectives = {o["code"]: o["id"] for a in strategy["axes"] for o in a["objectives"]}
    return {"id": strategy["id"], "objectives": objectives}


async def computed_indicator(graph: Graph, settings: Settings, scope: Scope, objective: str, code: str,
                             measure: str, target: float) -> str:
    data = await ok(graph, settings, ADD_INDICATOR, {"input": {
        "objectiveId": objective, "code": code, "title": title(code), "unit": "persons", "measure": measure,
        "baselineYear": THIS_YEAR - 2, "baselineValue": 0}}, scope=scope)
    indicator = data["addStrategyIndicator"]["id"]
    await ok(graph, settings, SET_TARGET, {"input": {"indicatorId": indicator, "period": THIS_YEAR, "value": target}},
             scope=scope)
    return str(indicator)
