"""Cypher for perpetrators (suspected persons and companies) and their part in cases.

A perpetrator's identity (names, document or registration number) is sealed on the node under its own data key,
exactly as a victim's identity is (graph/protected/); destroying the key erases it for good. The role (HTCDS:
recruiter, transporter, exploiter, broker, other) and the victim's relation live on the case's INVOLVES edge, so
one perpetrator can play different parts in different cases.
"""

from __future__ import annotations

from typing import Any, LiteralString

from graph.access.repository import CASE_VISIBLE, PERPETRATOR_VISIBLE, REPORT_VISIBLE
from graph.access.scope import Scope
from graph.changefeed.repository import CHANGE_SEQ, CHANGE_TICK
from graph.db import Graph, Record, Transaction

PERPETRATOR_PROJECTION = """
// unscoped: a projection of a perpetrator already matched in scope; the case count names no case
p {.id, .kind, .alias, .sex, .nationality, .ageBand, createdAt: p.createdAt,
    updatedAt: p.updatedAt, erased: p.shreddedAt IS NOT NULL,
    cases: COUNT { MATCH (p)<-[:INVOLVES]-(:Case) }}"""

CREATE_PERPETRATOR = (
    CHANGE_TICK
    + """
MATCH (c:Case {id: $caseId})
WHERE """
    + CASE_VISIBLE
    + """
CREATE (p:Perpetrator {id: $id, kind: $fields.kind, alias: $fields.alias, sex: $fields.sex,
    nationality: $fields.nationality, ageBand: $fields.ageBand, fullNameSealed: $sealed.fullName,
    otherNamesSealed: $sealed.otherNames, documentNumberSealed: $sealed.documentNumber,
    registrationNumberSealed: $sealed.registrationNumber, nameIndex: $nameIndex, createdBy: $scope.user,
    createdByOrg: $scope.org, createdAt: datetime(), updatedAt: datetime(), version: 1})
CREATE (p)-[:SEALED_WITH]->(:DataKey {id: $key.id, kekId: $key.kekId, wrapped: $key.wrapped, createdAt: datetime()})
CREATE (c)-[:INVOLVES {role: $role, victimRelation: $relation, addedAt: datetime(), addedBy: $scope.user,
                       addedByOrg: $scope.org}]->(p)
SET c.updatedAt = datetime(), c.syncSeq = """ + CHANGE_SEQ + """
RETURN """
    + PERPETRATOR_PROJECTION
    + """ AS perpetrator
"""
)

# The same person or company in another case: the caller must see both (in practice, national roles or one owner).
INVOLVE_EXISTING = (
    CHANGE_TICK
    + """
MATCH (c:Case {id: $caseId})
WHERE """
    + CASE_VISIBLE
    + """
MATCH (p:Perpetrator {id: $perpetratorId})
WHERE """
    + PERPETRATOR_VISIBLE
    + """
MERGE (c)-[r:INVOLVES]->(p)
ON CREATE SET r.addedAt = datetime(), r.addedBy = $scope.user, r.addedByOrg = $scope.org
SET r.role = $role, r.victimRelation = $relation, c.updatedAt = datetime(), c.syncSeq = """ + CHANGE_SEQ + """
RETURN """
    + PERPETRATOR_PROJECTION
    + """ AS perpetrator
"""
)

PERPETRATORS_OF_CASES = (
    """
UNWIND $ids AS wanted
MATCH (c:Case {id: wanted})
WHERE """
    + CASE_VISIBLE
    + """
MATCH (c)-[r:INVOLVES]->(p:Perpetrator)
RETURN c.id AS caseId, r.role AS role, r.victimRelation AS victimRelation, """
    + PERPETRATOR_PROJECTION
    + """ AS perpetrator,
       COUNT { MATCH (p)<-[:INVOLVES]-(o:Case) WHERE o <> c } AS otherCases
ORDER BY r.addedAt, p.id
"""
)

PERPETRATORS_BY_IDS = (
    """
UNWIND $ids AS wanted
MATCH (p:Perpetrator {id: wanted})
WHERE """
    + PERPETRATOR_VISIBLE
    + """
RETURN """
    + PERPETRATOR_PROJECTION
    + """ AS perpetrator
"""
)

READ_IDENTITY = (
    """
MATCH (p:Perpetrator {id: $id})
WHERE """
    + PERPETRATOR_VISIBLE
    + """
OPTIONAL MATCH (p)-[:SEALED_WITH]->(dk:DataKey)
RETURN {fullName: p.fullNameSealed, otherNames: p.otherNamesSealed, documentNumber: p.documentNumberSealed,
        registrationNumber: p.registrationNumberSealed} AS sealed,
       CASE WHEN dk IS NULL THEN null ELSE {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped} END AS key
"""
)

# Crypto-shredding, as for victims: the key goes, the name index with it; the ciphertexts never open again.
SHRED_IDENTITY = (
    """
MATCH (p:Perpetrator {id: $id})
WHERE $scope.national AND """
    + PERPETRATOR_VISIBLE
    + """
OPTIONAL MATCH (p)-[:SEALED_WITH]->(dk:DataKey)
DETACH DELETE dk
REMOVE p.nameIndex
SET p.shreddedAt = datetime(), p.shreddedBy = $scope.user, p.updatedAt = datetime()
RETURN p.id AS id
"""
)

# A case's crime as a package carries it (variable ``c``), as the entries of a map: perpetrators (sealed identity
# and key), identifiers (sealed value and key), route. Embedded by statements that scope ``c`` themselves.
CASE_CRIME: LiteralString = """
  perpetrators: [(c)-[r:INVOLVES]->(p:Perpetrator) |
   {role: r.role, victimRelation: r.victimRelation, id: p.id, kind: p.kind, alias: p.alias,
    nationality: p.nationality, sealed: {fullName: p.fullNameSealed, otherNames: p.otherNamesSealed,
    documentNumber: p.documentNumberSealed, registrationNumber: p.registrationNumberSealed},
    key: [(p)-[:SEALED_WITH]->(dk:DataKey) | {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped}][0]}],
  identifiers: [(c)-[:MENTIONS]->(i:Identifier) | {id: i.id, kind: i.kind, platform: i.platform, sealed: i.valueSealed,
    key: [(i)-[:SEALED_WITH]->(dk:DataKey) | {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped}][0]}]
  + [(c)-[:INVOLVES]->(:Perpetrator)-[:USES]->(i:Identifier) | {id: i.id, kind: i.kind, platform: i.platform,
    sealed: i.valueSealed,
    key: [(i)-[:SEALED_WITH]->(dk:DataKey) | {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped}][0]}],
  route: [(c)-[:HAS_ROUTE_EVENT]->(e:RouteEvent) | e {.type, .country, .place, .occurredOn, .createdAt,
    governorate: [(e)-[:LOCATED_IN]->(g:Governorate) | g.code][0]}]"""

# Everything about the crime a transmission of this report may carry: the linked case's perpetrators (sealed
# identity and key), identifiers (sealed value and key), route, and the protected persons of the case and of the
# report (sealed identity, key, and the measures that decide whether the identity may travel).
PACKAGE_SOURCE = (
    """
MATCH (rep:Report {id: $reportId})
WHERE """
    + REPORT_VISIBLE
    + """
OPTIONAL MATCH (rep)-[:LINKED_TO]->(c:Case)
WITH rep, c, {"""
    + CASE_CRIME
    + """} AS crime
RETURN crime.perpetrators AS perpetrators, crime.identifiers AS identifiers, crime.route AS route,
  [(pp:ProtectedPerson)-[:PROTECTED_IN]->(x) WHERE x = c OR x = rep |
   {id: pp.id, role: pp.role, alias: pp.alias, riskLevel: pp.riskLevel,
    sealed: {fullName: pp.fullNameSealed, contact: pp.contactSealed},
    key: [(pp)-[:SEALED_WITH]->(dk:DataKey) | {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped}][0],
    measures: [(pp)-[:HAS_MEASURE]->(m:ProtectionMeasure) | m {.kind, .status}]}] AS protectedPersons
"""
)



async def create_perpetrator(tx: Transaction, scope: Scope, params: dict[str, Any]) -> Record | None:
    row = await tx.run_one(CREATE_PERPETRATOR, {**params, **scope.params()})
    return None if row is None else row["perpetrator"]


async def involve_existing(tx: Transaction, scope: Scope, case_id: str, perpetrator_id: str, role: str,
                           relation: str | None) -> Record | None:
    row = await tx.run_one(INVOLVE_EXISTING, {"caseId": case_id, "perpetratorId": perpetrator_id, "role": role,
                                              "relation": relation, **scope.params()})
    return None if row is None else row["perpetrator"]


async def perpetrators_of_cases(graph: Graph, scope: Scope, ids: list[str]) -> list[Record]:
    return await graph.read(PERPETRATORS_OF_CASES, {"ids": ids, **scope.params()})


async def perpetrators_by_ids(graph: Graph, scope: Scope, ids: list[str]) -> list[Record]:
    return [row["perpetrator"] for row in await graph.read(PERPETRATORS_BY_IDS, {"ids": ids, **scope.params()})]


async def read_identity(graph: Graph, scope: Scope, perpetrator_id: str) -> Record | None:
    return await graph.read_one(READ_IDENTITY, {"id": perpetrator_id, **scope.params()})


async def shred_identity(graph: Graph, scope: Scope, perpetrator_id: str) -> bool:
    return await graph.write_one(SHRED_IDENTITY, {"id": perpetrator_id, **scope.params()}) is not None


async def package_source(graph: Graph, scope: Scope, report_id: str) -> Record | None:
    return await graph.read_one(PACKAGE_SOURCE, {"reportId": report_id, **scope.params()})


# Seeding only: whether a case already has perpetrators (the demo adds its own once), and the synthetic cases.
CASE_PERPETRATOR_COUNT = """
// unscoped: the demo seed (system)
MATCH (c:Case {id: $caseId}) RETURN COUNT { (c)-[:INVOLVES]->(:Perpetrator) } AS n
"""
SYNTHETIC_CASES = """
// unscoped: the synthetic seed (system)
MATCH (o:Organization)<-[:OWNED_BY]-(c:Case)
WHERE o.code STARTS WITH 'SYN-'
RETURN c.id AS id, [(c)-[:LOCATED_IN]->(g:Governorate) | g.code][0] AS governorate
ORDER BY c.id
"""


async def case_perpetrator_count(graph: Graph, case_id: str) -> int:
    row = await graph.read_one(CASE_PERPETRATOR_COUNT, {"caseId": case_id})
    return int(row["n"]) if row else 0


async def synthetic_cases(graph: Graph) -> list[Record]:
    return await graph.read(SYNTHETIC_CASES)
