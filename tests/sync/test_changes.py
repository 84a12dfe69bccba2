"""Delta sync: complete paging, scope, tombstones after a transfer, and a week offline."""

from __future__ import annotations

import uuid

from api.common import cursors
from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from tests.api.casework import repository as casework_db
from tests.api.casework.support import gid
from tests.contracts.support import Apps, apps, done, execute
from tests.support.consent import consent_to_refer
from tests.support.graphql import ok, run
from tests.sync import repository as db
from tests.sync.support import ids, pull, tombstones

TRANSFER = """
mutation($c: ID!, $to: String!, $v: Int) {
  transferCase(caseId: $c, organizationCode: $to, expectedVersion: $v) { id version owner { code } }
}
"""
STATUS = """
mutation($input: ChangeCaseStatusInput!) { changeCaseStatus(input: $input) { id status version } }
"""
CAPACITY = """
mutation($s: ID!, $n: Int!, $v: Int) {
  updateServiceCapacity(serviceId: $s, available: $n, expectedVersion: $v) { id version capacity { available } }
}
"""
CASE = "query($id: ID!) { case(id: $id) { id } }"
PENDING_TRANSFERS = "{ pendingApprovals(kind: TRANSFER) { id caseReference } }"
RESPOND_TRANSFER = """
mutation($r: ID!, $a: Boolean!) { respondToTransfer(requestId: $r, accept: $a) { id status } }
"""


async def accept_transfer(graph: Graph, settings: Settings, receiver: Scope, case: str) -> None:
    """The receiving organisation accepts the transfer it was asked for (the only one pending for it)."""
    [pending] = (await ok(graph, settings, PENDING_TRANSFERS, scope=receiver))["pendingApprovals"]
    answer = await ok(graph, settings, RESPOND_TRANSFER, {"r": pending["id"], "a": True}, scope=receiver)
    assert answer["respondToTransfer"]["status"] == "APPROVED"


async def _case(graph: Graph, settings: Settings, scope: Scope, alias: str = "Amal") -> tuple[str, str]:
    victim = (await done(graph, settings, "RegisterVictim", {"input": {"alias": alias}}, scope=scope))[
        "registerVictim"]["id"]
    case = (await done(graph, settings, "OpenCase", {"input": {"victimId": victim, "governorate": "TN-11"}},
                       scope=scope))["openCase"]["id"]
    return victim, case


async def _other_org(graph: Graph) -> Scope:
    org = await casework_db.create_organization(graph, "NGO-SFAX", "TN-61")
    user = await casework_db.create_user(graph, org, "worker-b", "CASE_WORKER")
    return Scope(user_id=user, role=Role.CASE_WORKER, organization_id=org)


async def test_paging_through_255_changes_misses_and_repeats_nothing(graph: Graph, settings: Settings) -> None:
    world = await apps(graph, settings)
    same_instant = await db.many_victims(graph, world.org_id, 250)  # one updatedAt: paging relies on the ids
    later = [(await done(graph, settings, "RegisterVictim", {"input": {"alias": f"L{n}"}}, scope=world.worker))[
        "registerVictim"]["id"] for n in range(5)]

    pages, cursor = await pull(graph, settings, world.worker, types=["VICTIM"], first=100)
    assert [len(page["victims"]) for page in pages] == [100, 100, 55]
    assert [page["hasMore"] for page in pages] == [True, True, False]
    seen = ids(pages, "victims")
    assert len(seen) == len(set(seen)) == 255
    assert set(seen) == {gid("Victim", v) for v in same_instant} | set(later)
    assert seen[-5:] == later  # oldest first

    # Nothing new: an empty page, and the cursor stays where it was.
    again, same_cursor = await pull(graph, settings, world.worker, cursor, types=["VICTIM"])
    assert ids(again, "victims") == [] and same_cursor == cursor


async def test_nothing_outside_the_callers_scope_is_returned(graph: Graph, settings: Settings) -> None:
    world = await apps(graph, settings)
    other = await _other_org(graph)
    service = await casework_db.create_service(graph, world.provider_id, name="Shelter")
    _, mine = await _case(graph, settings, world.worker)
    _, theirs = await _case(graph, settings, other, "Salma")
    for scope, case in [(world.worker, mine), (other, theirs)]:
        await consent_to_refer(graph, settings, scope, case, service)
        await done(graph, settings, "CreateReferral", {"input": {"caseId": case, "serviceId": gid("Service", service)}},
                   scope=scope)

    pages, _ = await pull(graph, settings, world.worker)
    assert ids(pages, "cases") == [mine]
    assert len(ids(pages, "victims")) == 1 and len(ids(pages, "referrals")) == 1
    assert gid("Service", service) in ids(pages, "services")
    assert tombstones(pages) == []

    # The provider sees both referrals to its service, but no case and no victim.
    partner_pages, _ = await pull(graph, settings, world.partner)
    assert len(ids(partner_pages, "referrals")) == 2
    assert ids(partner_pages, "cases") == [] and ids(partner_pages, "victims") == []

    # A court officer or an analyst gets network data only, and may not ask for more.
    analyst = Scope(user_id="analyst", role=Role.ANALYST, organization_id=world.org_id)
    refused = await execute(graph, settings, "SyncChanges", {"types": ["CASE"]}, scope=analyst)
    assert refused.codes == ["FORBIDDEN"]
    anonymous = await run(graph, settings, "{ changes { hasMore } }")
    assert anonymous.codes == ["UNAUTHENTICATED"]


async def test_bad_cursors_and_page_sizes_are_refused(graph: Graph, settings: Settings) -> None:
    world = await apps(graph, settings)
    for since in ["not-a-cursor", "WyJzMSIsICJ4IiwgImEiXQ", "eyJ4IjogMX0", cursors.encode("s2", "1", "a"),
                  cursors.encode("s2", 10**30, "a"), cursors.encode("s2", -5, "a")]:
        result = await execute(graph, settings, "SyncChanges", {"since": since}, scope=world.worker)
        assert result.codes == ["BAD_USER_INPUT"], since
        assert "full synchronisation" in result.errors[0]["message"]
    for first in [0, 101]:
        result = await execute(graph, settings, "SyncChanges", {"first": first}, scope=world.worker)
        assert result.codes == ["BAD_USER_INPUT"]


async def test_a_transfer_leaves_tombstones_for_the_old_owner(graph: Graph, settings: Settings) -> None:
    world = await apps(graph, settings)
    other = await _other_org(graph)
    service = await casework_db.create_service(graph, world.provider_id, name="Shelter")
    victim, case = await _case(graph, settings, world.worker)
    await consent_to_refer(graph, settings, world.worker, case, service)
    referral = (await done(graph, settings, "CreateReferral", {"input": {
        "caseId": case, "serviceId": gid("Service", service)}}, scope=world.worker))["createReferral"]["id"]
    _, before = await pull(graph, settings, world.worker)
    _, partner_before = await pull(graph, settings, world.partner)
    _, receiver_before = await pull(graph, settings, other)

    asked = (await ok(graph, settings, TRANSFER, {"c": case, "to": "NGO-SFAX", "v": 1}, scope=world.worker))[
        "transferCase"]
    assert asked["owner"]["code"] == "NGO-TUNIS"  # nothing moves before the receiving organisation accepts
    await accept_transfer(graph, settings, other, case)
    moved = (await ok(graph, settings, "query($id: ID!) { case(id: $id) { version owner { code } } }",
                      {"id": case}, scope=other))["case"]
    assert moved["owner"]["code"] == "NGO-SFAX" and moved["version"] == 2

    pages, _ = await pull(graph, settings, world.worker, before)
    assert sorted(tombstones(pages)) == sorted([("CASE", case), ("VICTIM", victim), ("REFERRAL", referral)])
    assert ids(pages, "cases") == [] and ids(pages, "victims") == [] and ids(pages, "referrals") == []
    assert (await ok(graph, settings, CASE, {"id": case}, scope=world.worker))["case"] is None

    # The new owner's device, already in sync before, receives the case with its victim and referral in its
    # next delta; the provider keeps its referral.
    theirs, _ = await pull(graph, settings, other, receiver_before)
    assert ids(theirs, "cases") == [case] and ids(theirs, "victims") == [victim]
    assert ids(theirs, "referrals") == [referral] and tombstones(theirs) == []
    partner_pages, _ = await pull(graph, settings, world.partner, partner_before)
    assert ids(partner_pages, "referrals") == [referral] and tombstones(partner_pages) == []
    assert {(t["type"], t["org"]) for t in await db.tombstones(graph)} == {
        ("CASE", world.org_id), ("VICTIM", world.org_id), ("REFERRAL", world.org_id)}


async def test_bad_transfers_are_refused_and_change_nothing(graph: Graph, settings: Settings) -> None:
    world = await apps(graph, settings)
    other = await _other_org(graph)
    _, case = await _case(graph, settings, world.worker)
    unknown = await run(graph, settings, TRANSFER, {"c": case, "to": "NO-SUCH-ORG"}, scope=world.worker)
    assert unknown.codes == ["NOT_FOUND"]
    same = await run(graph, settings, TRANSFER, {"c": case, "to": "NGO-TUNIS"}, scope=world.worker)
    assert same.codes == ["CONFLICT"]
    stale = await run(graph, settings, TRANSFER, {"c": case, "to": "NGO-SFAX", "v": 7}, scope=world.worker)
    assert stale.codes == ["CONFLICT"] and stale.errors[0]["extensions"]["current"]["version"] == 1
    not_theirs = await run(graph, settings, TRANSFER, {"c": case, "to": "NGO-SFAX"}, scope=other)
    assert not_theirs.codes == ["NOT_FOUND"]
    partner = await run(graph, settings, TRANSFER, {"c": case, "to": "NGO-SFAX"}, scope=world.partner)
    assert partner.codes == ["FORBIDDEN"]
    assert await db.tombstones(graph) == []
    assert (await ok(graph, settings, CASE, {"id": case}, scope=world.worker))["case"] == {"id": case}


async def test_a_week_offline_then_one_sync_brings_every_change(graph: Graph, settings: Settings) -> None:
    world: Apps = await apps(graph, settings)
    sfax = await _other_org(graph)
    service = await casework_db.create_service(graph, world.provider_id, name="Shelter", capacityAvailable=4)
    untouched_victim, untouched = await _case(graph, settings, world.worker, "Untouched")
    victim, case = await _case(graph, settings, world.worker, "Amal")
    leaving_victim, leaving = await _case(graph, settings, world.worker, "Leaving")
    _, cursor = await pull(graph, settings, world.worker)  # the phone goes offline

    # The week, seen from the server: others work on the caller's records and the network.
    await ok(graph, settings, STATUS, {"input": {"caseId": case, "status": "PRESUMED", "expectedVersion": 1}},
             scope=world.coordinator)
    new_victim, new_case = await _case(graph, settings, world.coordinator, "Opened by the authority")
    await consent_to_refer(graph, settings, world.coordinator, case, service)
    referral = (await done(graph, settings, "CreateReferral", {"input": {
        "caseId": case, "serviceId": gid("Service", service), "clientId": str(uuid.uuid4())}},
        scope=world.coordinator))["createReferral"]["id"]
    await done(graph, settings, "RespondToReferral", {"input": {"referralId": referral, "accept": True}},
               scope=world.partner)
    await ok(graph, settings, TRANSFER, {"c": leaving, "to": "NGO-SFAX"}, scope=world.coordinator)
    await accept_transfer(graph, settings, sfax, leaving)

    pages, _ = await pull(graph, settings, world.worker, cursor, first=2)  # small pages, as on a bad network
    assert len(pages) > 1
    synced_cases = ids(pages, "cases")
    assert synced_cases == [case]  # the authority's new case belongs to its own organisation
    assert new_case not in synced_cases and new_victim not in ids(pages, "victims")
    latest = [c for page in pages for c in page["cases"]][-1]
    assert latest["status"] == "PRESUMED" and latest["version"] == 2
    assert ids(pages, "referrals") == [referral]
    assert [r["status"] for page in pages for r in page["referrals"]] == ["ACCEPTED"]
    assert gid("Service", service) in ids(pages, "services")  # capacity went down by one
    assert sorted(tombstones(pages)) == sorted([("CASE", leaving), ("VICTIM", leaving_victim)])
    assert untouched not in synced_cases and untouched_victim not in ids(pages, "victims")
    assert victim not in ids(pages, "victims")  # the victim record itself did not change


async def test_stale_versions_are_conflicts_with_the_current_state(graph: Graph, settings: Settings) -> None:
    world = await apps(graph, settings)
    service = await casework_db.create_service(graph, world.provider_id, name="Shelter", capacityAvailable=4)
    _, case = await _case(graph, settings, world.worker)
    await ok(graph, settings, STATUS, {"input": {"caseId": case, "status": "PRESUMED", "expectedVersion": 1}},
             scope=world.worker)
    stale = await run(graph, settings, STATUS, {"input": {"caseId": case, "status": "CLOSED", "reason": "done",
                                                          "expectedVersion": 1}}, scope=world.worker)
    assert stale.codes == ["CONFLICT"]
    current = stale.errors[0]["extensions"]["current"]
    assert current["__typename"] == "Case" and current["id"] == case
    assert current["status"] == "PRESUMED" and current["version"] == 2
    assert "version 2, expected 1" in stale.errors[0]["message"]
    unchanged = (await done(graph, settings, "MyCaseload", {}, scope=world.worker))["cases"]["edges"][0]["node"]
    assert unchanged["status"] == "PRESUMED" and unchanged["version"] == 2

    service_gid = gid("Service", service)
    ok_update = await ok(graph, settings, CAPACITY, {"s": service_gid, "n": 3, "v": 1}, scope=world.partner)
    assert ok_update["updateServiceCapacity"]["version"] == 2
    stale_capacity = await run(graph, settings, CAPACITY, {"s": service_gid, "n": 0, "v": 1}, scope=world.partner)
    assert stale_capacity.codes == ["CONFLICT"]
    assert stale_capacity.errors[0]["extensions"]["current"]["capacityAvailable"] == 3
    assert await casework_db.capacity(graph, service) == 3
    # Without expectedVersion the last write wins, as before.
    assert (await ok(graph, settings, CAPACITY, {"s": service_gid, "n": 1}, scope=world.partner))[
        "updateServiceCapacity"]["capacity"]["available"] == 1


LEGACY_PULL = """
query($since: String) { changes(since: $since, types: [VICTIM]) { victims { id } tombstones { id } nextCursor
  hasMore fullResync } }
"""


async def test_a_cursor_of_the_old_format_restarts_the_sync_from_the_beginning(graph: Graph,
                                                                               settings: Settings) -> None:
    world = await apps(graph, settings)
    victim, _ = await _case(graph, settings, world.worker)
    # What a device that synced with the updatedAt-ordered server holds: ["s1", millis, id].
    old_cursor = cursors.encode("s1", 4102444800000, "ffffffff-ffff-ffff-ffff-ffffffffffff")
    restarted = (await ok(graph, settings, LEGACY_PULL, {"since": old_cursor}, scope=world.worker))["changes"]
    assert restarted["fullResync"] is True
    assert [v["id"] for v in restarted["victims"]] == [victim]  # everything again, although "after" 2100
    assert restarted["hasMore"] is False
    # The cursor handed back is of the new format: the next pull is an ordinary, empty delta.
    again = (await ok(graph, settings, LEGACY_PULL, {"since": restarted["nextCursor"]}, scope=world.worker))[
        "changes"]
    assert again["fullResync"] is False and again["victims"] == []
    assert again["nextCursor"] == restarted["nextCursor"]
