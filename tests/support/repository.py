"""Cypher used only by tests: wiping the graph and reading the database directly."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

DELETE_ALL_BUT_MIGRATIONS = """
MATCH (n) WHERE NOT n:Migration AND NOT n:MigrationLock
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
"""

# Reference data (governorates, catalogues, the courts of seed/reference/courts.json) stays between tests.
_IS_REFERENCE = "(n:Governorate OR n:ReferenceItem OR (n:Organization AND coalesce(n.code IN $courts, false)))"

GRAPH_STATE = (
    """
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
OPTIONAL MATCH (n) WHERE NOT n:Migration AND NOT n:MigrationLock
WITH relationships, n, """ + _IS_REFERENCE + """ AS reference
RETURN relationships, count(CASE WHEN reference THEN 1 END) AS referenceNodes,
       count(CASE WHEN n IS NOT NULL AND NOT reference THEN 1 END) AS others
"""
)

DELETE_ALL_BUT_REFERENCE = (
    "MATCH (n) WHERE NOT n:Migration AND NOT n:MigrationLock AND NOT " + _IS_REFERENCE + """
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
"""
)

COUNT_BY_LABEL = "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS count"

MIGRATIONS = "MATCH (m:Migration) RETURN m.version AS version, m.name AS name ORDER BY m.version"

ALL_PROPERTIES_OF_LABEL = "MATCH (n) WHERE $label IN labels(n) RETURN properties(n) AS props"


async def delete_everything_but_migrations(graph: Graph) -> None:
    # CALL IN TRANSACTIONS needs an implicit (auto-commit) transaction.
    async with graph.driver.session(database=graph.database) as session:
        result = await session.run(DELETE_ALL_BUT_MIGRATIONS)
        await result.consume()


async def graph_state(graph: Graph, courts: list[str]) -> tuple[int, int, int]:
    """(reference nodes, other nodes, relationships): one read."""
    row = await graph.read_one(GRAPH_STATE, {"courts": courts})
    assert row is not None
    return int(row["referenceNodes"]), int(row["others"]), int(row["relationships"])


async def delete_everything_but_reference(graph: Graph, courts: list[str]) -> None:
    async with graph.driver.session(database=graph.database) as session:
        result = await session.run(DELETE_ALL_BUT_REFERENCE, {"courts": courts})
        await result.consume()


async def count_by_label(graph: Graph) -> dict[str, int]:
    return {row["label"]: row["count"] for row in await graph.read(COUNT_BY_LABEL)}


async def migrations(graph: Graph) -> list[dict[str, Any]]:
    return await graph.read(MIGRATIONS)


async def all_properties(graph: Graph, label: str) -> list[dict[str, Any]]:
    return [row["props"] for row in await graph.read(ALL_PROPERTIES_OF_LABEL, {"label": label})]

FORGET_MIGRATIONS = "MATCH (m:Migration) DETACH DELETE m"


async def forget_migrations(graph: Graph) -> None:
    await graph.write(FORGET_MIGRATIONS)


VICTIM_AND_PROVIDER = """
MATCH (c:Case {id: $caseId})-[:CONCERNS]->(v:Victim)
MATCH (s:Service {id: $serviceId})-[:PROVIDED_BY]->(o:Organization)
RETURN v.id AS victimId, o.code AS organizationCode
"""


async def victim_and_provider(graph: Graph, case_id: str, service_id: str) -> tuple[str, str]:
    """The (local) victim id of a case and the code of the organisation providing a service."""
    row = await graph.read_one(VICTIM_AND_PROVIDER, {"caseId": case_id, "serviceId": service_id})
    assert row is not None
    return str(row["victimId"]), str(row["organizationCode"])
