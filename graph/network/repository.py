"""Cypher for coordinators' network analytics: referral statistics, coverage gaps and partnership paths."""

from __future__ import annotations

from graph.access.repository import NETWORK_VISIBLE
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.organizations.repository import ORGANIZATION_PROJECTION
from graph.services.repository import SERVICE_PROJECTION

# One round trip: the organisation, its partners and its referral statistics.
# Sent: referrals for cases the organisation owns. Received, accepted, declined and the median response time:
# referrals to the organisation's services (ACCEPTED and COMPLETED both count as accepted).
ORGANIZATION_NETWORK = (
    """
MATCH (o:Organization {code: $code})
WHERE """
    + NETWORK_VISIBLE
    + """
WITH o AS me
CALL (me) {
  OPTIONAL MATCH (sent:Referral)-[:FOR_CASE]->(:Case)-[:OWNED_BY]->(me)
  RETURN count(DISTINCT sent) AS sent
}
CALL (me) {
  OPTIONAL MATCH (ref:Referral)-[:TO_SERVICE]->(:Service)-[:PROVIDED_BY]->(me)
  WITH DISTINCT ref
  WITH ref, CASE WHEN ref.respondedAt IS NOT NULL AND ref.createdAt IS NOT NULL
                 THEN duration.inSeconds(ref.createdAt, ref.respondedAt).seconds / 60.0 END AS minutes
  RETURN count(ref) AS received,
         count(CASE WHEN ref.status IN ['ACCEPTED', 'COMPLETED'] THEN 1 END) AS accepted,
         count(CASE WHEN ref.status = 'DECLINED' THEN 1 END) AS declined,
         percentileCont(minutes, 0.5) AS medianResponseMinutes
}
CALL (me) {
  OPTIONAL MATCH (me)-[p:PARTNERS_WITH]-(o:Organization)
  WITH p, o ORDER BY o.code
  RETURN collect(CASE WHEN o IS NULL THEN null ELSE {since: p.since, agreement: p.agreement, organization: """
    + ORGANIZATION_PROJECTION
    + """} END) AS partnerRows
}
WITH me AS o, sent, received, accepted, declined, medianResponseMinutes, partnerRows
RETURN """
    + ORGANIZATION_PROJECTION
    + """ AS organization, partnerRows,
       {sent: sent, received: received, accepted: accepted, declined: declined,
        medianResponseMinutes: medianResponseMinutes} AS statistics
"""
)

# One round trip: governorates no fitting service covers, each with the nearest fitting service elsewhere.
COVERAGE_GAPS = (
    """
MATCH (g:Governorate)
WHERE """
    + NETWORK_VISIBLE
    + """
  AND NOT EXISTS {
    MATCH (c:Service {category: $category, status: 'ACTIVE'})-[:COVERS]->(g)
    WHERE c.capacityAvailable > 0 AND ($language IS NULL OR $language IN c.languages)
  }
CALL (g) {
  OPTIONAL MATCH (s:Service {category: $category, status: 'ACTIVE'})
  WHERE s.capacityAvailable > 0 AND ($language IS NULL OR $language IN s.languages) AND s.location IS NOT NULL
  WITH s, point.distance(s.location, g.centroid) AS metres
  ORDER BY metres, s.id
  LIMIT 1
  RETURN CASE WHEN s IS NULL THEN null ELSE """
    + SERVICE_PROJECTION
    + """ END AS nearest, metres
}
RETURN g {.code, .slug, .nameFr, .nameAr, .nameEn, lat: g.centroid.latitude, lon: g.centroid.longitude,
          adjacent: [(g)-[:ADJACENT_TO]-(h:Governorate) | h.code]} AS governorate,
       nearest, metres / 1000.0 AS distanceKm
ORDER BY g.code
"""
)

# One round trip: the shortest chain of partnerships (at most 6 hops) between two organisations.
PARTNERSHIP_PATH = (
    """
MATCH (start:Organization {code: $fromCode})
MATCH (goal:Organization {code: $toCode})
WHERE """
    + NETWORK_VISIBLE
    + """ AND start <> goal
MATCH path = shortestPath((start)-[:PARTNERS_WITH*..6]-(goal))
UNWIND range(0, size(nodes(path)) - 1) AS position
WITH position, nodes(path)[position] AS o
ORDER BY position
RETURN collect("""
    + ORGANIZATION_PROJECTION
    + """) AS path
"""
)


async def organization_network(graph: Graph, scope: Scope, code: str) -> Record | None:
    return await graph.read_one(ORGANIZATION_NETWORK, {**scope.params(), "code": code})


async def coverage_gaps(graph: Graph, scope: Scope, category: str, language: str | None) -> list[Record]:
    return await graph.read(COVERAGE_GAPS, {**scope.params(), "category": category, "language": language})


async def partnership_path(graph: Graph, scope: Scope, from_code: str, to_code: str) -> list[Record] | None:
    row = await graph.read_one(PARTNERSHIP_PATH, {**scope.params(), "fromCode": from_code, "toCode": to_code})
    if row is None or not row["path"]:
        return None
    return list(row["path"])
