"""The audit log: what is recorded, what never is, and that any tampering is found at the right sequence number."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from api.audit import log as audit
from api.audit import refusals
from api.audit.chain import GENESIS, chain_hash, verify
from api.cli import main
from api.graphql.relay import from_global_id, to_global_id
from api.protection import protection_for
from api.settings import Settings, get_settings
from graph.access.scope import ANONYMOUS, Role, Scope
from graph.audit import repository as audit_repository
from graph.db import Graph
from tests.security.audit import repository as db
from tests.support.graphql import ok, run

ADMIN = Scope(user_id="admin-1", role=Role.ADMIN, organization_id=None)
CREATE_ORG = "mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }"
REGISTER = "mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { id } }"
READ_IDENTITY = "query($id: ID!, $r: String!) { victimIdentity(victimId: $id, reason: $r) { fullName phone } }"
VICTIM = "query($id: ID!) { victim(id: $id) { alias } }"
CASES = "{ cases { totalCount } }"
SUBMIT = ("mutation($input: SubmitReportInput!) { submitReport(input: $input) { reference receipt reportId } }")
REPORT = "query($id: ID!) { report(id: $id) { narrative reporterContact } }"
DOCUMENT = "query($id: ID!) { transmissionDocument(id: $id) { contentHash } }"

IDENTITY = {"fullName": "Amina Ben Salah", "documentNumber": "X1234567", "phone": "98 765 432",
            "address": "Rue de la Liberté 12, Sfax"}
NARRATIVE = "Three girls kept in a house near the port of Sfax, made to work without pay."
CONTACT = "+216 22 333 444"


async def _organization(graph: Graph, settings: Settings, code: str = "INLTP") -> str:
    data = await ok(graph, settings, CREATE_ORG, {"input": {"code": code, "name": "Instance", "kind":
                                                            "NATIONAL_AUTHORITY", "governorate": "TN-11"}},
                    scope=ADMIN)
    return from_global_id(data["createOrganization"]["id"])[1]


async def _events(graph: Graph, action: str) -> list[dict[str, Any]]:
    return await audit_repository.events_of_action(graph, action)


def _report_input(channel: str) -> dict[str, Any]:
    return {"channel": channel, "narrative": NARRATIVE, "governorate": "TN-61", "reporterContact": CONTACT}


# ------------------------------------------------------------------------------------------ what is recorded


async def test_every_mutation_is_recorded_with_actor_targets_and_outcome(graph: Graph, settings: Settings) -> None:
    created = await ok(graph, settings, CREATE_ORG, {"input": {"code": "INLTP", "name": "Instance",
                                                               "kind": "NATIONAL_AUTHORITY", "governorate": "TN-11"}},
                       scope=ADMIN)
    again = await run(graph, settings, CREATE_ORG, {"input": {"code": "INLTP", "name": "Twice",
                                                              "kind": "NGO", "governorate": "TN-11"}}, scope=ADMIN)
    bad = await run(graph, settings, CREATE_ORG, {"input": {"code": "no good", "name": "Bad",
                                                            "kind": "NGO", "governorate": "TN-11"}}, scope=ADMIN)
    assert again.codes == ["CONFLICT"] and bad.codes == ["BAD_USER_INPUT"]

    events = await _events(graph, "createOrganization")
    assert [e["outcome"] for e in events] == ["OK", "ERROR:CONFLICT", "ERROR:BAD_USER_INPUT"]
    first = events[0]
    assert (first["actorId"], first["role"], first["target"]) == ("admin-1", "ADMIN",
                                                                  [created["createOrganization"]["id"]])
    assert [e["seq"] for e in events] == [1, 2, 3]
    assert events[1]["prevHash"] == first["hash"] and first["prevHash"] == GENESIS
    assert (await verify(graph)).ok


async def test_refusals_are_recorded_from_the_matrix_and_from_the_rules(graph: Graph, settings: Settings) -> None:
    refusals.TALLY.take()  # what earlier tests counted
    org = await _organization(graph, settings)
    victim_id = to_global_id("Victim", str(uuid.uuid4()))
    analyst = Scope(user_id="analyst-1", role=Role.ANALYST, organization_id=org)
    assert (await run(graph, settings, VICTIM, {"id": victim_id}, scope=analyst)).codes == ["FORBIDDEN"]
    assert (await run(graph, settings, CASES)).codes == ["UNAUTHENTICATED"]
    # The matrix lets a case worker submit reports; the rules keep the hotline channel for the authority.
    worker = Scope(user_id="worker-1", role=Role.CASE_WORKER, organization_id=org)
    hotline = await run(graph, settings, SUBMIT, {"input": _report_input("HOTLINE")}, scope=worker)
    assert hotline.codes == ["FORBIDDEN"]

    [refused] = await _events(graph, "victim")
    assert {k: refused[k] for k in ("actorId", "role", "organizationId", "outcome", "target")} == {
        "actorId": "analyst-1", "role": "ANALYST", "organizationId": org, "outcome": "DENIED:FORBIDDEN",
        "target": [victim_id]}
    # An anonymous refusal is counted, then written with the others as one event (api/audit/refusals.py).
    assert await _events(graph, "cases") == []
    await refusals.flush(graph)
    [anonymous] = await _events(graph, refusals.ACTION)
    assert anonymous["outcome"] == "DENIED:UNAUTHENTICATED" and anonymous.get("actorId") is None
    assert "cases=1" in anonymous["target"]
    [by_rules] = await _events(graph, "submitReport")
    assert by_rules["outcome"] == "DENIED:FORBIDDEN" and by_rules["actorId"] == "worker-1"
    assert (await verify(graph)).ok


async def test_identity_reads_are_recorded_with_the_reason_and_never_a_personal_value(
        graph: Graph, settings: Settings) -> None:
    org = await _organization(graph, settings)
    coordinator = Scope(user_id="coord-1", role=Role.COORDINATOR, organization_id=org)
    registered = await ok(graph, settings, REGISTER, {"input": {"alias": "V-01", "identity": IDENTITY}},
                          scope=coordinator)
    victim_id = registered["registerVictim"]["id"]
    read = await ok(graph, settings, READ_IDENTITY, {"id": victim_id, "r": "court hearing preparation"},
                    scope=coordinator)
    assert read["victimIdentity"]["fullName"] == IDENTITY["fullName"]
    short = await run(graph, settings, READ_IDENTITY, {"id": victim_id, "r": "x"}, scope=coordinator)
    assert short.codes == ["BAD_USER_INPUT"]

    submitted = await ok(graph, settings, SUBMIT, {"input": _report_input("HOTLINE")}, scope=coordinator)
    report_id = submitted["submitReport"]["reportId"]
    opened = await ok(graph, settings, REPORT, {"id": report_id}, scope=coordinator)
    assert opened["report"]["narrative"] == NARRATIVE
    missing = await run(graph, settings, DOCUMENT, {"id": to_global_id("Transmission", str(uuid.uuid4()))},
                        scope=coordinator)
    assert missing.codes == ["NOT_FOUND"]

    identity_reads = await _events(graph, "victimIdentity")
    assert [(e["outcome"], e["reason"], e["target"]) for e in identity_reads] == [
        ("OK", "court hearing preparation", [victim_id]), ("ERROR:BAD_USER_INPUT", "x", [victim_id])]
    assert identity_reads[0]["actorId"] == "coord-1" and identity_reads[0]["organizationId"] == org
    [report_read] = await _events(graph, "report")
    assert (report_read["outcome"], report_read["target"]) == ("OK", [report_id])
    [document_read] = await _events(graph, "transmissionDocument")
    assert document_read["outcome"] == "ERROR:NOT_FOUND"

    everything = repr(await db.all_events(graph))
    for secret in [*IDENTITY.values(), NARRATIVE, CONTACT, "Amina", "98765432"]:
        assert secret not in everything
    assert (await verify(graph)).ok


async def test_the_public_reporter_is_recorded_as_nobody_and_refusals_carry_the_request_id(
        graph: Graph, settings: Settings, client: httpx.AsyncClient) -> None:
    protection_for(settings.state_dir).intake.reset()
    response = await client.post("/graphql", json={"query": SUBMIT, "variables": {"input": _report_input("PUBLIC")}},
                                 headers={"X-Request-ID": "req-public-0001"})
    receipt = response.json()["data"]["submitReport"]["receipt"]
    assert receipt
    refused = await client.post("/graphql", json={"query": CASES}, headers={"X-Request-ID": "req-anon-0002"})
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    [public] = await _events(graph, "submitReport")
    assert public["outcome"] == "OK"
    assert all(public.get(key) is None for key in ("actorId", "role", "organizationId", "requestId", "reason"))
    assert public["target"] == []
    assert await _events(graph, "cases") == []  # counted, not recorded one by one
    everything = repr(await db.all_events(graph))
    assert receipt not in everything and NARRATIVE not in everything and CONTACT not in everything
    # A signed-in user reporting through the public channel is nobody too.
    org = await _organization(graph, settings)
    worker = Scope(user_id="worker-1", role=Role.CASE_WORKER, organization_id=org)
    protection_for(settings.state_dir).intake.reset()
    await ok(graph, settings, SUBMIT, {"input": _report_input("PUBLIC")}, scope=worker)
    assert all(e.get("actorId") is None for e in await _events(graph, "submitReport"))


async def test_a_case_list_read_is_one_entry_and_reference_data_none(graph: Graph, settings: Settings) -> None:
    """Every read of case data is recorded (issue 13), a list as one entry; public reference data is not."""
    org = await _organization(graph, settings)
    coordinator = Scope(user_id="coord-1", role=Role.COORDINATOR, organization_id=org)
    before = len(await db.all_events(graph))
    await ok(graph, settings, CASES, scope=coordinator)
    await ok(graph, settings, "{ governorates { code } }")
    added = (await db.all_events(graph))[before:]
    assert [(event["actorId"], event["reason"]) for event in added] == [("coord-1", "read:CASE")]


# --------------------------------------------------------------------------------------------- tampering


async def _chain(graph: Graph, length: int) -> list[dict[str, Any]]:
    for i in range(length):
        await audit.append(graph, audit.AuditEntry.of(ADMIN, f"action{i}", audit.OK, target=[f"id-{i}"]))
    events = await db.all_events(graph)
    assert [e["seq"] for e in events] == list(range(1, length + 1))
    return events


async def _edit_field(graph: Graph, events: list[dict[str, Any]]) -> int:
    await db.set_event_properties(graph, 4, {"outcome": "DENIED:FORBIDDEN"})
    return 4


async def _edit_and_rehash(graph: Graph, events: list[dict[str, Any]]) -> int:
    forged = {**events[3], "actorId": "someone-else"}
    await db.set_event_properties(graph, 4, {"actorId": "someone-else", "hash": chain_hash(forged)})
    return 5  # the event itself now checks out, but the next one no longer follows it


async def _delete_middle(graph: Graph, events: list[dict[str, Any]]) -> int:
    await db.delete_event(graph, 5)
    return 5


async def _change_prev_hash(graph: Graph, events: list[dict[str, Any]]) -> int:
    await db.set_event_properties(graph, 6, {"prevHash": "f" * 64})
    return 6


async def _reorder(graph: Graph, events: list[dict[str, Any]]) -> int:
    await db.set_event_properties(graph, 3, {"seq": -3})
    await db.set_event_properties(graph, 7, {"seq": 3})
    await db.set_event_properties(graph, -3, {"seq": 7})
    return 3


async def _delete_last(graph: Graph, events: list[dict[str, Any]]) -> int:
    await db.delete_event(graph, 10)
    return 10


async def _add_property(graph: Graph, events: list[dict[str, Any]]) -> int:
    await db.set_event_properties(graph, 2, {"note": "added later"})
    return 2


TAMPERING = [_edit_field, _edit_and_rehash, _delete_middle, _change_prev_hash, _reorder, _delete_last, _add_property]


@pytest.mark.parametrize("tamper", TAMPERING, ids=[t.__name__.strip("_") for t in TAMPERING])
async def test_tampering_is_found_at_the_right_sequence_number(graph: Graph, tamper: Any) -> None:
    events = await _chain(graph, 10)
    intact = await verify(graph, batch=3)
    assert intact.ok and intact.checked == 10 and intact.head_hash == events[-1]["hash"]
    expected = await tamper(graph, events)
    found = await verify(graph, batch=3)
    assert not found.ok
    assert found.broken_seq == expected, found.describe()


async def test_twenty_concurrent_appends_keep_one_valid_chain(graph: Graph) -> None:
    entries = [audit.AuditEntry.of(ADMIN, "concurrent", audit.OK, target=[str(i)]) for i in range(20)]
    # In one process, and from twenty "processes" that each know nothing of the others' appends.
    seqs = await asyncio.gather(*(audit.append(graph, entry) for entry in entries))
    strangers = [Graph(graph.driver, graph.database) for _ in entries]
    seqs += await asyncio.gather(*(audit.append(g, entry) for g, entry in zip(strangers, entries, strict=True)))
    assert sorted(seqs) == list(range(1, 41))
    events = await db.all_events(graph)
    assert [e["seq"] for e in events] == list(range(1, 41))
    assert sorted(e["target"][0] for e in events) == sorted([str(i) for i in range(20)] * 2)
    result = await verify(graph, batch=7)
    assert result.ok and result.checked == 40, result.describe()


async def test_audit_verify_command_reports_ok_or_the_first_broken_seq(graph: Graph, settings: Settings,
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path) -> None:
    assert settings.neo4j_uri and settings.neo4j_password
    monkeypatch.setenv("HIMAYA_ENVIRONMENT", "test")
    monkeypatch.setenv("HIMAYA_NEO4J_URI", settings.neo4j_uri)
    monkeypatch.setenv("HIMAYA_NEO4J_PASSWORD", settings.neo4j_password.get_secret_value())
    monkeypatch.setenv("HIMAYA_STATE_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        events = await _chain(graph, 5)
        good = await asyncio.to_thread(CliRunner().invoke, main, ["audit", "verify", "--batch", "2"])
        assert good.exit_code == 0, good.output
        assert "OK: 5 event(s)" in good.output and events[-1]["hash"] in good.output
        await db.set_event_properties(graph, 3, {"target": ["forged"]})
        broken = await asyncio.to_thread(CliRunner().invoke, main, ["audit", "verify"])
        assert broken.exit_code == 1
        assert "BROKEN at seq 3" in broken.output
    finally:
        get_settings.cache_clear()


async def test_an_empty_log_verifies(graph: Graph) -> None:
    result = await verify(graph)
    assert result.ok and result.checked == 0 and result.head_hash == GENESIS
    assert ANONYMOUS.user_id is None
