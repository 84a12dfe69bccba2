"""Every (from, to) pair of case states through the API, by real members: the allowed moves change the status,
IDENTIFIED is never a direct move, every other move is refused with CONFLICT and leaves the case as it was."""

from __future__ import annotations

import itertools

from api.i18n import Language
from api.settings import Settings
from graph.access.scope import Role
from graph.db import Graph
from tests.api.casework.support import CHANGE_STATUS, open_case_for
from tests.support import principals
from tests.support.graphql import ok, run
from tests.support.principals import Member
from tests.unit.test_case_transitions import ALLOWED, STATES

STATUS = "query($id: ID!) { case(id: $id) { status version } }"
REQUEST = "mutation($c: ID!) { requestIdentification(caseId: $c, reason: \"indicators confirmed\") { id } }"
DECIDE = """
mutation($r: ID!) { decideIdentification(requestId: $r, approve: true, reason: "file reviewed") { status } }
"""


async def _move(graph: Graph, settings: Settings, who: Member, case_id: str, status: str) -> None:
    await ok(graph, settings, CHANGE_STATUS, {"input": {"caseId": case_id, "status": status, "reason": "moved"}},
             scope=who.scope)


async def _case_in(graph: Graph, settings: Settings, worker: Member, coordinator: Member, state: str) -> str:
    _, case_id = await open_case_for(graph, settings, worker.scope)
    if state == "CLOSED":
        await _move(graph, settings, worker, case_id, "CLOSED")
    if state in {"PRESUMED", "IDENTIFIED", "ASSISTED"}:
        await _move(graph, settings, worker, case_id, "PRESUMED")
    if state in {"IDENTIFIED", "ASSISTED"}:
        asked = (await ok(graph, settings, REQUEST, {"c": case_id}, scope=worker.scope))["requestIdentification"]
        decided = await ok(graph, settings, DECIDE, {"r": asked["id"]}, scope=coordinator.scope)
        assert decided["decideIdentification"]["status"] == "APPROVED"
    if state == "ASSISTED":
        await _move(graph, settings, worker, case_id, "ASSISTED")
    return case_id


async def _status(graph: Graph, settings: Settings, who: Member, case_id: str) -> tuple[str, int]:
    case = (await ok(graph, settings, STATUS, {"id": case_id}, scope=who.scope))["case"]
    return case["status"], case["version"]


async def test_every_pair_of_case_states(graph: Graph, settings: Settings) -> None:
    ngo = await principals.organization(graph, "LIFE-NGO", "TN-11")
    authority = await principals.organization(graph, "INLTP", "TN-11", kind="NATIONAL_AUTHORITY")
    worker = await principals.member(graph, ngo, Role.CASE_WORKER)
    coordinator = await principals.member(graph, authority, Role.COORDINATOR)
    wrong: list[str] = []
    tried = 0
    for current in STATES:
        standing = await _case_in(graph, settings, worker, coordinator, current)
        assert (await _status(graph, settings, worker, standing))[0] == current
        for target in STATES:
            tried += 1
            allowed = (current, target) in ALLOWED and target != "IDENTIFIED"
            case_id = await _case_in(graph, settings, worker, coordinator, current) if allowed else standing
            before = await _status(graph, settings, worker, case_id)
            result = await run(graph, settings, CHANGE_STATUS, {"input": {
                "caseId": case_id, "status": target, "reason": "a reason"}}, scope=worker.scope,
                language=Language.EN)
            after = await _status(graph, settings, worker, case_id)
            if allowed:
                got = (result.codes, after)
                want: object = ([], (target, before[1] + 1))
            elif target == "IDENTIFIED":
                got, want = (result.codes, result.messages, after), (
                    ["FORBIDDEN"], ["Moving to IDENTIFIED needs a coordinator's approval: use requestIdentification."],
                    before)
            else:
                got, want = (result.codes, result.messages, after), (
                    ["CONFLICT"], [f"The case cannot move from {current} to {target}."], before)
            if got != want:
                wrong.append(f"{current} -> {target}: {got}, expected {want}")
    assert not wrong, "\n".join(wrong)
    assert tried == len(list(itertools.product(STATES, STATES))) == 25
