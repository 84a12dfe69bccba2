"""The CLI commands no other test ran, against the test Neo4j through click's runner, each checked by what it
printed and what it changed: migrate, seed reference, authz matrix, contracts export, keys rotate / rotate-jwt /
seal-plaintext, purge, audit search / export, report export, neo4j status. (serve and worker run for good: the
fault tests start serve as a process; backup/restore, user, audit verify/checkpoint and contracts check have
their own tests.)"""

from __future__ import annotations

import asyncio
import csv
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from api.audit import log as audit
from api.cli import main
from api.protection import protection_for
from api.settings import Settings, get_settings
from api.victims import rules as victim_rules
from graph.access.scope import Role
from graph.db import Graph
from graph.protected.sealer import Sealer
from tests.ops import repository as ops_repo
from tests.support import principals


@pytest.fixture
def cli_env(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The CLI's settings: the test Neo4j, and a state folder of its own (keys, checkpoints)."""
    assert settings.neo4j_uri and settings.neo4j_password
    monkeypatch.setenv("HIMAYA_ENVIRONMENT", "test")
    monkeypatch.setenv("HIMAYA_NEO4J_URI", settings.neo4j_uri)
    monkeypatch.setenv("HIMAYA_NEO4J_PASSWORD", settings.neo4j_password.get_secret_value())
    monkeypatch.setenv("HIMAYA_STATE_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


async def cli(*args: str) -> Result:
    result = await asyncio.to_thread(CliRunner().invoke, main, list(args))
    return result


async def test_migrate_and_seed_reference_on_a_current_graph_change_nothing(cli_env: Path, graph: Graph) -> None:
    before = await ops_repo.counts(graph)
    migrated = await cli("migrate")
    assert migrated.exit_code == 0, migrated.output
    assert re.fullmatch(r"schema up to date \(\d+ migrations already applied\)\n", migrated.output)
    seeded = await cli("seed", "reference")
    assert seeded.exit_code == 0, seeded.output
    assert "24" in seeded.output  # the governorates it read
    assert await ops_repo.counts(graph) == before


async def test_the_matrix_and_the_contract_files_are_current(cli_env: Path) -> None:
    checked = await cli("authz", "matrix", "--check")
    assert (checked.exit_code, checked.output) == (0, "ACCESS_MATRIX.md is up to date\n")
    printed = await cli("authz", "matrix")
    assert printed.exit_code == 0
    assert "`victimIdentity` 🔒" in printed.output
    exported = await cli("contracts", "export")
    assert (exported.exit_code, exported.output) == (
        0, "schema.graphql: unchanged\noperations/manifest.json: unchanged\n")


async def test_key_rotation_rewraps_every_data_key_and_the_identity_still_opens(cli_env: Path, graph: Graph) -> None:
    org = await principals.organization(graph, "CLI-NGO", "TN-11")
    worker = await principals.member(graph, org, Role.CASE_WORKER)
    sealer = protection_for(cli_env).sealer
    victim = await victim_rules.register_victim(graph, sealer, worker.scope, {"alias": "V-KEYS"},
                                                {"fullName": "Salma Gharbi"})
    [before] = await ops_repo.data_keys(graph)
    rotated = await cli("keys", "rotate")
    assert rotated.exit_code == 0, rotated.output
    match = re.fullmatch(r"key-encryption key is now (\S+); 1 data key\(s\) re-wrapped; restart the API to use it\n",
                         rotated.output)
    assert match is not None, rotated.output
    [after] = await ops_repo.data_keys(graph)
    assert after["id"] == before["id"] and after["kekId"] == match.group(1) != before["kekId"]
    authority = await principals.organization(graph, "INLTP", "TN-11", kind="NATIONAL_AUTHORITY")
    coordinator = await principals.member(graph, authority, Role.COORDINATOR)
    restarted = Sealer.from_state_dir(cli_env / "keys")  # as the API reads the ring again when it restarts
    identity = await victim_rules.victim_identity(graph, restarted, coordinator.scope, victim["id"],
                                                  "checking keys")
    assert identity["fullName"] == "Salma Gharbi"


async def test_rotate_jwt_adds_a_signing_key_and_keeps_the_old_one_published(cli_env: Path) -> None:
    outputs = [await cli("keys", "rotate-jwt") for _ in range(2)]
    found = [re.fullmatch(r"signing key is now (\S+); (\d+) key\(s\) published; restart the API\n", o.output)
             for o in outputs]
    assert all(o.exit_code == 0 for o in outputs) and found[0] and found[1], [o.output for o in outputs]
    assert found[0].group(1) != found[1].group(1)
    assert int(found[1].group(2)) == int(found[0].group(2)) + 1


async def test_seal_plaintext_seals_a_legacy_totp_seed(cli_env: Path, graph: Graph) -> None:
    await ops_repo.plant_legacy_totp(graph, "legacy.admin", "JBSWY3DPEHPK3PXP")
    sealed = await cli("keys", "seal-plaintext")
    assert sealed.exit_code == 0, sealed.output
    assert sealed.output == ("sealed: totpSecret 1, secret 0, token 0, note 0, closeReason 0, statusReason 0\n")
    user = await ops_repo.user_by_name(graph, "legacy.admin")
    assert "totpSecret" not in user and user["totpSecretSealed"]
    again = await cli("keys", "seal-plaintext")
    assert again.output.startswith("sealed: totpSecret 0,")


async def test_purge_dry_run_lists_every_kind_and_erases_nothing(cli_env: Path, graph: Graph) -> None:
    before = await ops_repo.counts(graph)
    listed = await cli("purge", "--dry-run")
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert lines[0] == "identities: 0 would go (kept 3650 days)"
    assert all(re.fullmatch(r"\w+: 0 would go \(kept \d+ days\)", line) for line in lines), lines
    assert len(lines) >= 4
    erased = await cli("purge", "--retention-days", "30")
    assert erased.output == "0 identities erased (cases closed more than 30 days ago)\n"
    assert await ops_repo.counts(graph) == before


async def test_audit_search_and_export_show_the_entries_asked_for(cli_env: Path, graph: Graph,
                                                                  tmp_path: Path) -> None:
    org = await principals.organization(graph, "AUDIT-NGO", "TN-11")
    worker = await principals.member(graph, org, Role.CASE_WORKER)
    for action in ("openCase", "cases", "openCase"):
        await audit.append(graph, audit.AuditEntry.of(worker.scope, action, audit.OK, target=["Q2FzZTox"]))
    found = await cli("audit", "search", "--action", "openCase")
    assert found.exit_code == 0, found.output
    rows = [line.split("\t") for line in found.output.splitlines()]
    assert [(r[2], r[3], r[4], r[5], r[6]) for r in rows] == [(worker.user_id, "CASE_WORKER", "openCase", "OK",
                                                               "Q2FzZTox")] * 2
    assert int(rows[0][0]) > int(rows[1][0])  # newest first
    target = tmp_path / "audit.csv"
    exported = await cli("audit", "export", "--actor", worker.user_id, "--output", str(target))
    assert exported.exit_code == 0, exported.output
    with target.open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert [row["action"] for row in table] == ["openCase", "cases", "openCase"]
    assert {row["actorId"] for row in table} == {worker.user_id}


async def test_report_export_writes_a_zip(cli_env: Path, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    made = await cli("report", "export", "CTDC", "--year", "2025", "--output", str(out))
    assert made.exit_code == 0, made.output
    [archive] = list(out.glob("*.zip"))
    with zipfile.ZipFile(archive) as opened:
        assert opened.namelist()


async def test_neo4j_status_names_the_external_database(cli_env: Path, settings: Settings) -> None:
    status = await cli("neo4j", "status")
    assert (status.exit_code, status.output) == (0, f"Using external Neo4j at {settings.neo4j_uri}\n")
