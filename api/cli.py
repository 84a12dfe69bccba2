"""The ``himaya`` command line."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click

from api.settings import Settings, get_settings
from graph.db import Graph, create_driver, wait_for_neo4j
from ops import neo4j_server

T = TypeVar("T")


def _neo4j_config(settings: Settings) -> neo4j_server.Neo4jConfig:
    return neo4j_server.Neo4jConfig(home=settings.neo4j_home, bolt_port=settings.neo4j_bolt_port,
                                    heap=settings.neo4j_heap, pagecache=settings.neo4j_pagecache)


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def with_graph(settings: Settings, work: Callable[[Graph], Awaitable[T]]) -> T:
    """Open a driver, wait for Neo4j, run ``work``, close."""
    from api.app import neo4j_password

    async def runner() -> T:
        driver = create_driver(settings.effective_neo4j_uri, settings.neo4j_user, neo4j_password(settings),
                               pool_size=4)
        try:
            if not await wait_for_neo4j(driver, timeout_s=settings.neo4j_connect_retry_seconds):
                hint = "run `himaya neo4j start`" if settings.uses_local_neo4j else "check HIMAYA_NEO4J_URI"
                raise click.ClickException(f"Neo4j at {settings.effective_neo4j_uri} is not reachable: {hint}")
            return await work(Graph(driver, settings.neo4j_database))
        finally:
            await driver.close()

    return asyncio.run(runner())


@click.group()
def main() -> None:
    """Himaya: coordination network of the national authority against human trafficking."""


# ----------------------------------------------------------------------------------------- neo4j


@main.group()
def neo4j() -> None:
    """Run the local Neo4j server (unused when HIMAYA_NEO4J_URI points elsewhere)."""


@neo4j.command("start")
def neo4j_start() -> None:
    """Provision (first run downloads from Maven Central) and start Neo4j; waits until Bolt answers."""
    settings = get_settings()
    if not settings.uses_local_neo4j:
        click.echo(f"HIMAYA_NEO4J_URI is set ({settings.neo4j_uri}): nothing to start locally.")
        return
    try:
        status = neo4j_server.start(_neo4j_config(settings))
    except neo4j_server.Neo4jError as exc:
        _fail(str(exc))
    else:
        click.echo(status.describe())


@neo4j.command("stop")
def neo4j_stop() -> None:
    """Stop the local Neo4j cleanly."""
    settings = get_settings()
    was_running = neo4j_server.stop(_neo4j_config(settings))
    click.echo("Neo4j stopped." if was_running else "Neo4j was not running.")


@neo4j.command("status")
def neo4j_status() -> None:
    """Tell pid, port and version of the local Neo4j."""
    settings = get_settings()
    if not settings.uses_local_neo4j:
        click.echo(f"Using external Neo4j at {settings.neo4j_uri}")
        return
    status = neo4j_server.status(_neo4j_config(settings))
    click.echo(status.describe())
    if not status.running:
        sys.exit(3)


# ---------------------------------------------------------------------------------- migrate/seed


@main.command()
def migrate() -> None:
    """Apply pending schema migrations and report."""
    from graph.migrations.runner import migrate as run_migrations

    settings = get_settings()
    report = with_graph(settings, run_migrations)
    click.echo(report.describe())


@main.group()
def seed() -> None:
    """Load reference, demo or synthetic data."""


@seed.command("reference")
def seed_reference() -> None:
    """Load the reference data in seed/reference (idempotent; updates changed rows)."""
    from seed.reference import load_reference

    settings = get_settings()
    summary = with_graph(settings, load_reference)
    click.echo(summary)


# ------------------------------------------------------------------------------------------ serve


@main.command()
@click.option("--host", default=None, help="Interface to bind (default HIMAYA_HOST).")
@click.option("--port", default=None, type=int, help="Port (default HIMAYA_PORT).")
def serve(host: str | None, port: int | None) -> None:
    """Serve the API."""
    import uvicorn

    from api.app import create_app

    settings = get_settings()
    bind_host = host or settings.host
    bind_port = port or settings.port
    click.echo(f"Himaya API on http://{bind_host}:{bind_port}  (GraphQL: /graphql, readiness: /readyz)")
    uvicorn.run(create_app(settings), host=bind_host, port=bind_port, log_config=None,
                proxy_headers=False, server_header=False)


if __name__ == "__main__":
    main()
