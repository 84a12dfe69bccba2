"""The ``himaya`` command line."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from api.settings import Settings, get_settings
from api.statistics.cli import report_group as statistics_report
from graph.access.scope import Role
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


@seed.command("demo")
def seed_demo() -> None:
    """Load the fictional demo network and one demo account per role (idempotent)."""
    from seed.demo import create_demo_accounts, load_demo
    from seed.demo_reports import load_demo_reports
    from seed.demo_statistics import load_demo_statistics

    settings = get_settings()

    async def work(graph: Graph) -> tuple[str, list[str]]:
        summary = await load_demo(graph)
        reports = await load_demo_reports(graph, settings.state_dir)
        await load_demo_statistics(graph)
        return summary.describe(), reports + await create_demo_accounts(graph, settings.state_dir)

    summary, accounts = with_graph(settings, work)
    click.echo(summary)
    if accounts:
        click.echo(f"demo accounts created (shown once, kept in {settings.state_dir / 'demo-accounts.txt'}):")
        for line in accounts:
            click.echo(f"  {line}")


@seed.command("synthetic")
@click.option("--scale", default=1.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="1 = ~1,000 organisations, 5,000 services, 100,000 cases, 300,000 referrals.")
@click.option("--seed", "seed_value", default=1, show_default=True, type=int, help="Random seed (deterministic).")
def seed_synthetic(scale: float, seed_value: int) -> None:
    """Load a synthetic national network for load tests (into a graph without synthetic data)."""
    from seed.synthetic import SyntheticAlreadyLoaded, load_synthetic

    settings = get_settings()
    try:
        summary = with_graph(settings, lambda graph: load_synthetic(graph, scale=scale, seed=seed_value))
    except SyntheticAlreadyLoaded as exc:
        _fail(str(exc))
    else:
        click.echo(summary.describe())


# ------------------------------------------------------------------------------------ users/keys


def _read_new_password() -> str:
    """From a prompt (typed twice) on a terminal, else the first line of stdin; never from argv."""
    if sys.stdin.isatty():
        password: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        return password
    return sys.stdin.readline().rstrip("\r\n")


@main.group()
def user() -> None:
    """Manage user accounts."""


@user.command("add")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role], case_sensitive=False),
              help="The account's role.")
@click.option("--organization", "organization", required=True, help="Code of the member organization.")
def user_add(username: str, role: str, organization: str) -> None:
    """Create an account; the password is read from stdin (prompted twice on a terminal)."""
    from api.auth import accounts as user_rules
    from api.errors import HimayaError
    from api.i18n import Language, translate

    password = _read_new_password()
    try:
        created = with_graph(get_settings(), lambda graph: user_rules.create_user(
            graph, username=username, password=password, role=Role(role.upper()), organization_code=organization))
    except HimayaError as exc:
        _fail(translate(exc.message_key, Language.EN, **exc.params))
        return
    click.echo(f"created {created.username} ({created.role.value}) id={created.id}")
    if created.otpauth_uri:
        click.echo("Sign-in needs a one-time code: add this to an authenticator app (shown once):")
        click.echo(created.otpauth_uri)


@user.command("disable")
@click.argument("username")
def user_disable(username: str) -> None:
    """Disable an account; its sessions end at once."""
    from api.auth import accounts as user_rules
    from api.errors import HimayaError
    from api.i18n import Language, translate

    try:
        revoked = with_graph(get_settings(), lambda graph: user_rules.disable_user(graph, username))
    except HimayaError as exc:
        _fail(translate(exc.message_key, Language.EN, **exc.params))
        return
    click.echo(f"disabled {username.strip().casefold()}; {revoked} session(s) ended")


@user.command("unlock")
@click.argument("username")
def user_unlock(username: str) -> None:
    """Lift an account's sign-in and password-change locks, from every address (e.g. a locked coordinator)."""
    from api.auth.throttle import unlock

    lifted = with_graph(get_settings(), lambda graph: unlock(graph, username))
    click.echo(f"unlocked {username.strip().casefold()}; {lifted} lock(s) lifted")


@main.group()
def keys() -> None:
    """Manage token signing keys and the key-encryption key that protects identities."""


@keys.command("rotate")
def keys_rotate() -> None:
    """Add a new key-encryption key and re-wrap every data key with it (no downtime, no re-encryption)."""
    from graph.protected.maintenance import rotate_kek

    settings = get_settings()
    ring_path = settings.state_dir / "keys" / "kek.json"
    active, count = with_graph(settings, lambda graph: rotate_kek(graph, ring_path))
    click.echo(f"key-encryption key is now {active}; {count} data key(s) re-wrapped; restart the API to use it")


@keys.command("seal-plaintext")
def keys_seal_plaintext() -> None:
    """Seal secrets an older version stored in clear (the API also does it when it starts)."""
    from api.protection import protection_of
    from graph.protected.maintenance import seal_legacy_plaintext

    settings = get_settings()
    sealed = with_graph(settings, lambda graph: seal_legacy_plaintext(graph, protection_of(settings).sealer))
    click.echo("sealed: " + ", ".join(f"{field} {count}" for field, count in sealed.items()))


@main.command()
@click.option("--retention-days", type=click.IntRange(min=1), default=None,
              help="Override HIMAYA_IDENTITY_RETENTION_DAYS for this run (identities only).")
@click.option("--all", "everything", is_flag=True, help="Every kind of personal data, each with its own period.")
@click.option("--dry-run", is_flag=True, help="List what would go (every kind), erase nothing.")
def purge(retention_days: int | None, everything: bool, dry_run: bool) -> None:
    """Crypto-shred identities of victims whose cases all closed longer ago than the retention period."""
    from graph.protected.maintenance import purge_expired

    settings = get_settings()
    if dry_run or everything:
        from api.retention.rules import periods, purge_all

        found = with_graph(settings, lambda graph: purge_all(graph, settings, dry_run=dry_run))
        for kind, days in periods(settings).items():
            click.echo(f"{kind}: {found[kind]} {'would go' if dry_run else 'erased'} (kept {days} days)")
        return
    days = retention_days or settings.identity_retention_days
    purged = with_graph(settings, lambda graph: purge_expired(graph, days))
    click.echo(f"{purged} identit{'y' if purged == 1 else 'ies'} erased (cases closed more than {days} days ago)")


@keys.command("rotate-jwt")
def keys_rotate_jwt() -> None:
    """Add a new signing key under <state_dir>/keys; old public keys stay until their tokens expire."""
    from api.auth.service import key_directory

    settings = get_settings()
    if settings.jwt_private_keys is not None:
        _fail("HIMAYA_JWT_PRIVATE_KEYS is set: rotate by putting a new PEM first in that setting")
    ring = key_directory(settings).rotate()
    click.echo(f"signing key is now {ring.active.kid}; {len(ring.kids)} key(s) published; restart the API")


# -------------------------------------------------------------------------------------- contracts


@main.group()
def contracts() -> None:
    """The mobile contract: schema snapshot, persisted operations, breaking-change check."""


@contracts.command("export")
def contracts_export() -> None:
    """Write mobile_contracts/schema.graphql from the code, and operations/manifest.json from the documents."""
    from api.contracts.operations import write_manifest
    from api.contracts.snapshot import SNAPSHOT_PATH, export_snapshot

    changed = export_snapshot()
    click.echo(f"{SNAPSHOT_PATH.name}: {'updated' if changed else 'unchanged'}")
    click.echo(f"operations/manifest.json: {'updated' if write_manifest() else 'unchanged'}")


@contracts.command("check")
@click.option("--released", "released", default=None, type=click.Path(exists=True, dir_okay=False),
              help="Released snapshot to compare with (default mobile_contracts/released/v1.graphql).")
def contracts_check(released: str | None) -> None:
    """Compare the schema with the last released snapshot; exits 1 on breaking changes."""
    from pathlib import Path

    from api.contracts.snapshot import RELEASED_PATH, check_against_release

    released_path = Path(released) if released else RELEASED_PATH
    comparison = check_against_release(released_path)
    for change in comparison.dangerous:
        click.echo(f"dangerous  {change.describe()}")
    for change in comparison.breaking:
        click.echo(f"BREAKING   {change.describe()}", err=True)
    if not comparison.compatible:
        _fail(f"{len(comparison.breaking)} breaking change(s) against {released_path.name}")
    click.echo(f"compatible with {released_path.name} ({len(comparison.dangerous)} dangerous change(s))")


# -------------------------------------------------------------------------------------- authz/audit


@main.group()
def authz() -> None:
    """The role × operation access matrix."""


@authz.command("matrix")
@click.option("--write", "write_file", is_flag=True, help="Write ACCESS_MATRIX.md at the project root.")
@click.option("--check", is_flag=True, help="Exit 1 when ACCESS_MATRIX.md is not up to date.")
def authz_matrix(write_file: bool, check: bool) -> None:
    """Print the access matrix as Markdown (or write/check ACCESS_MATRIX.md)."""
    from api.authz import docs

    if check:
        current = docs.DOCUMENT.read_text(encoding="utf-8") if docs.DOCUMENT.exists() else ""
        if current != docs.render():
            _fail(f"{docs.DOCUMENT.name} is out of date: run `himaya authz matrix --write`")
        click.echo(f"{docs.DOCUMENT.name} is up to date")
    elif write_file:
        changed = docs.write()
        click.echo(f"{docs.DOCUMENT.name} {'written' if changed else 'already up to date'}")
    else:
        click.echo(docs.render(), nl=False)


@main.group()
def audit() -> None:
    """The tamper-evident audit log."""


@audit.command("verify")
@click.option("--batch", default=1000, show_default=True, type=click.IntRange(min=1, max=10_000),
              help="Events read per round trip.")
def audit_verify(batch: int) -> None:
    """Walk the hash chain and check it against the signed checkpoints; OK, or the first problem."""
    from api.audit.anchor import verify_anchored

    settings = get_settings()
    result = with_graph(settings, lambda graph: verify_anchored(graph, settings, batch=batch))
    if not result.ok:
        _fail(result.describe())
    click.echo(result.describe())


_AUDIT_FILTERS = [
    click.option("--actor", default=None, help="A user id (local)."),
    click.option("--subject", default=None, help="A record's global id, as in the entry's targets."),
    click.option("--action", default=None, help="An operation name, e.g. cases or createReferral."),
    click.option("--since", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]), default=None, help="UTC."),
    click.option("--until", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]), default=None, help="UTC."),
]


def _audit_filters(function: Any) -> Any:
    for option in reversed(_AUDIT_FILTERS):
        function = option(function)
    return function


def _audit_rows(limit: int, **filters: Any) -> list[dict[str, Any]]:
    import datetime as dt

    from api.audit.rules import search

    for key in ("since", "until"):
        if filters[key] is not None:
            filters[key] = filters[key].replace(tzinfo=dt.UTC)
    return with_graph(get_settings(), lambda graph: search(graph, None, limit=limit, **filters))


@audit.command("search")
@_audit_filters
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1, max=10_000))
def audit_search(limit: int, **filters: Any) -> None:
    """Print matching audit entries, newest first (who, what, when, outcome)."""
    for event in _audit_rows(limit, **filters):
        click.echo(f"{event['seq']}\t{event['at']}\t{event.get('actorId') or '-'}\t{event.get('role') or '-'}\t"
                   f"{event['action']}\t{event['outcome']}\t{','.join(event.get('target') or [])}\t"
                   f"{event.get('reason') or ''}")


@audit.command("export")
@_audit_filters
@click.option("--limit", default=100_000, show_default=True, type=click.IntRange(min=1, max=1_000_000))
@click.option("--output", type=click.Path(dir_okay=False, writable=True), default="-", show_default=True)
def audit_export(limit: int, output: str, **filters: Any) -> None:
    """Write matching audit entries as CSV (newest first), for the data protection officer."""
    import csv

    columns = ["seq", "at", "actorId", "role", "organizationId", "action", "outcome", "target", "reason",
               "requestId", "hash"]
    with click.open_file(output, "w", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for event in _audit_rows(limit, **filters):
            writer.writerow([";".join(event.get(c) or []) if c == "target" else event.get(c) for c in columns])
@audit.command("checkpoint")
def audit_checkpoint() -> None:
    """Sign the chain head now and append it to the checkpoint file (the API also does it on a schedule)."""
    from api.audit.anchor import checkpoint_path, write_checkpoint

    settings = get_settings()
    written = with_graph(settings, lambda graph: write_checkpoint(graph, settings))
    where = checkpoint_path(settings)
    click.echo(f"checkpoint seq {written.seq} written to {where}" if written else f"head unchanged ({where})")


@main.command()
@click.option("--to", "target", default=None, type=click.Path(path_type=Path),
              help="File or folder (default <state_dir>/backups).")
def backup(target: Path | None) -> None:
    """Dump the local Neo4j (stopped for the dump, then started again). The keys are NOT in it: back them up apart."""
    from ops.neo4j_backup import backup as dump

    settings = get_settings()
    if not settings.uses_local_neo4j:
        _fail("HIMAYA_NEO4J_URI points at another server: use its online backup (neo4j-admin database backup, "
              "Aura snapshots)")
    folder = target or settings.state_dir / "backups"
    if target is None:
        folder.mkdir(parents=True, exist_ok=True)
    try:
        written = dump(_neo4j_config(settings), folder)
    except neo4j_server.Neo4jError as exc:
        _fail(str(exc))
        return
    click.echo(f"backup written to {written} (keys in {settings.state_dir / 'keys'} are not in it)")


@main.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask: the current database is replaced.")
def restore(source: Path, yes: bool) -> None:
    """Replace the local database with a backup (the same keys must be in <state_dir>/keys)."""
    from ops.neo4j_backup import restore as load

    settings = get_settings()
    if not settings.uses_local_neo4j:
        _fail("HIMAYA_NEO4J_URI points at another server: restore with its own tools")
    if not yes:
        click.confirm(f"Replace the database with {source}?", abort=True)
    try:
        load(_neo4j_config(settings), source)
    except neo4j_server.Neo4jError as exc:
        _fail(str(exc))
        return
    click.echo(f"restored from {source}")


# ------------------------------------------------------------------------------------------ serve


@main.command()
@click.option("--host", default=None, help="Interface to bind (default HIMAYA_HOST).")
@click.option("--port", default=None, type=int, help="Port (default HIMAYA_PORT).")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Worker processes (default HIMAYA_WORKERS: the number of cores).")
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the API (several worker processes: what they share lives in Neo4j)."""
    import uvicorn

    from api.app import create_app, startup_maintenance

    settings = get_settings()
    bind_host = host or settings.host
    bind_port = port or settings.port
    count = workers or settings.workers
    click.echo(f"Himaya API on http://{bind_host}:{bind_port} with {count} worker(s)  "
               "(GraphQL: /graphql, readiness: /readyz)")
    options: dict[str, Any] = {"host": bind_host, "port": bind_port, "log_config": None, "proxy_headers": False,
                               "server_header": False}
    if count == 1:
        uvicorn.run(create_app(settings), **options)
        return
    # Once, before the workers start: migrations and sealing legacy plaintext; the workers wait for it. The
    # argon2 cap is per machine, so each worker takes its share.
    with_graph(settings, lambda graph: startup_maintenance(graph, settings))
    os.environ["HIMAYA_STARTUP_MAINTENANCE"] = "false"
    os.environ["HIMAYA_ARGON2_MAX_CONCURRENCY"] = str(max(1, settings.argon2_max_concurrency // count))
    # /metrics reports every worker's values, whichever answers: they write them to a fresh directory.
    metrics_dir = settings.state_dir / "metrics" / str(os.getpid())
    shutil.rmtree(metrics_dir, ignore_errors=True)
    metrics_dir.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    try:
        uvicorn.run("api.app:create_app", factory=True, workers=count,
                    timeout_worker_healthcheck=settings.worker_healthcheck_seconds, **options)
    finally:
        shutil.rmtree(metrics_dir, ignore_errors=True)


@main.command()
def worker() -> None:
    """Run the alert dispatcher (push, webhooks, escalations) and the export worker (until SIGINT/SIGTERM)."""
    from api.alerts.dispatcher import install_stop_signals, run_worker, worker_id
    from api.logging_setup import configure_logging
    from api.statistics.jobs import run_export_worker

    settings = get_settings()
    configure_logging(as_json=settings.logs_as_json)

    async def work(graph: Graph) -> None:
        stop = asyncio.Event()
        install_stop_signals(stop)
        await asyncio.gather(run_worker(graph, settings, stop), run_export_worker(graph, settings, stop, worker_id()))

    click.echo("Himaya alert dispatcher and export worker running (Ctrl-C stops them)")
    with_graph(settings, work)


main.add_command(statistics_report(with_graph))  # himaya report annual / export (api/statistics/cli.py)


if __name__ == "__main__":
    main()
