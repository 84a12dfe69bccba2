"""Apply the versioned Cypher files in ``versions/`` in order, once each, recorded in the graph."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from graph.db import Graph
from graph.migrations import repository

logger = logging.getLogger("himaya.migrations")

VERSIONS_DIR = Path(__file__).resolve().parent / "versions"
_FILE_PATTERN = re.compile(r"^(\d{4})_([a-z0-9_]+)\.cypher$")
LEASE_SECONDS = 120


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]
    checksum: str


@dataclass(frozen=True)
class MigrationReport:
    applied: tuple[Migration, ...]
    already_applied: int

    def describe(self) -> str:
        if not self.applied:
            return f"schema up to date ({self.already_applied} migrations already applied)"
        names = ", ".join(f"{m.version:04d}_{m.name}" for m in self.applied)
        return f"applied {len(self.applied)} migration(s): {names} ({self.already_applied} were already applied)"


def _split_statements(text: str) -> tuple[str, ...]:
    lines = [line for line in text.splitlines() if not line.strip().startswith("//")]
    return tuple(part.strip() for part in "\n".join(lines).split(";") if part.strip())


def load_migrations(directory: Path = VERSIONS_DIR) -> list[Migration]:
    found: list[Migration] = []
    for path in sorted(directory.glob("*.cypher")):
        match = _FILE_PATTERN.match(path.name)
        if not match:
            raise MigrationError(f"migration file name not of the form NNNN_name.cypher: {path.name}")
        text = path.read_text(encoding="utf-8")
        found.append(
            Migration(
                version=int(match.group(1)),
                name=match.group(2),
                statements=_split_statements(text),
                checksum=hashlib.sha256(text.encode()).hexdigest(),
            )
        )
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise MigrationError("two migration files share a version number")
    return found


async def pending(graph: Graph, migrations: list[Migration] | None = None) -> list[Migration]:
    known = migrations if migrations is not None else load_migrations()
    try:
        applied = await repository.applied_versions(graph)
    except Exception:  # no ledger yet means nothing applied
        return known
    return [m for m in known if m.version not in applied]


async def migrate(graph: Graph, *, wait_seconds: float = 300.0) -> MigrationReport:
    """Apply pending migrations. Concurrent callers wait for the lease holder instead of applying twice."""
    migrations = load_migrations()
    await repository.bootstrap(graph)
    owner = f"runner-{uuid.uuid4()}"
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait_seconds
    while not await repository.acquire_lease(graph, owner, LEASE_SECONDS):
        if loop.time() > deadline:
            raise MigrationError("another runner holds the migration lease; gave up waiting")
        await asyncio.sleep(0.5)
    try:
        applied = await repository.applied_versions(graph)
        for migration in migrations:
            recorded = applied.get(migration.version)
            if recorded is not None and recorded.get("checksum") != migration.checksum:
                logger.warning("applied migration file changed since it ran",
                               extra={"version": migration.version})
        todo = [m for m in migrations if m.version not in applied]
        for migration in todo:
            logger.info("applying migration", extra={"version": migration.version, "migration": migration.name})
            for statement in migration.statements:
                await repository.run_statement(graph, statement)
            await repository.record_applied(graph, migration.version, migration.name, migration.checksum, owner)
        return MigrationReport(applied=tuple(todo), already_applied=len(migrations) - len(todo))
    finally:
        await repository.release_lease(graph, owner)
