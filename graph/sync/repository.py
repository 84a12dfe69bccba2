"""Cypher for delta sync: what changed for a caller since a (syncSeq, key) cursor, and tombstones.

One query: one branch per entity type (each through the graph/access fragments, each limited), merged and cut
to one page ordered by (syncSeq, key): the commit-ordered sequence of graph/changefeed/, so a transaction that
commits after a page was read is never behind that page's cursor. The key is the entity's id, or the tombstone's
own id (one transaction's records share a sequence number).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import LiteralString

from graph.access.repository import CASE_VISIBLE, NETWORK_VISIBLE, REFERRAL_VISIBLE, REPORT_VISIBLE
from graph.access.scope import Scope
from graph.cases.repository import CASE_PROJECTION
from graph.db import Graph, Record
from graph.guidelines.repository import GUIDELINE_VERSION_PROJECTION
from graph.organizations.repository import ORGANIZATION_PROJECTION
from graph.referrals.repository import REFERRAL_PROJECTION
from graph.services.repository import SERVICE_PROJECTION
from graph.victims.repository import VICTIM_PROJECTION, VICTIM_WORKABLE

REPORT_PROJECTION = """rep {.id, .reference, .channel, .status, .place, .occurredOn, .exploitationForms, .indicators,
    .personsAtRisk, .minorsInvolved, .urgency, .reporterAgreesToShareIdentity,
    receivedAt: toString(rep.receivedAt), updatedAt: toString(rep.updatedAt),
    qualifiedAt: toString(rep.qualifiedAt), version: coalesce(rep.version, 0),
    governorate: [(rep)-[:LOCATED_IN]->(rep_g:Governorate) | rep_g.code][0],
    linkedCaseId: [(rep)-[:LINKED_TO]->(rep_c:Case) | rep_c.id][0],
    hasNarrative: rep.narrativeSealed IS NOT NULL, hasReporterContact: rep.reporterContactSealed IS NOT NULL}"""


# Where a branch starts: from the beginning (records never sequenced, e.g. seeded before the sequence existed,
# count as 0), or after a cursor inside the sequence (the syncSeq index narrows the scan).
def _from_start(v: LiteralString, key: LiteralString) -> LiteralString:
    return ("coalesce(" + v + ".syncSeq, 0) < $barrier AND (coalesce(" + v + ".syncSeq, 0) > $afterSeq"
            " OR (coalesce(" + v + ".syncSeq, 0) = $afterSeq AND " + key + " > $afterKey))")


def _after_cursor(v: LiteralString, key: LiteralString) -> LiteralString:
    return (v + ".syncSeq >= $afterSeq AND " + v + ".syncSeq < $barrier AND (" + v + ".syncSeq > $afterSeq"
            " OR (" + v + ".syncSeq = $afterSeq AND " + key + " > $afterKey))")


Position = Callable[[LiteralString, LiteralString], LiteralString]


def _branch(kind: LiteralString, pattern: LiteralString, v: LiteralString, visible: LiteralString,
            projection: LiteralString, position: Position) -> LiteralString:
    """One record type: visible records after the cursor and below the barrier, in (syncSeq, id) order."""
    return (
        "  MATCH " + pattern + "\n  WHERE '" + kind + "' IN $types AND " + position(v, v + ".id") + " AND " + visible
        + "\n  WITH " + v + " ORDER BY coalesce(" + v + ".syncSeq, 0), " + v + ".id LIMIT $limit\n"
        "  RETURN '" + kind + "' AS type, coalesce(" + v + ".syncSeq, 0) AS seq, " + v + ".id AS key, "
        + projection + " AS record, null AS tombstone\n"
    )


def _changes(position: Position) -> LiteralString:
    """The whole page: one branch per type (each scoped by the graph/access fragments), merged and cut."""
    return (
        "CALL () {\n"
        + _branch("CASE", "(c:Case)", "c", CASE_VISIBLE, CASE_PROJECTION, position)
        + "  UNION ALL\n"
        + _branch("VICTIM", "(v:Victim)", "v", VICTIM_WORKABLE, VICTIM_PROJECTION, position)
        + "  UNION ALL\n"
        + _branch("REFERRAL", "(r:Referral)", "r", REFERRAL_VISIBLE, REFERRAL_PROJECTION, position)
        + "  UNION ALL\n"
        + _branch("SERVICE", "(s:Service)", "s", NETWORK_VISIBLE, SERVICE_PROJECTION, position)
        + "  UNION ALL\n"
        + _branch("ORGANIZATION", "(o:Organization)", "o", NETWORK_VISIBLE, ORGANIZATION_PROJECTION, position)
        + "  UNION ALL\n"
        + _branch("REPORT", "(rep:Report)", "rep", REPORT_VISIBLE, REPORT_PROJECTION, position)
        + "  UNION ALL\n"
        + _branch("GUIDELINE", "(gv:GuidelineVersion {status: 'PUBLISHED'})", "gv", "true",
                  GUIDELINE_VERSION_PROJECTION, position)
        + """  UNION ALL
  MATCH (t:Tombstone)
  WHERE t.entityType IN $types AND """
        + position("t", "t.id")
        + """
    AND (t.organizationId IS NULL OR (t.organizationId = $scope.org AND NOT $scope.national))
  WITH t ORDER BY coalesce(t.syncSeq, 0), t.id LIMIT $limit
  RETURN t.entityType AS type, coalesce(t.syncSeq, 0) AS seq, t.id AS key, null AS record,
         t {.entityType, .entityId, at: t.at} AS tombstone
}
WITH type, seq, key, record, tombstone
ORDER BY seq, key
LIMIT $limit
RETURN type, seq, key, record, tombstone
"""
    )


CHANGES_FROM_START = _changes(_from_start)
CHANGES_AFTER_CURSOR = _changes(_after_cursor)

# The reader's barrier: taking the head's lock waits for the writer holding it to finish, so every sequence
# number up to the head's value belongs to a transaction that is committed and applied; the page reads only
# those (below the barrier, the head plus one). The head does not move: with nothing new, the cursor stays put.
BARRIER = """
MERGE (change_head:ChangeHead {id: 'sync'}) ON CREATE SET change_head.seq = 0
SET change_head._lock = true
REMOVE change_head._lock
RETURN change_head.seq + 1 AS barrier
"""


async def barrier(graph: Graph) -> int:
    """A sequence number below which every change is committed and visible."""
    row = await graph.write_one(BARRIER)
    assert row is not None
    return int(row["barrier"])


async def changes(graph: Graph, scope: Scope, *, types: list[str], after_seq: int, after_key: str, barrier: int,
                  limit: int) -> list[Record]:
    """Visible records and tombstones with (syncSeq, key) after the cursor and syncSeq below the barrier."""
    query = CHANGES_FROM_START if after_seq <= 0 else CHANGES_AFTER_CURSOR
    return await graph.read(query, {"types": types, "afterSeq": after_seq, "afterKey": after_key,
                                    "barrier": barrier, "limit": limit, **scope.params()})


# Records written without a sequence number (seeds, data older than the sequence): numbered once, oldest first,
# under the head's lock like any write, so devices that sync after this get them in a delta.
UNSEQUENCED = """
MATCH (n)
// unscoped: maintenance (numbering records for sync), returns only internal element ids
WHERE (n:Case OR n:Victim OR n:Referral OR n:Service OR n:Organization OR n:Report OR n:GuidelineVersion
       OR n:Tombstone) AND n.syncSeq IS NULL
RETURN elementId(n) AS ref
ORDER BY coalesce(n.updatedAt, n.at, n.createdAt), n.id
"""

SEQUENCE_BATCH = """
MERGE (h:ChangeHead {id: 'sync'}) ON CREATE SET h.seq = 0
SET h.seq = h.seq + size($refs)
WITH h.seq - size($refs) AS base
UNWIND range(0, size($refs) - 1) AS i
MATCH (n)
// unscoped: maintenance (numbering records for sync)
WHERE elementId(n) = $refs[i] AND n.syncSeq IS NULL
SET n.syncSeq = base + i + 1
RETURN count(n) AS numbered
"""


async def sequence_unsequenced(graph: Graph, *, batch: int = 5000) -> int:
    """Give every synced record still without a sequence number one, in (updatedAt, id) order; how many."""
    refs = [row["ref"] for row in await graph.read(UNSEQUENCED)]
    numbered = 0
    for start in range(0, len(refs), batch):
        row = await graph.write_one(SEQUENCE_BATCH, {"refs": refs[start:start + batch]})
        numbered += int(row["numbered"]) if row else 0
    return numbered


# The position a device that last synced at a given time would hold (the benchmark's "a week offline"): the
# largest number among records last changed before then (numbered oldest first by sequence_unsequenced).
SEQUENCE_BEFORE = """
UNWIND ['Case', 'Victim', 'Referral', 'Service', 'Organization', 'Report'] AS label
CALL (label) {
  MATCH (n)
  // unscoped: the benchmark's reference position, returns one number
  WHERE label IN labels(n) AND n.updatedAt < datetime({epochMillis: $beforeMillis}) AND n.syncSeq IS NOT NULL
  RETURN max(n.syncSeq) AS top
}
RETURN coalesce(max(top), 0) AS seq
"""


async def sequence_before(graph: Graph, before_millis: int) -> int:
    row = await graph.read_one(SEQUENCE_BEFORE, {"beforeMillis": before_millis})
    return int(row["seq"]) if row else 0


# Client-generated ids: a retried creation finds the record it already made (when the caller may see it).
VISIBLE_VICTIM = (
    "MATCH (v:Victim {id: $id}) WHERE " + VICTIM_WORKABLE + " RETURN " + VICTIM_PROJECTION + " AS item"
)
VISIBLE_CASE = "MATCH (c:Case {id: $id}) WHERE " + CASE_VISIBLE + " RETURN " + CASE_PROJECTION + " AS item"
VISIBLE_REFERRAL = (
    "MATCH (r:Referral {id: $id}) WHERE " + REFERRAL_VISIBLE + " RETURN " + REFERRAL_PROJECTION + " AS item"
)
VISIBLE_REPORT = "MATCH (rep:Report {id: $id}) WHERE " + REPORT_VISIBLE + " RETURN " + REPORT_PROJECTION + " AS item"

_VISIBLE: dict[str, LiteralString] = {"Victim": VISIBLE_VICTIM, "Case": VISIBLE_CASE, "Referral": VISIBLE_REFERRAL,
                                      "Report": VISIBLE_REPORT}


async def visible_by_id(graph: Graph, scope: Scope, label: str, entity_id: str) -> Record | None:
    """The record of that label and id when the caller may see it (the primary, so a retry sees its own write)."""
    row = await graph.write_one(_VISIBLE[label], {"id": entity_id, **scope.params()})
    return None if row is None else dict(row["item"])
