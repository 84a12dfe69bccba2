"""The test session runs its own Neo4j (free port, its own data folder) and cleans the graph between tests."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from api.app import create_app
from api.auth.service import AuthRuntime
from api.settings import PROJECT_ROOT, Environment, Settings, get_settings
from api.state import AppState
from graph.db import Graph, create_driver
from graph.migrations.runner import migrate
from ops import neo4j_server
from seed.reference import load_reference, read_reference
from tests.support import repository as support


@pytest.fixture(scope="session")
def neo4j_instance() -> Iterator[neo4j_server.Neo4jConfig]:
    """A private Neo4j for the whole session, stopped at the end even when tests fail."""
    home = Path(tempfile.mkdtemp(prefix="himaya-test-neo4j-"))
    config = neo4j_server.Neo4jConfig(home=home, bolt_port=neo4j_server.free_port(), heap="768m",
                                      pagecache="256m", cache_dir=PROJECT_ROOT / ".himaya")
    neo4j_server.start(config, progress=True)
    try:
        yield config
    finally:
        neo4j_server.stop(config)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def state_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="himaya-test-state-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def settings(neo4j_instance: neo4j_server.Neo4jConfig, state_dir: Path) -> Settings:
    password = neo4j_server.read_password(neo4j_instance)
    assert password
    os.environ["HIMAYA_STATE_DIR"] = str(state_dir)  # rules that were handed no sealer use this one's keys
    get_settings.cache_clear()
    return Settings(
        environment=Environment.TEST,
        state_dir=state_dir,
        neo4j_uri=neo4j_instance.uri,
        neo4j_password=password,  # type: ignore[arg-type]
        neo4j_connect_retry_seconds=5,
    )


@pytest.fixture(scope="session")
async def graph(settings: Settings) -> AsyncIterator[Graph]:
    assert settings.neo4j_password is not None
    driver = create_driver(settings.effective_neo4j_uri, settings.neo4j_user,
                           settings.neo4j_password.get_secret_value(), pool_size=100)
    graph = Graph(driver, settings.neo4j_database)
    await migrate(graph)
    yield graph
    await driver.close()


COURTS = [court["code"] for court in read_reference("courts.json")["items"]]


@dataclass
class ReferenceBaseline:
    """The graph right after a full reset: reference data only (its node and relationship counts)."""

    nodes: int = -1
    relationships: int = -1


@pytest.fixture(scope="session")
def reference_baseline() -> ReferenceBaseline:
    return ReferenceBaseline()


async def _full_reset(graph: Graph, baseline: ReferenceBaseline) -> None:
    await support.delete_everything_but_migrations(graph)
    await load_reference(graph)
    baseline.nodes, _, baseline.relationships = await support.graph_state(graph, COURTS)


@pytest.fixture(autouse=True)
async def clean_graph(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Every test that touches the graph starts from reference data only.

    Reference data is loaded once and kept: after a test only what it added is deleted, and when it left
    nothing behind (a bad input refused before any write) nothing is deleted. Should a test have changed the
    reference data itself (its node or relationship counts differ), the graph is wiped and reloaded."""
    if "graph" not in request.fixturenames and "client" not in request.fixturenames:
        yield
        return
    graph: Graph = request.getfixturevalue("graph")
    baseline: ReferenceBaseline = request.getfixturevalue("reference_baseline")
    if baseline.nodes < 0:
        await _full_reset(graph, baseline)
    else:
        reference, others, relationships = await support.graph_state(graph, COURTS)
        if others:
            await support.delete_everything_but_reference(graph, COURTS)
            reference, _, relationships = await support.graph_state(graph, COURTS)
        if (reference, relationships) != (baseline.nodes, baseline.relationships):
            await _full_reset(graph, baseline)
    yield


@pytest.fixture(scope="module")
async def app(settings: Settings, graph: Graph) -> AsyncIterator[FastAPI]:
    """One app per test module: its lifespan (driver, schema, migration check) runs once."""
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the module's app; what sign-in remembers in the process (throttle) starts afresh per test."""
    state: AppState = app.state.himaya
    state.auth = AuthRuntime.from_settings(state.settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("HIMAYA_ENVIRONMENT", "test")
