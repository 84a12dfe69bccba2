"""Who sees what, and bad input: clear error codes and nothing written."""

from __future__ import annotations

import pytest

from api.settings import Settings
from graph.access.scope import ANONYMOUS
from graph.db import Graph
from tests.api.casework import repository as db
from tests.api.casework.support import (
    CREATE_REFERRAL,
    OPEN_CASE,
    REGISTER_VICTIM,
    gid,
    open_case_for,
    world,
)
from tests.support.consent import consent_to_refer
from tests.support.graphql import ok, run
from tests.support.repository import all_properties

CASE = "query($id: ID!) { case(id: $id) { reference victim { alias } } }"
FIND = "query($id: ID!) { findAssistance(caseId: $id, categories: [SHELTER]) { score } }"
UNKNOWN_CASE = gid("Case", "00000000-0000-4000-8000-000000000000")
INJECTION = "x'}) OR 1=1 WITH n SET n.role = 'ADMIN' DELETE n //"


async def test_other_organisation_gets_exactly_not_found(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    victim_id, case_id = await open_case_for(graph, settings, w.worker_a)
    mine = await ok(graph, settings, CASE, {"id": case_id}, scope=w.worker_a)
    assert mine["case"]["victim"]["alias"] == "V"
    assert (await ok(graph, settings, CASE, {"id": case_id}, scope=w.worker_b)) == {"case": None}
    assert (await ok(graph, settings, CASE, {"id": UNKNOWN_CASE}, scope=w.worker_b)) == {"case": None}
    theirs = await run(graph, settings, FIND, {"id": case_id}, scope=w.worker_b)
    unknown = await run(graph, settings, FIND, {"id": UNKNOWN_CASE}, scope=w.worker_b)
    assert theirs.codes == unknown.codes == ["NOT_FOUND"] and theirs.messages == unknown.messages
    victim = await ok(graph, settings, "query($id: ID!) { victim(id: $id) { alias } }", {"id": victim_id},
                      scope=w.worker_b)
    assert victim == {"victim": None}
    national = await ok(graph, settings, CASE, {"id": case_id}, scope=w.coordinator)
    assert national["case"] is not None
    listing = await ok(graph, settings, "{ cases { totalCount } }", scope=w.worker_b)
    assert listing["cases"]["totalCount"] == 0


async def test_anonymous_and_analyst(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    _, case_id = await open_case_for(graph, settings, w.worker_a)
    anonymous = await run(graph, settings, "{ cases { totalCount } }", scope=ANONYMOUS)
    assert anonymous.codes == ["UNAUTHENTICATED"]
    analyst = await run(graph, settings, CASE, {"id": case_id}, scope=w.analyst)
    assert analyst.codes == ["FORBIDDEN"]
    register = await run(graph, settings, REGISTER_VICTIM, {"input": {"alias": "A"}}, scope=ANONYMOUS)
    assert register.codes == ["UNAUTHENTICATED"]
    assert await db.count(graph, "Victim") == 1


async def test_identity_is_sealed_and_read_with_a_reason_by_national_roles_and_its_own_organisation(
        graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    data = await ok(graph, settings, REGISTER_VICTIM, {"input": {
        "alias": "Amina", "identity": {"fullName": "Amina B.", "documentNumber": "P123"}}}, scope=w.worker_a)
    victim_id = data["registerVictim"]["id"]
    query = "query($id: ID!, $reason: String!) { victimIdentity(victimId: $id, reason: $reason) { fullName } }"
    # The organisation that recorded it reads it back (audited); another organisation does not even find it.
    own = await ok(graph, settings, query, {"id": victim_id, "reason": "calling her back"}, scope=w.worker_a)
    assert own["victimIdentity"]["fullName"] == "Amina B."
    other = await run(graph, settings, query, {"id": victim_id, "reason": "court order 12"}, scope=w.worker_b)
    assert other.codes == ["NOT_FOUND"]
    assert other.data is None
    partner = await run(graph, settings, query, {"id": victim_id, "reason": "court order 12"}, scope=w.partner)
    assert partner.codes == ["FORBIDDEN"]
    no_reason = await run(graph, settings, query, {"id": victim_id, "reason": " "}, scope=w.worker_a)
    assert no_reason.codes == ["BAD_USER_INPUT"]
    blank = await run(graph, settings, query, {"id": victim_id, "reason": "  "}, scope=w.coordinator)
    assert blank.codes == ["BAD_USER_INPUT"]
    read = await ok(graph, settings, query, {"id": victim_id, "reason": "court order 12"}, scope=w.coordinator)
    assert read["victimIdentity"]["fullName"] == "Amina B."
    [identity] = await db_identity(graph)
    assert str(identity["fullNameSealed"]).startswith("v1:")
    assert "Amina B." not in repr(identity) and "P123" not in repr(identity)


async def db_identity(graph: Graph) -> list[dict[str, object]]:
    return await all_properties(graph, "Identity")


@pytest.mark.parametrize(("query", "variables", "code"), [
    (CASE, {"id": "not-an-id"}, "BAD_USER_INPUT"),
    (CASE, {"id": gid("Service", "00000000-0000-4000-8000-000000000000")}, "NOT_FOUND"),
    (FIND, {"id": UNKNOWN_CASE}, "NOT_FOUND"),
    ("{ cases(first: 101) { totalCount } }", {}, "BAD_USER_INPUT"),
    ("{ cases(first: 0) { totalCount } }", {}, "BAD_USER_INPUT"),
    ("{ cases(after: \"garbage\") { totalCount } }", {}, "BAD_USER_INPUT"),
    ("query($id: ID!) { findAssistance(caseId: $id, categories: [SPACESHIP]) { score } }", {"id": UNKNOWN_CASE},
     "GRAPHQL_VALIDATION_FAILED"),
    ("query($id: ID!) { findAssistance(caseId: $id, categories: []) { score } }", {"id": UNKNOWN_CASE},
     "BAD_USER_INPUT"),
    ("query($id: ID!) { findAssistance(caseId: $id, categories: [SHELTER], first: 500) { score } }",
     {"id": UNKNOWN_CASE}, "BAD_USER_INPUT"),
    ("{ referrals(first: 1000) { totalCount } }", {}, "BAD_USER_INPUT"),
])
async def test_bad_queries(graph: Graph, settings: Settings, query: str, variables: dict[str, object],
                           code: str) -> None:
    w = await world(graph)
    result = await run(graph, settings, query, variables, scope=w.worker_a)
    assert result.codes[:1] == [code], result.errors


@pytest.mark.parametrize(("victim_input", "case_input"), [
    ({"alias": ""}, None),
    ({"alias": "A", "nationality": "TUN"}, None),
    ({"alias": "A", "languages": ["klingon"]}, None),
    ({"alias": "A", "ageBand": "40-20"}, None),
    ({"alias": "A", "birthYear": 1700}, None),
    ({"alias": "A", "birthYear": 2020, "minor": False}, None),
    ({"alias": INJECTION * 3}, None),
    (None, {"governorate": "TN-99"}),
    (None, {"governorate": INJECTION}),
    (None, {"governorate": "TN-11", "exploitationForms": ["ALIENS"]}),
    (None, {"governorate": "TN-11", "meansOfControl": [INJECTION]}),
    (None, {"governorate": "TN-11", "victimId": "bad"}),
])
async def test_bad_victim_and_case_input_writes_nothing(graph: Graph, settings: Settings,
                                                        victim_input: dict[str, object] | None,
                                                        case_input: dict[str, object] | None) -> None:
    w = await world(graph)
    if victim_input is not None:
        result = await run(graph, settings, REGISTER_VICTIM, {"input": victim_input}, scope=w.worker_a)
        assert result.codes == ["BAD_USER_INPUT"], result.errors
        assert await db.count(graph, "Victim") == 0
        return
    assert case_input is not None
    data = await ok(graph, settings, REGISTER_VICTIM, {"input": {"alias": "A"}}, scope=w.worker_a)
    result = await run(graph, settings, OPEN_CASE, {"input": {"victimId": data["registerVictim"]["id"],
                                                              **case_input}}, scope=w.worker_a)
    assert result.codes == ["BAD_USER_INPUT"], result.errors
    assert await db.count(graph, "Case") == 0


async def test_injection_strings_are_plain_data(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    shelter = await db.create_service(graph, w.provider)
    data = await ok(graph, settings, REGISTER_VICTIM, {"input": {"alias": INJECTION}}, scope=w.worker_a)
    assert data["registerVictim"]["alias"] == INJECTION
    _, case_id = await open_case_for(graph, settings, w.worker_a)
    await consent_to_refer(graph, settings, w.worker_a, case_id, shelter)
    created = await ok(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": case_id, "serviceId": gid("Service", shelter), "note": INJECTION}}, scope=w.worker_a)
    assert created["createReferral"]["status"] == "PENDING"
    consent = await run(graph, settings, """mutation($input: RecordConsentInput!) {
        recordConsent(input: $input) { id } }""", {"input": {
        "victimId": data["registerVictim"]["id"], "organizationCode": INJECTION, "purpose": "REFERRAL"}},
        scope=w.worker_a)
    assert consent.codes == ["NOT_FOUND"]
    assert await db.count(graph, "Service") == 1 and await db.count(graph, "Victim") == 2
    assert await db.count(graph, "Consent") == 1  # only the REFERRAL consent recorded before referring


async def test_unknown_ids_in_mutations_write_nothing(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    _, case_id = await open_case_for(graph, settings, w.worker_a)
    unknown_service = gid("Service", "00000000-0000-4000-8000-000000000000")
    result = await run(graph, settings, CREATE_REFERRAL, {"input": {"caseId": case_id, "serviceId": unknown_service}},
                       scope=w.worker_a)
    assert result.codes == ["NOT_FOUND"]
    shelter = await db.create_service(graph, w.provider)
    other_org = await run(graph, settings, CREATE_REFERRAL, {"input": {"caseId": case_id,
                                                                       "serviceId": gid("Service", shelter)}},
                          scope=w.worker_b)
    assert other_org.codes == ["NOT_FOUND"]
    unknown_victim = await run(graph, settings, OPEN_CASE, {"input": {
        "victimId": gid("Victim", "00000000-0000-4000-8000-000000000000"), "governorate": "TN-11"}},
        scope=w.worker_a)
    assert unknown_victim.codes == ["NOT_FOUND"]
    assign = await run(graph, settings, "mutation($c: ID!, $u: ID!) { assignCase(caseId: $c, userId: $u) { id } }",
                       {"c": case_id, "u": gid("User", "00000000-0000-4000-8000-000000000000")}, scope=w.worker_a)
    assert assign.codes == ["BAD_USER_INPUT"]
    assigned = await ok(graph, settings, """mutation($c: ID!, $u: ID!) {
        assignCase(caseId: $c, userId: $u) { assignedUserId } }""",
                        {"c": case_id, "u": gid("User", w.worker_a_user)}, scope=w.worker_a)
    assert assigned["assignCase"]["assignedUserId"] == gid("User", w.worker_a_user)
    assert await db.count(graph, "Referral") == 0 and await db.count(graph, "Case") == 1
