"""Cypher for publishing guidelines: drafts, approval by a second coordinator, numbered published versions.

The guideline first loaded from ``seed/reference/guidelines.json`` (a ReferenceItem) is version 1 (or what the file
says); every publication takes the next number for its actor type, under a per-actor-type counter that is locked
first, so two publications never share a number. Published versions are never changed or removed: old versions
stay readable. Front-line organisations say which actor types their staff are (``Organization.actorTypes``); their
members hear of a new version (GUIDELINE_PUBLISHED), and devices find it through ``changes()``.
"""

from __future__ import annotations

from typing import Any

from graph.alerts.repository import ADD_RECIPIENTS
from graph.changefeed.repository import CHANGE_SEQ, CHANGE_TICK
from graph.db import Graph, Record

GUIDELINE_VERSION_PROJECTION = """gv {.id, .actorType, .status, .version, .titleFr, .titleAr, .titleEn, .data,
    .authorId, .approvedBy, .publishedBy, .catalogueVersion,
    effectiveDate: toString(gv.effectiveDate), createdAt: toString(gv.createdAt),
    approvedAt: toString(gv.approvedAt), publishedAt: toString(gv.publishedAt), updatedAt: toString(gv.updatedAt)}"""

CREATE_DRAFT = (
    """
MATCH (base:ReferenceItem {kind: 'GUIDELINE', code: $draft.actorType})
CREATE (gv:GuidelineVersion {id: $draft.id, actorType: $draft.actorType, status: 'DRAFT',
    titleFr: $draft.titleFr, titleAr: $draft.titleAr, titleEn: $draft.titleEn, data: $draft.data,
    catalogueVersion: base.version, baseVersion: $draft.baseVersion, authorId: $scope.user,
    createdAt: datetime(), updatedAt: datetime()})
RETURN """
    + GUIDELINE_VERSION_PROJECTION
    + """ AS guideline
"""
)

# A second national user approves: never the author.
APPROVE = (
    """
MATCH (gv:GuidelineVersion {id: $id})
WHERE $scope.national
SET gv._lock = true
REMOVE gv._lock
WITH gv, CASE WHEN gv.status <> 'DRAFT' THEN 'NOT_DRAFT'
              WHEN gv.authorId = $scope.user THEN 'SELF_APPROVAL' ELSE 'OK' END AS outcome
CALL (gv, outcome) {
  WITH gv, outcome WHERE outcome = 'OK'
  SET gv.status = 'APPROVED', gv.approvedBy = $scope.user, gv.approvedAt = datetime(), gv.updatedAt = datetime()
}
RETURN outcome, """
    + GUIDELINE_VERSION_PROJECTION
    + """ AS guideline
"""
)

# Publication: the actor type's counter is locked first, then the draft is checked and numbered.
PUBLISH = (
    CHANGE_TICK
    + """
MATCH (gv:GuidelineVersion {id: $id})
WHERE $scope.national
MATCH (base:ReferenceItem {kind: 'GUIDELINE', code: gv.actorType})
MERGE (counter:Counter {name: 'guideline:' + gv.actorType})
SET counter._lock = true
REMOVE counter._lock
WITH gv, base, counter, CASE WHEN gv.status = 'PUBLISHED' THEN 'ALREADY_PUBLISHED'
                             WHEN gv.status <> 'APPROVED' THEN 'NOT_APPROVED' ELSE 'OK' END AS outcome
CALL (gv, base, counter, outcome) {
  WITH gv, base, counter, outcome WHERE outcome = 'OK'
  SET counter.value = coalesce(counter.value, gv.baseVersion, 1) + 1
  SET gv.status = 'PUBLISHED', gv.version = counter.value, gv.versionKey = gv.actorType + ':' + toString(counter.value),
      gv.effectiveDate = $effectiveDate, gv.publishedAt = datetime(), gv.publishedBy = $scope.user,
      gv.updatedAt = datetime(), gv.syncSeq = """ + CHANGE_SEQ + """
  WITH gv
  CALL (gv) {
    OPTIONAL MATCH (u:User)-[:MEMBER_OF]->(o:Organization)
    WHERE gv.actorType IN coalesce(o.actorTypes, []) AND NOT coalesce(u.disabled, false)
    WITH gv, collect(DISTINCT u) AS recipients
    OPTIONAL MATCH (o:Organization)
    WHERE gv.actorType IN coalesce(o.actorTypes, [])
    WITH gv, recipients, collect(o) AS orgs
    WHERE size(recipients) > 0 OR size(orgs) > 0
    CREATE (a:Alert {id: randomUUID(), kind: 'GUIDELINE_PUBLISHED', urgent: false, subjectType: 'GuidelineVersion',
                     subjectId: gv.id, createdAt: datetime()})
    WITH a, recipients, orgs
"""
    + ADD_RECIPIENTS
    + """
  }
}
RETURN outcome, """
    + GUIDELINE_VERSION_PROJECTION
    + """ AS guideline
"""
)

BASE_VERSION = """
MATCH (base:ReferenceItem {kind: 'GUIDELINE', code: $actorType})
RETURN base.data AS data, base.labelFr AS labelFr, base.labelAr AS labelAr, base.labelEn AS labelEn
"""

# Drafts and approvals are the authority's; published versions are readable by every signed-in member.
LIST_VERSIONS = (
    """
MATCH (gv:GuidelineVersion)
WHERE ($actorType IS NULL OR gv.actorType = $actorType) AND ($scope.national OR gv.status = 'PUBLISHED')
  AND ($status IS NULL OR gv.status = $status)
WITH gv ORDER BY gv.actorType, coalesce(gv.version, 1000000) DESC, gv.createdAt DESC
LIMIT $limit
RETURN """
    + GUIDELINE_VERSION_PROJECTION
    + """ AS guideline
"""
)

# One published version by number, or the one in force today (latest published with an effective date reached).
PUBLISHED_VERSION = (
    """
MATCH (gv:GuidelineVersion {actorType: $actorType, status: 'PUBLISHED'})
WHERE ($version IS NULL AND gv.effectiveDate <= date()) OR gv.version = $version
WITH gv ORDER BY gv.version DESC LIMIT 1
RETURN """
    + GUIDELINE_VERSION_PROJECTION
    + """ AS guideline
"""
)

SET_ACTOR_TYPES = CHANGE_TICK + """
MATCH (o:Organization {code: $code})
WHERE $scope.national
SET o.actorTypes = $actorTypes, o.updatedAt = datetime(),
    o.syncSeq = """ + CHANGE_SEQ + """, o.version = coalesce(o.version, 0) + 1
RETURN o.code AS code, o.actorTypes AS actorTypes
"""

KNOWN_ACTOR_TYPES = "MATCH (n:ReferenceItem {kind: 'GUIDELINE'}) RETURN collect(n.code) AS codes"


async def create_draft(graph: Graph, draft: dict[str, Any], scope: dict[str, Any]) -> Record | None:
    row = await graph.write_one(CREATE_DRAFT, {"draft": draft, **scope})
    return row["guideline"] if row else None


async def approve(graph: Graph, version_id: str, scope: dict[str, Any]) -> Record | None:
    return await graph.write_one(APPROVE, {"id": version_id, **scope})


async def base_version(graph: Graph, actor_type: str) -> Record | None:
    return await graph.read_one(BASE_VERSION, {"actorType": actor_type})


async def publish(graph: Graph, version_id: str, effective_date: Any, scope: dict[str, Any]) -> Record | None:
    return await graph.write_one(PUBLISH, {"id": version_id, "effectiveDate": effective_date, **scope})


async def list_versions(graph: Graph, actor_type: str | None, status: str | None, limit: int,
                        scope: dict[str, Any]) -> list[Record]:
    rows = await graph.read(LIST_VERSIONS, {"actorType": actor_type, "status": status, "limit": limit, **scope})
    return [row["guideline"] for row in rows]


async def published_version(graph: Graph, actor_type: str, version: int | None) -> Record | None:
    row = await graph.read_one(PUBLISHED_VERSION, {"actorType": actor_type, "version": version})
    return row["guideline"] if row else None


async def set_actor_types(graph: Graph, code: str, actor_types: list[str], scope: dict[str, Any]) -> Record | None:
    return await graph.write_one(SET_ACTOR_TYPES, {"code": code, "actorTypes": actor_types, **scope})


async def known_actor_types(graph: Graph) -> set[str]:
    row = await graph.read_one(KNOWN_ACTOR_TYPES)
    return set(row["codes"]) if row else set()
