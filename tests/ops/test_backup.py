"""`himaya backup` / `himaya restore`: a round trip on a private Neo4j keeps every record, sealed ones readable."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from api.settings import PROJECT_ROOT, Environment, Settings, get_settings
from graph.access.scope import Role, Scope
from graph.db import Graph, create_driver
from graph.migrations.runner import migrate
from ops import neo4j_server
from seed.reference import load_reference
from tests.alerts import repository as alerts_db
from tests.alerts.conftest import Network
from tests.alerts.support import NOTE, refer
from tests.ops import repository as ops_db
from tests.support.graphql import ok

REFERRAL = "query($id: ID!) { node(id: $id) { ... on Referral { note } } }"


@pytest.fixture
def backup_instance() -> Iterator[tuple[neo4j_server.Neo4jConfig, Path]]:
    """A private Neo4j laid out as the CLI expects it (<state_dir>/neo4j)."""
    state_dir = Path(tempfile.mkdtemp(prefix="himaya-test-backup-"))
    config = neo4j_server.Neo4jConfig(home=state_dir / "neo4j", bolt_port=neo4j_server.free_port(), heap="512m",
                                      pagecache="64m", cache_dir=PROJECT_ROOT / ".himaya")
    neo4j_server.start(config, progress=False)
    try:
        yield config, state_dir
    finally:
        neo4j_server.stop(config)
        shutil.rmtree(state_dir, ignore_errors=True)


async def _network(graph: Graph) -> Network:
    sender = await alerts_db.create_organization(graph, "BACKUP-SENDER")
    provider = await alerts_db.create_organization(graph, "BACKUP-PROVIDER")
    service = await alerts_db.create_service(graph, provider)
    worker = await alerts_db.create_user(graph, sender, "backup-worker", "CASE_WORKER")
    partner = await alerts_db.create_user(graph, provider, "backup-partner", "PARTNER_AGENT")
    return Network(sender_org=sender, provider_org=provider, service=service,
                   worker=Scope(user_id=worker, role=Role.CASE_WORKER, organization_id=sender),
                   partner=Scope(user_id=partner, role=Role.PARTNER_AGENT, organization_id=provider),
                   other_partner=Scope(user_id=partner, role=Role.PARTNER_AGENT, organization_id=provider),
                   coordinator=Scope(user_id=worker, role=Role.CASE_WORKER, organization_id=sender))


@pytest.mark.timeout(900)  # three Neo4j starts / 480 operations; bounded, but not by the default 300 s
async def test_backup_and_restore_round_trip(backup_instance: tuple[neo4j_server.Neo4jConfig, Path],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    config, state_dir = backup_instance
    password = neo4j_server.read_password(config)
    assert password
    monkeypatch.setenv("HIMAYA_ENVIRONMENT", "test")
    monkeypatch.delenv("HIMAYA_NEO4J_URI", raising=False)
    monkeypatch.setenv("HIMAYA_STATE_DIR", str(state_dir))
    monkeypatch.setenv("HIMAYA_NEO4J_BOLT_PORT", str(config.bolt_port))
    monkeypatch.setenv("HIMAYA_NEO4J_HEAP", config.heap)
    monkeypatch.setenv("HIMAYA_NEO4J_PAGECACHE", config.pagecache)
    # The CLI's server config keeps its classpath in its home: reuse the one resolved for the tests.
    shutil.copyfile(config.classpath_file, config.home / config.classpath_file.name)
    get_settings.cache_clear()
    settings = Settings(environment=Environment.TEST, state_dir=state_dir, neo4j_bolt_port=config.bolt_port)
    try:
        driver = create_driver(config.uri, "neo4j", password)
        graph = Graph(driver, "neo4j")
        await migrate(graph)
        await load_reference(graph)
        net = await _network(graph)
        referral = await refer(graph, settings, net)
        before = await ops_db.counts(graph)
        await driver.close()

        written = await asyncio.to_thread(CliRunner().invoke, main, ["backup"])
        assert written.exit_code == 0, written.output
        [dump] = list((state_dir / "backups").glob("himaya-*.dump"))
        assert dump.stat().st_mode & 0o777 == 0o600
        assert "keys" in written.output
        assert NOTE.encode() not in dump.read_bytes()  # sealed in the dump too

        driver = create_driver(config.uri, "neo4j", password)
        graph = Graph(driver, "neo4j")
        await ops_db.delete_everything(graph)
        assert (await ops_db.counts(graph))[0] == 0
        await driver.close()

        refused = await asyncio.to_thread(CliRunner().invoke, main, ["restore", str(dump)], input="n\n")
        assert refused.exit_code == 1
        restored = await asyncio.to_thread(CliRunner().invoke, main, ["restore", str(dump), "--yes"])
        assert restored.exit_code == 0, restored.output

        driver = create_driver(config.uri, "neo4j", password)
        graph = Graph(driver, "neo4j")
        assert await ops_db.counts(graph) == before
        read = await ok(graph, settings, REFERRAL, {"id": referral.id}, scope=net.worker)
        assert read["node"]["note"] == NOTE
        await driver.close()
        missing = await asyncio.to_thread(CliRunner().invoke, main, ["restore", str(state_dir / "nope.dump")])
        assert missing.exit_code == 2
    finally:
        get_settings.cache_clear()
