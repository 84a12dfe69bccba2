"""Cypher for link analysis: cases that meet through shared identifiers, perpetrators or places (addresses).

Paths are bounded: at most four relationships between two cases (case → perpetrator → identifier ← perpetrator
← case), each branch capped, so one heavily shared identifier cannot blow up a query. National roles get every
path; other callers only counts per piece of evidence of their own case (nothing about the other cases leaves the
database for them). Suspected networks are connected components over the same evidence, computed by the worker
from a projection (see api/links/rules.py) and stored as ``(:SuspectedNetwork)-[:INCLUDES]->(:Case)``.
"""

from __future__ import annotations

from typing import Any, LiteralString

from graph.access.repository import CASE_VISIBLE
from graph.access.scope import Scope
from graph.db import Graph, Record

# Yields ``o`` (another case), ``path``, ``kind`` (identifier kind, or PERPETRATOR) and ``shared`` (the identifier or
# perpetrator both cases reach) for the case ``c``.
LINK_PATHS = """
CALL (c) {
  MATCH path = (c)-[:MENTIONS]->(i:Identifier)<-[:MENTIONS]-(o:Case)
  WHERE o <> c
  RETURN o, path, i.kind AS kind, i AS shared LIMIT $branchLimit
  UNION
  MATCH path = (c)-[:INVOLVES]->(p:Perpetrator)<-[:INVOLVES]-(o:Case)
  WHERE o <> c
  RETURN o, path, 'PERPETRATOR' AS kind, p AS shared LIMIT $branchLimit
  UNION
  MATCH path = (c)-[:MENTIONS]->(i:Identifier)<-[:USES]-(:Perpetrator)<-[:INVOLVES]-(o:Case)
  WHERE o <> c
  RETURN o, path, i.kind AS kind, i AS shared LIMIT $branchLimit
  UNION
  MATCH path = (c)-[:INVOLVES]->(:Perpetrator)-[:USES]->(i:Identifier)<-[:MENTIONS]-(o:Case)
  WHERE o <> c
  RETURN o, path, i.kind AS kind, i AS shared LIMIT $branchLimit
  UNION
  MATCH path = (c)-[:INVOLVES]->(p:Perpetrator)-[:USES]->(i:Identifier)<-[:USES]-(q:Perpetrator)<-[:INVOLVES]-(o:Case)
  WHERE o <> c AND p <> q
  RETURN o, path, i.kind AS kind, i AS shared LIMIT $branchLimit
}
"""

# For every caller who may see the case: per piece of evidence of this case, how many other cases share it. A row
# comes back whenever the case is visible (no links: an empty list).
CASE_LINK_COUNTS: LiteralString = (
    """
MATCH (c:Case {id: $caseId})
WHERE """
    + CASE_VISIBLE
    + "\nOPTIONAL"
    + LINK_PATHS
    + """
WITH c, shared AS evidence, kind, o
WITH c, collect(DISTINCT o) AS linked,
     collect(CASE WHEN evidence IS NULL THEN null ELSE {e: evidence, kind: kind, o: o} END) AS rows
UNWIND (CASE WHEN rows = [] THEN [null] ELSE rows END) AS row
WITH c, size(linked) AS linkedCases, row.e AS evidence, row.kind AS kind, count(DISTINCT row.o) AS otherCases
RETURN c.id AS caseId, linkedCases,
       collect(CASE WHEN evidence IS NULL THEN null
               ELSE {id: evidence.id, type: labels(evidence)[0], kind: kind, otherCases: otherCases} END) AS evidence
"""
)

# National roles only (checked here as well as in the rules): every linked case with its paths and decision.
CASE_LINK_DETAILS: LiteralString = (
    """
MATCH (c:Case {id: $caseId})
WHERE $scope.national AND """
    + CASE_VISIBLE
    + LINK_PATHS
    + """
WITH c, o, collect({kind: kind,
                    steps: [n IN nodes(path) | {type: labels(n)[0], id: n.id,
                                                label: CASE WHEN n:Case THEN n.reference
                                                            WHEN n:Perpetrator THEN n.alias
                                                            ELSE n.kind END}],
                    relationships: [r IN relationships(path) | type(r)]}) AS paths
WITH c, o, paths ORDER BY size(paths) DESC, o.openedAt DESC, o.id LIMIT $limit
RETURN o.id AS caseId, o.reference AS reference, paths[..$pathLimit] AS paths, size(paths) AS pathCount,
       [(c)-[d:CASE_LINK]-(o) | d {.status, .reason, decidedAt: d.decidedAt, decidedBy: d.decidedBy}][0] AS decision
"""
)

# A coordinator's decision on a suggested link; the relationship is stored once per pair (lower id first).
DECIDE_LINK = (
    """
MATCH (a:Case {id: $first}), (b:Case {id: $second})
WHERE $scope.national AND a <> b
MERGE (a)-[d:CASE_LINK]->(b)
SET d.status = $status, d.reason = $reason, d.decidedAt = datetime(), d.decidedBy = $scope.user
RETURN d {.status, .reason, decidedAt: d.decidedAt, decidedBy: d.decidedBy} AS decision
"""
)

# The projection suspected networks are computed from: (case, evidence) pairs, plus confirmed links.
EVIDENCE_PAIRS = """
// unscoped: the network recomputation (system, or a national caller); only aggregates leave it
MATCH (c:Case)-[:MENTIONS|INVOLVES]->(e)
RETURN c.id AS caseId, e.id AS evidenceId, labels(e)[0] AS type
UNION ALL
MATCH (c:Case)-[:INVOLVES]->(:Perpetrator)-[:USES]->(i:Identifier)
RETURN c.id AS caseId, i.id AS evidenceId, 'Identifier' AS type
UNION ALL
MATCH (a:Case)-[:CASE_LINK {status: 'CONFIRMED'}]->(b:Case)
RETURN a.id AS caseId, 'link:' + a.id + ':' + b.id AS evidenceId, 'CaseLink' AS type
UNION ALL
MATCH (a:Case)-[:CASE_LINK {status: 'CONFIRMED'}]->(b:Case)
RETURN b.id AS caseId, 'link:' + a.id + ':' + b.id AS evidenceId, 'CaseLink' AS type
"""

CLEAR_NETWORKS = """
// unscoped: the network recomputation (system)
MATCH (n:SuspectedNetwork)
DETACH DELETE n
"""

# One statement: the old snapshot goes and the new one is written (readers see one or the other).
WRITE_NETWORKS = """
// unscoped: the network recomputation (system)
CALL () {
  MATCH (old:SuspectedNetwork)
  DETACH DELETE old
}
UNWIND $networks AS net
CREATE (n:SuspectedNetwork {id: net.id, rank: net.rank, size: net.size, identifiers: net.identifiers,
                            perpetrators: net.perpetrators, confirmedLinks: net.confirmedLinks,
                            computedAt: datetime()})
WITH n, net
UNWIND net.caseIds AS caseId
MATCH (c:Case {id: caseId})
CREATE (n)-[:INCLUDES]->(c)
WITH DISTINCT n
MATCH (n)-[:INCLUDES]->(c:Case)
WITH n, max(c.updatedAt) AS latest, collect(DISTINCT [(c)-[:LOCATED_IN]->(g:Governorate) | g.code][0]) AS govs
SET n.latestActivityAt = latest, n.governorates = govs
RETURN count(n) AS written
"""

# Ranked by size, then by the latest activity on any of their cases; with the size of the whole snapshot.
LIST_NETWORKS = """
CALL () {
  MATCH (n:SuspectedNetwork)
  WHERE $scope.national
  RETURN count(n) AS total, max(n.computedAt) AS computedAt
}
CALL () {
  MATCH (n:SuspectedNetwork)
  WHERE $scope.national AND n.size >= $minSize
  WITH n ORDER BY n.size DESC, n.latestActivityAt DESC, n.id LIMIT $limit
  RETURN collect(n {.id, .size, .identifiers, .perpetrators, .confirmedLinks, .governorates,
                    latestActivityAt: n.latestActivityAt,
                    caseIds: [(n)-[:INCLUDES]->(c:Case) | c.id][..$casesPerNetwork]}) AS networks
}
RETURN total, computedAt, networks
"""

# For the benchmark: the same queries under PROFILE, to read their database hits.
PROFILE_CASE_LINK_DETAILS: LiteralString = "PROFILE " + CASE_LINK_DETAILS
PROFILE_LIST_NETWORKS: LiteralString = "PROFILE " + LIST_NETWORKS


async def case_link_counts(graph: Graph, scope: Scope, case_id: str, branch_limit: int) -> Record | None:
    return await graph.read_one(CASE_LINK_COUNTS, {"caseId": case_id, "branchLimit": branch_limit, **scope.params()})


async def case_link_details(graph: Graph, scope: Scope, case_id: str, *, branch_limit: int, limit: int,
                            path_limit: int) -> list[Record]:
    return await graph.read(CASE_LINK_DETAILS, {"caseId": case_id, "branchLimit": branch_limit, "limit": limit,
                                                "pathLimit": path_limit, **scope.params()})


async def decide_link(graph: Graph, scope: Scope, first: str, second: str, status: str,
                      reason: str) -> Record | None:
    return await graph.write_one(DECIDE_LINK, {"first": first, "second": second, "status": status,
                                               "reason": reason, **scope.params()})


async def evidence_pairs(graph: Graph) -> list[Record]:
    return await graph.read(EVIDENCE_PAIRS)


async def write_networks(graph: Graph, networks: list[dict[str, Any]]) -> int:
    if not networks:
        await graph.write(CLEAR_NETWORKS)
        return 0
    row = await graph.write_one(WRITE_NETWORKS, {"networks": networks})
    return int(row["written"]) if row else 0


async def list_networks(graph: Graph, scope: Scope, *, min_size: int, limit: int,
                        cases_per_network: int) -> tuple[int, Any, list[Record]]:
    params = {"minSize": min_size, "limit": limit, "casesPerNetwork": cases_per_network, **scope.params()}
    row = await graph.read_one(LIST_NETWORKS, params)
    assert row is not None
    return int(row["total"]), row["computedAt"], list(row["networks"])
PROFILE_CASE_LINK_COUNTS: LiteralString = "PROFILE " + CASE_LINK_COUNTS


def _db_hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(_db_hits(child) for child in plan.get("children", []))


async def profiled_db_hits(graph: Graph, query: LiteralString, params: dict[str, Any]) -> int:
    """Total database hits of one PROFILEd run (benchmarks only)."""
    _, summary, _ = await graph.driver.execute_query(query, params, database_=graph.database)
    return _db_hits(summary.profile or {})


async def profile_case_links(graph: Graph, scope: Scope, case_id: str, *, branch_limit: int, limit: int,
                             path_limit: int) -> tuple[int, int]:
    """(db hits of the counts query, db hits of the details query) for one case."""
    counts = await profiled_db_hits(graph, PROFILE_CASE_LINK_COUNTS, {"caseId": case_id, "branchLimit": branch_limit,
                                                                      **scope.params()})
    details = await profiled_db_hits(graph, PROFILE_CASE_LINK_DETAILS, {
        "caseId": case_id, "branchLimit": branch_limit, "limit": limit, "pathLimit": path_limit, **scope.params()})
    return counts, details


async def profile_networks(graph: Graph, scope: Scope, *, min_size: int, limit: int, cases_per_network: int) -> int:
    return await profiled_db_hits(graph, PROFILE_LIST_NETWORKS, {"minSize": min_size, "limit": limit,
                                                                 "casesPerNetwork": cases_per_network,
                                                                 **scope.params()})
