"""Every read of case data is audited (one entry per request, with the ids), the trail is searchable by the data
protection officer, and accounts are administered through the API with one-time enrolment links."""

from __future__ import annotations

import uuid

from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph, count_round_trips
from tests.api.casework import repository as casework_db
from tests.api.casework.support import gid, open_case_for, world
from tests.api.consent import repository as db
from tests.support.graphql import ok, run

TRAIL = """
query($actor: ID, $subject: ID, $action: String, $first: Int, $after: String) {
  auditTrail(actorId: $actor, subjectId: $subject, action: $action, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { seq action outcome actorId actorUsername role targets dataClasses }
  }
}
"""
CASELOAD = "{ cases(first: 10) { nodes { id victim { id alias } } } }"
CREATE_ACCOUNT = """
mutation($input: CreateAccountInput!) { createAccount(input: $input) { url token user { id username disabled } } }
"""
ENROL = """
mutation($t: String!, $p: String!) { completeEnrolment(token: $t, password: $p) { username role otpauthUri } }
"""
PASSWORD = "a long and unguessable passphrase 42"


async def test_reads_are_audited_once_per_request_with_their_ids(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    _, first_case = await open_case_for(graph, settings, w.worker_a)
    _, second_case = await open_case_for(graph, settings, w.worker_a)
    async with count_round_trips() as trips:
        page = (await ok(graph, settings, CASELOAD, scope=w.worker_a))["cases"]["nodes"]
    assert len([q for q in trips.queries if "AuditHead" in q]) == 1
    dpo = Scope(user_id=str(uuid.uuid4()), role=Role.DATA_PROTECTION_OFFICER, organization_id=None)
    trail = (await ok(graph, settings, TRAIL, {"action": "cases", "actor": gid("User", w.worker_a_user)},
                      scope=dpo))["auditTrail"]["nodes"]
    [entry] = trail
    assert entry["actorId"] == gid("User", w.worker_a_user) and entry["role"] == "CASE_WORKER"
    assert entry["actorUsername"] == "worker-a"  # who, readable by the audit trail's reader
    assert entry["dataClasses"] == ["CASE", "VICTIM"]
    assert set(entry["targets"]) == {first_case, second_case} | {n["victim"]["id"] for n in page}

    await ok(graph, settings, "query($id: ID!) { case(id: $id) { id } }", {"id": first_case}, scope=w.worker_b)
    by_subject = (await ok(graph, settings, TRAIL, {"subject": first_case}, scope=dpo))["auditTrail"]["nodes"]
    # Newest first. The other organisation's read returned nothing and is still recorded with the id it asked for.
    assert [n["action"] for n in by_subject] == ["case", "cases", "openCase"]
    assert by_subject[0]["targets"] == [first_case]
    assert by_subject[0]["actorId"] == gid("User", str(w.worker_b.user_id))

    paged = (await ok(graph, settings, TRAIL, {"first": 1}, scope=dpo))["auditTrail"]
    older = (await ok(graph, settings, TRAIL, {"first": 1, "after": paged["pageInfo"]["endCursor"]},
                      scope=dpo))["auditTrail"]
    assert older["nodes"][0]["seq"] < paged["nodes"][0]["seq"]


async def test_only_admin_and_the_data_protection_officer_read_the_trail(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    for scope in (w.worker_a, w.coordinator, w.analyst):
        refused = await run(graph, settings, TRAIL, scope=scope)
        assert refused.codes == ["FORBIDDEN"] and refused.data is None
    admin = Scope(user_id="u-admin", role=Role.ADMIN, organization_id=w.org_a)
    assert (await ok(graph, settings, TRAIL, scope=admin))["auditTrail"]["nodes"]
    bad = await run(graph, settings, TRAIL, {"after": "not-a-cursor"}, scope=admin)
    assert bad.codes == ["BAD_USER_INPUT"]


async def test_me_and_members(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    me = (await ok(graph, settings, "{ me { user { id username role organizationAdmin } organization { code } "
                   "allowedMutations } }", scope=w.worker_a))["me"]
    assert me["user"] == {"id": gid("User", w.worker_a_user), "username": "worker-a", "role": "CASE_WORKER",
                          "organizationAdmin": False}
    assert me["organization"] == {"code": "ORG-A"}
    assert "createReferral" in me["allowedMutations"] and "decideIdentification" not in me["allowedMutations"]
    members = (await ok(graph, settings, "{ organizationMembers { id username } }", scope=w.worker_a))
    assert members["organizationMembers"] == [{"id": gid("User", w.worker_a_user), "username": "worker-a"}]
    elsewhere = await run(graph, settings, "query($o: ID) { organizationMembers(organizationId: $o) { id } }",
                          {"o": gid("Organization", w.org_b)}, scope=w.worker_a)
    assert elsewhere.codes == ["NOT_FOUND"]


async def test_accounts_enrol_once_through_a_link(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    admin = Scope(user_id="u-admin", role=Role.ADMIN, organization_id=w.org_a)
    created = (await ok(graph, settings, CREATE_ACCOUNT, {"input": {
        "username": "new.coordinator", "role": "COORDINATOR", "organizationCode": "INLTP"}},
        scope=admin))["createAccount"]
    assert created["user"]["disabled"] is True and created["url"].endswith(created["token"])
    # The link opens the console's enrolment page, the token in the fragment (never sent to a server's logs).
    assert created["url"] == f"{settings.public_base_url.rstrip('/')}/console/enrol#token={created['token']}"
    assert await db.enrolment_hashes(graph) != [created["token"]]  # only a hash is stored
    refused_login_state = await db.user_state(graph, "new.coordinator")
    assert refused_login_state == {"disabled": True, "hasPassword": False, "hasTotp": False}

    done = (await ok(graph, settings, ENROL, {"t": created["token"], "p": PASSWORD}))["completeEnrolment"]
    assert done["username"] == "new.coordinator" and done["otpauthUri"].startswith("otpauth://totp/")
    assert await db.user_state(graph, "new.coordinator") == {"disabled": False, "hasPassword": True, "hasTotp": True}
    reused = await run(graph, settings, ENROL, {"t": created["token"], "p": PASSWORD})
    assert reused.codes == ["BAD_USER_INPUT"]
    assert reused.messages == ["This enrolment link was already used: ask your administrator for a new one."]

    late = (await ok(graph, settings, CREATE_ACCOUNT, {"input": {
        "username": "late.worker", "role": "CASE_WORKER", "organizationCode": "ORG-A"}}, scope=admin))["createAccount"]
    await db.expire_enrolments(graph)
    expired = await run(graph, settings, ENROL, {"t": late["token"], "p": PASSWORD})
    assert expired.codes == ["BAD_USER_INPUT"]
    assert expired.messages == ["This enrolment link has expired: ask your administrator for a new one."]
    assert await db.user_state(graph, "late.worker") == {"disabled": True, "hasPassword": False, "hasTotp": False}
    forged = await run(graph, settings, ENROL, {"t": "forged-token", "p": PASSWORD})
    assert forged.codes == ["BAD_USER_INPUT"]


async def test_an_organisation_admin_manages_its_own_members_only(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    await db.make_organization_admin(graph, w.worker_a_user)
    mine = (await ok(graph, settings, CREATE_ACCOUNT, {"input": {
        "username": "field.two", "role": "CASE_WORKER", "organizationCode": "ORG-A"}},
        scope=w.worker_a))["createAccount"]
    theirs = await run(graph, settings, CREATE_ACCOUNT, {"input": {
        "username": "field.three", "role": "CASE_WORKER", "organizationCode": "ORG-B"}}, scope=w.worker_a)
    assert theirs.codes == ["FORBIDDEN"]
    national = await run(graph, settings, CREATE_ACCOUNT, {"input": {
        "username": "field.four", "role": "COORDINATOR", "organizationCode": "ORG-A"}}, scope=w.worker_a)
    assert national.codes == ["FORBIDDEN"]
    unknown_role = await run(graph, settings, CREATE_ACCOUNT, {"input": {
        "username": "field.five", "role": "SUPERUSER", "organizationCode": "ORG-A"}}, scope=w.worker_a)
    assert unknown_role.codes == ["BAD_USER_INPUT"] and "DATA_PROTECTION_OFFICER" in unknown_role.messages[0]
    plain = await run(graph, settings, CREATE_ACCOUNT, {"input": {
        "username": "field.six", "role": "CASE_WORKER", "organizationCode": "ORG-A"}}, scope=w.worker_b)
    assert plain.codes == ["FORBIDDEN"]  # not an organisation admin

    other_member = await casework_db.create_user(graph, w.org_b, "b-member", "CASE_WORKER")
    cross = await run(graph, settings, "mutation($u: ID!) { disableAccount(userId: $u) { id } }",
                      {"u": gid("User", other_member)}, scope=w.worker_a)
    assert cross.codes == ["FORBIDDEN"]
    reset = (await ok(graph, settings, "mutation($u: ID!) { resetTotp(userId: $u) { token user { disabled } } }",
                      {"u": mine["user"]["id"]}, scope=w.worker_a))["resetTotp"]
    assert reset["user"]["disabled"] is True
    stale = await run(graph, settings, ENROL, {"t": mine["token"], "p": PASSWORD})
    assert stale.codes == ["BAD_USER_INPUT"]  # the first link no longer works after a reset
    await ok(graph, settings, ENROL, {"t": reset["token"], "p": PASSWORD})
    disabled = (await ok(graph, settings, "mutation($u: ID!) { disableAccount(userId: $u) { disabled } }",
                         {"u": mine["user"]["id"]}, scope=w.worker_a))["disableAccount"]
    assert disabled == {"disabled": True}
