"""Cypher for reports (signalements): intake, the anonymous reporter's view, messages, triage, custody."""

from __future__ import annotations

from typing import Any

from graph.access.repository import CASE_VISIBLE, REPORT_VISIBLE
from graph.access.scope import Scope
from graph.alerts.repository import REPORTER_MESSAGE_OUTBOX, URGENT_REPORT_OUTBOX, recipient_roles
from graph.changefeed.repository import CHANGE_SEQ, CHANGE_TICK
from graph.db import Graph, Record

_REPORT_FIELDS = """
rep.id AS id, rep.reference AS reference, rep.channel AS channel, rep.status AS status,
rep.place AS place, rep.occurredOn AS occurredOn, rep.exploitationForms AS exploitationForms,
rep.indicators AS indicators, rep.personsAtRisk AS personsAtRisk, rep.minorsInvolved AS minorsInvolved,
rep.urgency AS urgency, rep.reporterAgreesToShareIdentity AS reporterAgreesToShareIdentity,
toString(rep.receivedAt) AS receivedAt, toString(rep.updatedAt) AS updatedAt,
toString(rep.qualifiedAt) AS qualifiedAt, rep.version AS version,
[(rep)-[:LOCATED_IN]->(g:Governorate) | g.code][0] AS governorate,
[(rep)-[:LINKED_TO]->(lc:Case) | lc.id][0] AS linkedCaseId,
rep.narrativeSealed IS NOT NULL AS hasNarrative, rep.reporterContactSealed IS NOT NULL AS hasReporterContact
"""

CREATE_REPORT = CHANGE_TICK + """
MATCH (g:Governorate {code: $report.governorate})
// unscoped: intake creates the report; the rules checked the channel and the caller
MERGE (counter:Counter {name: 'report'})
SET counter.value = coalesce(counter.value, 0) + 1
WITH g, counter.value AS n
CREATE (rep:Report {
  id: $report.id, reference: 'SIG-' + toString(date().year) + '-' + right('000000' + toString(n), 6),
  channel: $report.channel, status: 'RECEIVED', place: $report.place, occurredOn: $report.occurredOn,
  exploitationForms: $report.exploitationForms, indicators: $report.indicators,
  personsAtRisk: $report.personsAtRisk, minorsInvolved: $report.minorsInvolved, urgency: $report.urgency,
  narrativeSealed: $report.narrativeSealed, reporterContactSealed: $report.reporterContactSealed,
  reporterAgreesToShareIdentity: $report.reporterAgreesToShareIdentity, campaignCode: $report.campaignCode,
  receiptHash: $report.receiptHash, submittedBy: $actor.user, submittedByOrg: $actor.org,
  receivedAt: datetime(), updatedAt: datetime(), syncSeq: """ + CHANGE_SEQ + """, version: 1
})-[:LOCATED_IN]->(g)
CREATE (rep)-[:SEALED_WITH]->(:DataKey {id: $key.id, kekId: $key.kekId, wrapped: $key.wrapped,
                                        createdAt: datetime()})
CREATE (rep)-[:HAS_EVENT]->(:CustodyEvent {id: randomUUID(), seq: 1, action: 'SUBMITTED', at: datetime(),
                                           actorId: $actor.user, actorRole: $actor.role, actorOrgId: $actor.org,
                                           detail: $report.channel})
""" + URGENT_REPORT_OUTBOX + """
RETURN rep.id AS id, rep.reference AS reference
"""

# What an anonymous reporter may know: never the linked case, notes, court or who handled it.
REPORT_BY_RECEIPT = """
MATCH (rep:Report {receiptHash: $receipt_hash})-[:SEALED_WITH]->(dk:DataKey)
// unscoped: the anonymous reporter, who holds the receipt
RETURN rep.id AS id, rep.status AS status, toString(rep.receivedAt) AS receivedAt,
       toString(rep.updatedAt) AS updatedAt,
       {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped} AS key,
       [(m:ReportMessage)-[:ON_REPORT]->(rep) WHERE m.direction IN ['FROM_REPORTER', 'TO_REPORTER'] |
        {id: m.id, direction: m.direction, bodySealed: m.bodySealed, at: toString(m.createdAt)}] AS messages
"""

KEY_OF_REPORT_BY_RECEIPT = """
MATCH (rep:Report {receiptHash: $receipt_hash})-[:SEALED_WITH]->(dk:DataKey)
// unscoped: the anonymous reporter, who holds the receipt
RETURN rep.id AS id, {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped} AS key
"""

KEY_OF_VISIBLE_REPORT = (
    "MATCH (rep:Report {id: $id})-[:SEALED_WITH]->(dk:DataKey) WHERE " + REPORT_VISIBLE + """
RETURN rep.id AS id, rep.status AS status, {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped} AS key
"""
)

_ADD_MESSAGE = CHANGE_TICK + """
MATCH (rep:Report {id: $report_id})
// unscoped: the report id comes from the receipt or from a scoped read in the same rule
SET rep.updatedAt = CASE WHEN $direction = 'INTERNAL_NOTE' THEN rep.updatedAt ELSE datetime() END,
    rep.syncSeq = CASE WHEN $direction = 'INTERNAL_NOTE' THEN rep.syncSeq ELSE """ + CHANGE_SEQ + """ END
CREATE (m:ReportMessage {id: $message_id, direction: $direction, bodySealed: $body_sealed,
                         authorId: $actor.user, createdAt: datetime()})-[:ON_REPORT]->(rep)
CREATE (rep)-[:HAS_EVENT]->(:CustodyEvent {id: randomUUID(), action: 'MESSAGE_' + $direction, at: datetime(),
                                           actorId: $actor.user, actorRole: $actor.role,
                                           actorOrgId: $actor.org, detail: $message_id})
"""
ADD_MESSAGE = _ADD_MESSAGE + "RETURN m.id AS id, toString(m.createdAt) AS at"
# A message from the anonymous reporter also tells the coordinators, in the same statement.
ADD_REPORTER_MESSAGE = _ADD_MESSAGE + REPORTER_MESSAGE_OUTBOX + "RETURN m.id AS id, toString(m.createdAt) AS at"

GET_REPORT = (
    "MATCH (rep:Report {id: $id}) WHERE " + REPORT_VISIBLE + " RETURN " + _REPORT_FIELDS
)

GET_REPORT_WITH_SEALED = (
    "MATCH (rep:Report {id: $id})-[:SEALED_WITH]->(dk:DataKey) WHERE " + REPORT_VISIBLE + " RETURN "
    + _REPORT_FIELDS + """,
       rep.narrativeSealed AS narrativeSealed, rep.reporterContactSealed AS reporterContactSealed,
       {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped} AS key,
       [(m:ReportMessage)-[:ON_REPORT]->(rep) |
        {id: m.id, direction: m.direction, bodySealed: m.bodySealed, at: toString(m.createdAt)}] AS messages
"""
)

LIST_REPORTS = (
    "MATCH (rep:Report) WHERE " + REPORT_VISIBLE + """
  AND ($status IS NULL OR rep.status = $status)
  AND ($after IS NULL OR rep.receivedAt < datetime($after_at)
       OR (rep.receivedAt = datetime($after_at) AND rep.id < $after))
WITH rep ORDER BY rep.receivedAt DESC, rep.id DESC LIMIT $limit
RETURN """ + _REPORT_FIELDS
)

CHANGE_STATUS = (
    CHANGE_TICK
    + "MATCH (rep:Report {id: $id}) WHERE " + REPORT_VISIBLE + """ AND rep.status = $expected
SET rep.status = $status, rep.updatedAt = datetime(),
    rep.syncSeq = """ + CHANGE_SEQ + """, rep.version = rep.version + 1,
    rep.qualifiedAt = CASE WHEN $qualifies AND rep.qualifiedAt IS NULL THEN datetime() ELSE rep.qualifiedAt END
CREATE (rep)-[:HAS_EVENT]->(:CustodyEvent {id: randomUUID(), action: 'STATUS_' + $status, at: datetime(),
                                           actorId: $actor.user, actorRole: $actor.role,
                                           actorOrgId: $actor.org, detail: $reason})
RETURN """ + _REPORT_FIELDS
)

LINK_TO_CASE = (
    CHANGE_TICK
    + "MATCH (rep:Report {id: $id}) WHERE " + REPORT_VISIBLE + """ AND rep.status = $expected
MATCH (c:Case {id: $case_id}) WHERE """ + CASE_VISIBLE + """
MERGE (rep)-[:LINKED_TO]->(c)
SET rep.status = 'LINKED_TO_CASE', rep.updatedAt = datetime(),
    rep.syncSeq = """ + CHANGE_SEQ + """, rep.version = rep.version + 1,
    rep.qualifiedAt = coalesce(rep.qualifiedAt, datetime())
CREATE (rep)-[:HAS_EVENT]->(:CustodyEvent {id: randomUUID(), action: 'LINKED_TO_CASE', at: datetime(),
                                           actorId: $actor.user, actorRole: $actor.role,
                                           actorOrgId: $actor.org, detail: c.reference})
RETURN """ + _REPORT_FIELDS
)

STATUS_OF_VISIBLE_REPORT = (
    "MATCH (rep:Report {id: $id}) WHERE " + REPORT_VISIBLE + " RETURN rep.status AS status"
)

POSSIBLE_DUPLICATES = (
    "MATCH (rep:Report {id: $id})-[:LOCATED_IN]->(g:Governorate) WHERE " + REPORT_VISIBLE + """
MATCH (other:Report)-[:LOCATED_IN]->(g)
WHERE other <> rep
  AND abs(duration.inSeconds(other.receivedAt, rep.receivedAt).seconds) <= $window_days * 86400
WITH rep, other,
     [i IN other.indicators WHERE i IN rep.indicators] AS sharedIndicators,
     [f IN other.exploitationForms WHERE f IN rep.exploitationForms] AS sharedForms
WHERE size(sharedIndicators) + size(sharedForms) > 0
RETURN other.id AS id, other.reference AS reference, other.status AS status,
       toString(other.receivedAt) AS receivedAt, sharedIndicators, sharedForms,
       size(sharedIndicators) * 2 + size(sharedForms) AS score
ORDER BY score DESC, other.receivedAt DESC, other.id
LIMIT 10
"""
)

CUSTODY_CHAIN = (
    "MATCH (rep:Report {id: $id}) WHERE " + REPORT_VISIBLE + """
MATCH (rep)-[:HAS_EVENT]->(e:CustodyEvent)
RETURN e.action AS action, toString(e.at) AS at, e.actorId AS actorId, e.actorRole AS actorRole,
       e.actorOrgId AS actorOrgId, e.detail AS detail
ORDER BY e.at, e.seq, e.id
"""
)


async def create_report(graph: Graph, report: dict[str, Any], key: dict[str, str], actor: dict[str, Any]) -> Record:
    row = await graph.write_one(CREATE_REPORT, {"report": report, "key": key, "actor": actor,
                                                **recipient_roles()})
    if row is None:
        raise LookupError("governorate")
    return row


async def report_by_receipt(graph: Graph, receipt_hash: str) -> Record | None:
    return await graph.read_one(REPORT_BY_RECEIPT, {"receipt_hash": receipt_hash})


async def key_of_report_by_receipt(graph: Graph, receipt_hash: str) -> Record | None:
    return await graph.read_one(KEY_OF_REPORT_BY_RECEIPT, {"receipt_hash": receipt_hash})


async def key_of_visible_report(graph: Graph, scope: Scope, report_id: str) -> Record | None:
    return await graph.read_one(KEY_OF_VISIBLE_REPORT, {"id": report_id, **scope.params()})


async def add_message(graph: Graph, report_id: str, message_id: str, direction: str, body_sealed: str,
                      actor: dict[str, Any]) -> Record | None:
    query = ADD_REPORTER_MESSAGE if direction == "FROM_REPORTER" else ADD_MESSAGE
    return await graph.write_one(query, {"report_id": report_id, "message_id": message_id,
                                               "direction": direction, "body_sealed": body_sealed, "actor": actor,
                                               **recipient_roles()})


async def get_report(graph: Graph, scope: Scope, report_id: str) -> Record | None:
    return await graph.read_one(GET_REPORT, {"id": report_id, **scope.params()})


async def get_report_with_sealed(graph: Graph, scope: Scope, report_id: str) -> Record | None:
    return await graph.read_one(GET_REPORT_WITH_SEALED, {"id": report_id, **scope.params()})


async def list_reports(graph: Graph, scope: Scope, status: str | None, after: tuple[str, str] | None,
                       limit: int) -> list[Record]:
    return await graph.read(LIST_REPORTS, {**scope.params(), "status": status, "limit": limit,
                                           "after": after[1] if after else None,
                                           "after_at": after[0] if after else None})


async def change_status(graph: Graph, scope: Scope, report_id: str, expected: str, status: str, qualifies: bool,
                        reason: str | None, actor: dict[str, Any]) -> Record | None:
    return await graph.write_one(CHANGE_STATUS, {"id": report_id, "expected": expected, "status": status,
                                                 "qualifies": qualifies, "reason": reason, "actor": actor,
                                                 **scope.params()})


async def status_of_visible_report(graph: Graph, scope: Scope, report_id: str) -> str | None:
    row = await graph.read_one(STATUS_OF_VISIBLE_REPORT, {"id": report_id, **scope.params()})
    return str(row["status"]) if row else None


async def link_to_case(graph: Graph, scope: Scope, report_id: str, expected: str, case_id: str,
                       actor: dict[str, Any]) -> Record | None:
    return await graph.write_one(LINK_TO_CASE, {"id": report_id, "expected": expected, "case_id": case_id,
                                                "actor": actor, **scope.params()})


async def possible_duplicates(graph: Graph, scope: Scope, report_id: str, window_days: int) -> list[Record]:
    return await graph.read(POSSIBLE_DUPLICATES, {"id": report_id, "window_days": window_days, **scope.params()})


async def custody_chain(graph: Graph, scope: Scope, report_id: str) -> list[Record]:
    return await graph.read(CUSTODY_CHAIN, {"id": report_id, **scope.params()})

COUNT_REPORTS = "MATCH (rep:Report) RETURN count(rep) AS n  // unscoped: a count for the demo seed, no record read"


async def count_reports(graph: Graph) -> int:
    row = await graph.read_one(COUNT_REPORTS)
    return int(row["n"]) if row else 0
