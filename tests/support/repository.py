"""Cypher used only by tests: wiping the graph and reading the database directly."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

DELETE_ALL_BUT_MIGRATIONS = """
MATCH (n) WHERE NOT n:Migration AND NOT n:MigrationLock AND NOT n:ChangeHead
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
"""

# Reference data (governorates, catalogues, the courts of seed/reference/courts.json) stays between tests.
_IS_REFERENCE = "(n:Governorate OR n:ReferenceItem OR (n:Organization AND coalesce(n.code IN $courts, false)))"

GRAPH_STATE = (
    """
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
OPTIONAL MATCH (n) WHERE NOT n:Migration AND NOT n:MigrationLock AND NOT n:ChangeHead
WITH relationships, n, """ + _IS_REFERENCE + """ AS reference
RETURN relationships, count(CASE WHEN reference THEN 1 END) AS referenceNodes,
       count(CASE WHEN n IS NOT NULL AND NOT reference THEN 1 END) AS others
"""
)

DELETE_ALL_BUT_REFERENCE = (
    "MATCH (n) WHERE NOT n:Migration AND NOT n:MigrationLock AND NOT n:ChangeHead AND NOT " + _IS_REFERENCE + """
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


CREATE_ORGANIZATION = """
MATCH (g:Governorate {code: $governorate})
CREATE (o:Organization {id: randomUUID(), code: $code, name: $name, nameAr: $name, nameEn: $name, kind: $kind,
    createdAt: datetime(), updatedAt: datetime(), version: 1})
CREATE (o)-[:LOCATED_IN]->(g)
RETURN o.id AS id
"""

# A member as sign-in leaves it: the User node in its organisation, and one live Session of its own family.
CREATE_MEMBER = """
MATCH (o:Organization {id: $org})
CREATE (u:User {id: randomUUID(), username: $username, role: $role, disabled: false, createdAt: datetime()})
CREATE (u)-[:MEMBER_OF]->(o)
CREATE (s:Session {id: randomUUID(), userId: u.id, refreshJti: randomUUID(), createdAt: datetime(),
                   expiresAt: datetime() + duration({hours: 1})})
SET s.family = s.id
RETURN u.id AS userId, s.id AS sessionId
"""

ORGANIZATION_BY_CODE = "MATCH (o:Organization {code: $code}) RETURN o.id AS id"

# Everything a refused write could have touched, in a form two snapshots can be compared by.
# The sync sequence head is left out: every synced write attempt moves it on (it orders commits, holds no data).
GRAPH_SNAPSHOT = """
MATCH (n) WHERE NOT n:Migration AND NOT n:MigrationLock AND NOT n:ChangeHead AND NOT n:AuditEvent AND NOT n:AuditHead
WITH n ORDER BY n.id
WITH collect([labels(n), properties(n)]) AS nodes
OPTIONAL MATCH (a)-[r]->(b)
WHERE NOT a:AuditEvent AND NOT b:AuditEvent AND NOT a:AuditHead AND NOT b:AuditHead
WITH nodes, r, a, b ORDER BY a.id, type(r), b.id
RETURN nodes, collect([a.id, type(r), properties(r), b.id]) AS relationships
"""


async def create_organization(graph: Graph, code: str, governorate: str = "TN-11", kind: str = "NGO") -> str:
    row = await graph.write_one(CREATE_ORGANIZATION, {"code": code, "name": f"Org {code}", "governorate": governorate,
                                                      "kind": kind})
    assert row is not None
    return str(row["id"])


async def create_member(graph: Graph, organization_id: str, username: str, role: str) -> tuple[str, str]:
    row = await graph.write_one(CREATE_MEMBER, {"org": organization_id, "username": username, "role": role})
    assert row is not None, f"no organization {organization_id}"
    return str(row["userId"]), str(row["sessionId"])


async def organization_by_code(graph: Graph, code: str) -> str | None:
    row = await graph.read_one(ORGANIZATION_BY_CODE, {"code": code})
    return str(row["id"]) if row else None


async def graph_snapshot(graph: Graph) -> dict[str, Any]:
    row = await graph.read_one(GRAPH_SNAPSHOT)
    assert row is not None
    return {"nodes": row["nodes"], "relationships": row["relationships"]}

DISABLE_USER = "MATCH (u:User {id: $id}) SET u.disabled = true RETURN u.id AS id"


async def disable_user(graph: Graph, user_id: str) -> None:
    assert await graph.write_one(DISABLE_USER, {"id": user_id}) is not None
