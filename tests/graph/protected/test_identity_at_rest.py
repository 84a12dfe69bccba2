"""Identities in Neo4j: never plaintext, duplicates found by blind index, erased by destroying the key."""

from __future__ import annotations

from api.graphql.relay import from_global_id
from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from tests.graph.protected import repository as db
from tests.support.graphql import ok, run

CREATE_ORG = "mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }"
REGISTER = "mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { id } }"
READ = "query($id: ID!, $r: String!) { victimIdentity(victimId: $id, reason: $r) { fullName documentNumber phone } }"
MATCHES = "query($id: ID!) { identityMatches(victimId: $id) { alias matchedOn } }"
ERASE = "mutation($id: ID!, $r: String!) { eraseVictimIdentity(victimId: $id, reason: $r) }"

SECRET_VALUES = ["Amina Ben Salah", "X1234567", "98 765 432", "Rue de la Liberté 12, Sfax"]


async def _coordinator(graph: Graph, settings: Settings) -> Scope:
    admin = Scope(user_id="admin", role=Role.ADMIN, organization_id=None)
    data = await ok(graph, settings, CREATE_ORG, {"input": {"code": "INLTP", "name": "Instance", "kind":
                                                            "NATIONAL_AUTHORITY", "governorate": "TN-11"}},
                    scope=admin)

    return Scope(user_id="coord", role=Role.COORDINATOR, organization_id=from_global_id(
        data["createOrganization"]["id"])[1])


async def _register(graph: Graph, settings: Settings, scope: Scope, alias: str, **identity: str) -> str:
    data = await ok(graph, settings, REGISTER, {"input": {"alias": alias, "identity": identity}}, scope=scope)
    return str(data["registerVictim"]["id"])


async def test_no_identity_value_is_stored_in_plaintext(graph: Graph, settings: Settings) -> None:
    coordinator = await _coordinator(graph, settings)
    victim = await _register(graph, settings, coordinator, "V-01", fullName=SECRET_VALUES[0],
                             documentNumber=SECRET_VALUES[1], phone=SECRET_VALUES[2], address=SECRET_VALUES[3])
    dump = repr(await db.everything(graph))
    for value in SECRET_VALUES:
        assert value not in dump
    assert "98765432" not in dump
    read = await ok(graph, settings, READ, {"id": victim, "r": "identification interview"}, scope=coordinator)
    assert read["victimIdentity"] == {"fullName": SECRET_VALUES[0], "documentNumber": SECRET_VALUES[1],
                                      "phone": SECRET_VALUES[2]}


async def test_duplicates_are_found_without_plaintext(graph: Graph, settings: Settings) -> None:
    coordinator = await _coordinator(graph, settings)
    first = await _register(graph, settings, coordinator, "V-01", fullName="Amina Ben Salah", phone="+216 98 765 432")
    await _register(graph, settings, coordinator, "V-02", fullName="AMINA  ben-salah")
    await _register(graph, settings, coordinator, "V-03", phone="98765432")
    await _register(graph, settings, coordinator, "V-04", fullName="Someone Else")
    matches = (await ok(graph, settings, MATCHES, {"id": first}, scope=coordinator))["identityMatches"]
    assert sorted((m["alias"], tuple(m["matchedOn"])) for m in matches) == [("V-02", ("name",)),
                                                                             ("V-03", ("phone",))]
    worker = Scope(user_id="w", role=Role.CASE_WORKER, organization_id=coordinator.organization_id)
    assert (await run(graph, settings, MATCHES, {"id": first}, scope=worker)).codes == ["FORBIDDEN"]


async def test_erasing_destroys_the_key_and_the_identity_never_opens_again(graph: Graph, settings: Settings) -> None:
    coordinator = await _coordinator(graph, settings)
    victim = await _register(graph, settings, coordinator, "V-01", fullName="Amina Ben Salah")
    assert len(await db.data_keys(graph)) == 1
    short = await run(graph, settings, ERASE, {"id": victim, "r": "x"}, scope=coordinator)
    assert short.codes == ["BAD_USER_INPUT"]
    await ok(graph, settings, ERASE, {"id": victim, "r": "retention period over"}, scope=coordinator)
    assert await db.data_keys(graph) == []
    read = await ok(graph, settings, READ, {"id": victim, "r": "audit check"}, scope=coordinator)
    assert read["victimIdentity"] == {"fullName": None, "documentNumber": None, "phone": None}
