"""Cypher for schema migrations: the ledger of applied versions and the lease that serialises runners."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

# The ledger's own constraint must exist before the first lease is taken; it is idempotent.
BOOTSTRAP_LEDGER = (
    "CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:Migration) REQUIRE m.version IS UNIQUE"
)
BOOTSTRAP_LOCK = (
    "CREATE CONSTRAINT migration_lock_id IF NOT EXISTS FOR (n:MigrationLock) REQUIRE n.id IS UNIQUE"
)

# Touching the node first takes its write lock, so the owner check below reads the latest committed state.
ACQUIRE_LEASE = """
MERGE (l:MigrationLock {id: 'schema'})
SET l.touches = coalesce(l.touches, 0) + 1
WITH l
WHERE l.owner IS NULL OR l.owner = $owner OR l.expiresAt < datetime()
SET l.owner = $owner, l.expiresAt = datetime() + duration({seconds: $lease_seconds})
RETURN l.owner AS owner
"""

RELEASE_LEASE = """
MATCH (l:MigrationLock {id: 'schema'}) WHERE l.owner = $owner
REMOVE l.owner, l.expiresAt
"""

APPLIED_VERSIONS = """
MATCH (m:Migration) RETURN m.version AS version, m.name AS name, m.checksum AS checksum
ORDER BY m.version
"""

RECORD_APPLIED = """
MERGE (m:Migration {version: $version})
ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime(), m.appliedBy = $owner
"""


async def bootstrap(graph: Graph) -> None:
    await graph.write(BOOTSTRAP_LEDGER)
    await graph.write(BOOTSTRAP_LOCK)


async def acquire_lease(graph: Graph, owner: str, lease_seconds: int) -> bool:
    row = await graph.write_one(ACQUIRE_LEASE, {"owner": owner, "lease_seconds": lease_seconds})
    return row is not None


async def release_lease(graph: Graph, owner: str) -> None:
    await graph.write(RELEASE_LEASE, {"owner": owner})


async def applied_versions(graph: Graph) -> dict[int, dict[str, Any]]:
    rows = await graph.read(APPLIED_VERSIONS)
    return {int(row["version"]): row for row in rows}


async def run_statement(graph: Graph, statement: str) -> None:
    # Migration files are trusted, versioned Cypher shipped with the code (never user input).
    await graph.write(statement)


async def record_applied(graph: Graph, version: int, name: str, checksum: str, owner: str) -> None:
    await graph.write(RECORD_APPLIED, {"version": version, "name": name, "checksum": checksum, "owner": owner})
