"""Anonymous refusals are counted, not one event each; signed checkpoints outside Neo4j catch a rebuilt chain."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from api.audit import anchor, refusals
from api.audit import log as audit
from api.audit.chain import chain_hash, verify
from api.cli import main
from api.settings import Settings, get_settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from tests.hardening import repository as store
from tests.security.audit import repository as audit_db

ADMIN = Scope(user_id="admin-1", role=Role.ADMIN, organization_id=None)
ALIASED = "{ " + " ".join(f"c{i}: cases(first: 1) {{ totalCount }}" for i in range(15)) + " }"


async def _chain(graph: Graph, length: int) -> None:
    for i in range(length):
        await audit.append(graph, audit.AuditEntry.of(ADMIN, f"action{i}", audit.OK, target=[f"id-{i}"]))


async def test_fifteen_aliased_anonymous_refusals_write_one_counted_event(client: httpx.AsyncClient,
                                                                           graph: Graph) -> None:
    refusals.TALLY.take()
    for _ in range(20):
        refused = await client.post("/graphql", json={"query": ALIASED})
        assert refused.status_code == 200
        assert {e["extensions"]["code"] for e in refused.json()["errors"]} == {"UNAUTHENTICATED"}
    assert await store.all_events(graph) == []
    assert await refusals.flush(graph) == {"cases": 300}
    [counted] = await store.all_events(graph)
    assert counted["action"] == "ANONYMOUS_REFUSALS" and counted["target"] == ["cases=300"]
    assert counted.get("actorId") is None
    assert counted.get("requestId") is None
    assert (await verify(graph)).ok
    assert await refusals.flush(graph) == {}


async def test_a_checkpoint_is_signed_and_written_outside_neo4j(graph: Graph, settings: Settings,
                                                                tmp_path: Path) -> None:
    local = settings.model_copy(update={"audit_checkpoint_file": tmp_path / "checkpoints.jsonl"})
    await _chain(graph, 3)
    written = await anchor.write_checkpoint(graph, local)
    assert written is not None and written.seq == 3
    assert await anchor.write_checkpoint(graph, local) is None  # the head has not moved
    [line] = (tmp_path / "checkpoints.jsonl").read_text().splitlines()
    assert json.loads(line)["hash"] == (await store.all_events(graph))[-1]["hash"]
    assert (settings.state_dir / "keys" / anchor.PUBLIC_FILE).exists()
    assert (await anchor.verify_anchored(graph, local)).ok


async def _rebuild_whole_chain(graph: Graph) -> None:
    """What someone who can write to Neo4j does: change an event and recompute every hash and the head."""
    previous = "0" * 64
    for event in await store.all_events(graph):
        forged = {**event, "prevHash": previous}
        if forged["seq"] == 2:
            forged["target"] = ["someone-else"]
        forged["hash"] = chain_hash(forged)
        await store.rewrite_event(graph, forged)
        previous = forged["hash"]
    await store.rewrite_head(graph, 6, previous)


@pytest.mark.parametrize("tamper", ["rebuild", "truncate", "forge-line"])
async def test_verify_fails_when_the_chain_no_longer_matches_its_checkpoints(
        graph: Graph, settings: Settings, tmp_path: Path, tamper: str) -> None:
    local = settings.model_copy(update={"audit_checkpoint_file": tmp_path / "checkpoints.jsonl"})
    await _chain(graph, 6)
    assert await anchor.write_checkpoint(graph, local) is not None
    if tamper == "rebuild":
        await _rebuild_whole_chain(graph)
        assert (await verify(graph)).ok  # the chain alone cannot tell
        expected = "event 6 differs from the checkpoint"
    elif tamper == "truncate":
        events = await store.all_events(graph)
        await audit_db.delete_event(graph, 6)
        await store.rewrite_head(graph, 5, events[4]["hash"])
        assert (await verify(graph)).ok
        expected = "the chain ends at seq 5"
    else:
        path = tmp_path / "checkpoints.jsonl"
        line: dict[str, Any] = json.loads(path.read_text())
        path.write_text(json.dumps({**line, "seq": 5}) + "\n")
        expected = "checkpoint line 1 is not validly signed"
    result = await anchor.verify_anchored(graph, local)
    assert not result.ok
    assert expected in result.describe()


async def test_the_verify_command_checks_the_checkpoints(graph: Graph, settings: Settings,
                                                         monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert settings.neo4j_uri and settings.neo4j_password
    monkeypatch.setenv("HIMAYA_NEO4J_URI", settings.neo4j_uri)
    monkeypatch.setenv("HIMAYA_NEO4J_PASSWORD", settings.neo4j_password.get_secret_value())
    monkeypatch.setenv("HIMAYA_STATE_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        await _chain(graph, 6)
        written = await asyncio.to_thread(CliRunner().invoke, main, ["audit", "checkpoint"])
        assert written.exit_code == 0, written.output
        assert "checkpoint seq 6" in written.output
        good = await asyncio.to_thread(CliRunner().invoke, main, ["audit", "verify"])
        assert good.exit_code == 0, good.output
        assert "1 signed checkpoint(s) match" in good.output
        await _rebuild_whole_chain(graph)
        bad = await asyncio.to_thread(CliRunner().invoke, main, ["audit", "verify"])
        assert bad.exit_code == 1
        assert "does NOT match its signed checkpoints" in bad.output
    finally:
        get_settings.cache_clear()
