"""The local Neo4j lifecycle, on a second private instance, and /readyz following it."""

from __future__ import annotations

import asyncio
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.settings import PROJECT_ROOT, Environment, Settings
from graph.db import Graph, create_driver
from ops import neo4j_server
from tests.support import repository as support


@pytest.fixture
def second_instance() -> Iterator[neo4j_server.Neo4jConfig]:
    base = Path(tempfile.mkdtemp(prefix="himaya-test-lifecycle-"))
    home = base / "neo4j"
    config = neo4j_server.Neo4jConfig(home=home, bolt_port=neo4j_server.free_port(), heap="512m",
                                      pagecache="64m", cache_dir=PROJECT_ROOT / ".himaya")
    try:
        yield config
    finally:
        neo4j_server.stop(config)
        shutil.rmtree(base, ignore_errors=True)


async def test_lifecycle_and_readyz_follows_neo4j_down_and_back(
    second_instance: neo4j_server.Neo4jConfig,
) -> None:
    config = second_instance
    assert not neo4j_server.status(config).running

    first = await asyncio.to_thread(neo4j_server.start, config, progress=False)
    assert first.running and first.pid and first.port == config.bolt_port
    assert first.version == neo4j_server.NEO4J_VERSION
    assert config.password_file.stat().st_mode & 0o777 == 0o600
    assert len(config.password_file.read_text().strip()) >= 24
    # Starting again while running is a no-op that reports the same process.
    assert neo4j_server.start(config, progress=False).pid == first.pid
    assert neo4j_server.stop(config) is True
    assert not neo4j_server.status(config).running
    assert not neo4j_server.bolt_answers(config.bolt_port)

    app = create_app(Settings(environment=Environment.TEST, state_dir=_state_dir_for(config),
                              neo4j_bolt_port=config.bolt_port, neo4j_connect_retry_seconds=1))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            down = await client.get("/readyz")
            assert down.status_code == 503
            assert down.json()["checks"]["neo4j"] == "down"

            restarted = await asyncio.to_thread(neo4j_server.start, config, progress=False)
            assert restarted.running and restarted.pid != first.pid
            ready = down
            for _ in range(120):
                ready = await client.get("/readyz")
                if ready.status_code == 200:
                    break
                await asyncio.sleep(0.5)
            assert ready.status_code == 200, ready.text
            assert ready.json() == {"status": "ready", "checks": {"neo4j": "up", "migrations": "current"}}

    # Data written while up survives a restart.
    driver = create_driver(config.uri, "neo4j", config.password_file.read_text().strip())
    applied_before = await support.migrations(Graph(driver, "neo4j"))
    await driver.close()
    assert applied_before
    assert neo4j_server.stop(config) is True
    neo4j_server.start(config, progress=False)
    driver = create_driver(config.uri, "neo4j", config.password_file.read_text().strip())
    assert await support.migrations(Graph(driver, "neo4j")) == applied_before
    await driver.close()
    assert neo4j_server.stop(config) is True


def _state_dir_for(config: neo4j_server.Neo4jConfig) -> Path:
    """The app finds the local server's home at <state_dir>/neo4j: lay the instance out that way."""
    return config.home.parent


def test_port_already_taken_is_a_clear_error(second_instance: neo4j_server.Neo4jConfig) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", second_instance.bolt_port))
        blocker.listen()
        with pytest.raises(neo4j_server.Neo4jError, match=r"Port \d+ is already in use.*HIMAYA_NEO4J_BOLT_PORT"):
            neo4j_server.start(second_instance, progress=False)


def test_java_too_old_or_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake_java = tmp_path / "bin" / "java"
    fake_java.parent.mkdir()
    fake_java.write_text('#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n')
    fake_java.chmod(0o755)
    monkeypatch.setenv("HIMAYA_JAVA_HOME", str(tmp_path))
    with pytest.raises(neo4j_server.Neo4jError, match=r"Java 11 is too old.*Java 17"):
        neo4j_server.check_java()
    monkeypatch.setenv("HIMAYA_JAVA_HOME", str(tmp_path / "nowhere"))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(neo4j_server.Neo4jError, match="Java is missing"):
        neo4j_server.check_java()


def test_maven_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(neo4j_server.Neo4jError, match="Maven is missing"):
        neo4j_server.maven_executable()


def test_neo4j_failing_to_start_points_at_its_log(second_instance: neo4j_server.Neo4jConfig) -> None:
    # A heap size Neo4j refuses makes the JVM exit during start-up.
    broken = neo4j_server.Neo4jConfig(home=second_instance.home, bolt_port=second_instance.bolt_port,
                                      heap="1x", pagecache="64m", cache_dir=second_instance.cache_dir)
    broken.home.mkdir(parents=True)
    broken.password_file.write_text("a-password-set-before\n")
    with pytest.raises(neo4j_server.Neo4jError, match=r"exited during start-up.*neo4j\.log"):
        neo4j_server.start(broken, progress=False)
