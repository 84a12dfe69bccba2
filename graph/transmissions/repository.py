"""Cypher for transmissions of reports to the competent judicial body, and the deadline policy."""

from __future__ import annotations

from typing import Any

from graph.access.repository import PROSECUTION_CONSENT_HOLDS, REPORT_VISIBLE, TRANSMISSION_VISIBLE
from graph.access.scope import Scope
from graph.alerts.repository import TRANSMISSION_ACKNOWLEDGED_OUTBOX, recipient_roles
from graph.changefeed.repository import CHANGE_SEQ, CHANGE_TICK
from graph.db import Graph, Record
from graph.perpetrators.repository import CASE_CRIME

_TRANSMISSION_FIELDS = """
t.id AS id, t.status AS status, t.includedFields AS includedFields,
t.includesReporterIdentity AS includesReporterIdentity, t.contentHash AS contentHash,
toString(t.sentAt) AS sentAt, t.sentBy AS sentBy, toString(t.acknowledgedAt) AS acknowledgedAt,
t.acknowledgedBy AS acknowledgedBy, t.courtCaseNumber AS courtCaseNumber, t.courtStatus AS courtStatus,
toString(t.followUpAt) AS followUpAt, court.code AS courtCode, court.name AS courtName,
rep.id AS reportId, rep.reference AS reportReference
"""

# Everything a package may include, read with the report's data key; the court is the primary one for the
# report's governorate unless a specific JUDICIAL_BODY covering it is named.
PACKAGE_SOURCE = (
    "MATCH (rep:Report {id: $id})-[:SEALED_WITH]->(dk:DataKey) WHERE " + REPORT_VISIBLE + """
MATCH (rep)-[:LOCATED_IN]->(g:Governorate)
OPTIONAL MATCH (g)<-[cover:COVERS]-(court:Organization {kind: 'JUDICIAL_BODY'})
WHERE ($court_code IS NULL AND cover.primary) OR court.code = $court_code
WITH rep, dk, g, court ORDER BY court.code LIMIT 1
WITH rep, dk, g, court, [(rep)-[:LINKED_TO]->(:Case)-[:CONCERNS]->(x:Victim) | x][0] AS v,
     [(rep)-[:LINKED_TO]->(x_c:Case) | x_c][0] AS linked
RETURN rep.id AS id, rep.reference AS reference, rep.status AS status, toString(rep.receivedAt) AS receivedAt,
       g.code AS governorate, g.nameFr AS governorateFr, g.nameAr AS governorateAr, rep.place AS place,
       rep.occurredOn AS occurredOn, rep.exploitationForms AS exploitationForms, rep.indicators AS indicators,
       rep.personsAtRisk AS personsAtRisk, rep.minorsInvolved AS minorsInvolved, rep.urgency AS urgency,
       rep.narrativeSealed AS narrativeSealed, rep.reporterContactSealed AS reporterContactSealed,
       rep.reporterAgreesToShareIdentity AS reporterAgreesToShareIdentity,
       [(rep)-[:LINKED_TO]->(lc:Case) | lc.reference][0] AS linkedCaseReference,
       {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped} AS key,
       court.id AS courtId, court.code AS courtCode, court.name AS courtName, court.nameAr AS courtNameAr,
       CASE WHEN v IS NULL THEN null ELSE {sex: v.sex, ageBand: v.ageBand, minor: coalesce(v.minor, false),
            nationality: v.nationality, languages: coalesce(v.languages, []),
            exploitationForms: coalesce(linked.exploitationForms, [])} END AS victimProfile,
       v IS NOT NULL AND court IS NOT NULL AND """
    + PROSECUTION_CONSENT_HOLDS
    + """ AS prosecutionConsent
"""
)

CREATE_TRANSMISSION = (
    CHANGE_TICK
    + "MATCH (rep:Report {id: $report_id}) WHERE " + REPORT_VISIBLE + """ AND rep.status = $expected
MATCH (court:Organization {id: $court_id, kind: 'JUDICIAL_BODY'})
CREATE (t:Transmission {id: $id, status: 'SENT', includedFields: $included_fields,
                        includesReporterIdentity: $includes_identity, contentHash: $content_hash,
                        packageSealed: $package_sealed, sentAt: datetime(), sentBy: $actor.user,
                        sentByOrg: $actor.org, updatedAt: datetime(), version: 1})
CREATE (t)-[:TRANSMITS]->(rep)
CREATE (t)-[:ADDRESSED_TO]->(court)
SET rep.status = 'TRANSMITTED', rep.updatedAt = datetime(),
    rep.syncSeq = """ + CHANGE_SEQ + """, rep.version = rep.version + 1,
    rep.qualifiedAt = coalesce(rep.qualifiedAt, datetime())
CREATE (rep)-[:HAS_EVENT]->(:CustodyEvent {id: randomUUID(), action: 'TRANSMITTED', at: datetime(),
                                           actorId: $actor.user, actorRole: $actor.role,
                                           actorOrgId: $actor.org, detail: court.code + ' ' + $content_hash})
RETURN """ + _TRANSMISSION_FIELDS
)

ACKNOWLEDGE = (
    "MATCH (t:Transmission {id: $id})-[:ADDRESSED_TO]->(court:Organization) WHERE " + TRANSMISSION_VISIBLE + """
MATCH (t)-[:TRANSMITS]->(rep:Report)
WITH t, court, rep, t.status = 'SENT' AS pending
SET t.status = CASE WHEN pending THEN 'ACKNOWLEDGED' ELSE t.status END,
    t.acknowledgedAt = CASE WHEN pending THEN datetime() ELSE t.acknowledgedAt END,
    t.acknowledgedBy = CASE WHEN pending THEN $actor.user ELSE t.acknowledgedBy END,
    t.updatedAt = datetime(), t.version = t.version + CASE WHEN pending THEN 1 ELSE 0 END
FOREACH (_ IN CASE WHEN pending THEN [1] ELSE [] END |
  CREATE (rep)-[:HAS_EVENT]->(:CustodyEvent {id: randomUUID(), action: 'ACKNOWLEDGED_BY_COURT', at: datetime(),
                                             actorId: $actor.user, actorRole: $actor.role,
                                             actorOrgId: $actor.org, detail: court.code}))
""" + TRANSMISSION_ACKNOWLEDGED_OUTBOX + """
RETURN pending AS changed, """ + _TRANSMISSION_FIELDS
)

FOLLOW_UP = (
    "MATCH (t:Transmission {id: $id})-[:ADDRESSED_TO]->(court:Organization) WHERE " + TRANSMISSION_VISIBLE + """
  AND t.status IN ['ACKNOWLEDGED', 'FOLLOWED_UP']
MATCH (t)-[:TRANSMITS]->(rep:Report)
SET t.status = 'FOLLOWED_UP', t.courtCaseNumber = $court_case_number, t.courtStatus = $court_status,
    t.followUpAt = datetime(), t.updatedAt = datetime(), t.version = t.version + 1
CREATE (rep)-[:HAS_EVENT]->(:CustodyEvent {id: randomUUID(), action: 'COURT_FOLLOW_UP', at: datetime(),
                                           actorId: $actor.user, actorRole: $actor.role, actorOrgId: $actor.org,
                                           detail: $court_status + ' ' + $court_case_number})
RETURN """ + _TRANSMISSION_FIELDS
)

GET_TRANSMISSION = (
    "MATCH (t:Transmission {id: $id})-[:ADDRESSED_TO]->(court:Organization) WHERE " + TRANSMISSION_VISIBLE + """
MATCH (t)-[:TRANSMITS]->(rep:Report)
RETURN """ + _TRANSMISSION_FIELDS
)

GET_PACKAGE = (
    "MATCH (t:Transmission {id: $id})-[:ADDRESSED_TO]->(court:Organization) WHERE " + TRANSMISSION_VISIBLE + """
MATCH (t)-[:TRANSMITS]->(rep:Report)-[:SEALED_WITH]->(dk:DataKey)
RETURN t.id AS id, t.packageSealed AS packageSealed, t.contentHash AS contentHash, rep.id AS reportId,
       {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped} AS key
"""
)

LIST_TRANSMISSIONS = (
    "MATCH (t:Transmission)-[:ADDRESSED_TO]->(court:Organization) WHERE " + TRANSMISSION_VISIBLE + """
  AND ($status IS NULL OR t.status = $status)
MATCH (t)-[:TRANSMITS]->(rep:Report)
WITH t, court, rep ORDER BY t.sentAt DESC, t.id DESC LIMIT $limit
RETURN """ + _TRANSMISSION_FIELDS
)

OVERDUE_REPORTS = """
MATCH (rep:Report)
WHERE $scope.national AND rep.qualifiedAt IS NOT NULL AND rep.status IN ['UNDER_REVIEW', 'LINKED_TO_CASE']
  AND rep.qualifiedAt + duration({days: $deadline_days}) < datetime()
RETURN rep.id AS id, rep.reference AS reference, rep.status AS status, toString(rep.qualifiedAt) AS qualifiedAt,
       toString(rep.qualifiedAt + duration({days: $deadline_days})) AS dueAt,
       duration.inDays(rep.qualifiedAt + duration({days: $deadline_days}), datetime()).days AS daysOverdue
ORDER BY rep.qualifiedAt, rep.id
LIMIT $limit
"""


async def package_source(graph: Graph, scope: Scope, report_id: str, court_code: str | None) -> Record | None:
    return await graph.read_one(PACKAGE_SOURCE, {"id": report_id, "court_code": court_code, **scope.params()})


async def create_transmission(graph: Graph, scope: Scope, params: dict[str, Any]) -> Record | None:
    return await graph.write_one(CREATE_TRANSMISSION, {**params, **scope.params()})


async def acknowledge(graph: Graph, scope: Scope, transmission_id: str, actor: dict[str, Any]) -> Record | None:
    return await graph.write_one(ACKNOWLEDGE, {"id": transmission_id, "actor": actor, **scope.params(),
                                              **recipient_roles()})


async def follow_up(graph: Graph, scope: Scope, transmission_id: str, court_case_number: str, court_status: str,
                    actor: dict[str, Any]) -> Record | None:
    return await graph.write_one(FOLLOW_UP, {"id": transmission_id, "court_case_number": court_case_number,
                                             "court_status": court_status, "actor": actor, **scope.params()})


async def get_transmission(graph: Graph, scope: Scope, transmission_id: str) -> Record | None:
    return await graph.read_one(GET_TRANSMISSION, {"id": transmission_id, **scope.params()})


async def get_package(graph: Graph, scope: Scope, transmission_id: str) -> Record | None:
    return await graph.read_one(GET_PACKAGE, {"id": transmission_id, **scope.params()})


async def list_transmissions(graph: Graph, scope: Scope, status: str | None, limit: int) -> list[Record]:
    return await graph.read(LIST_TRANSMISSIONS, {"status": status, "limit": limit, **scope.params()})


async def overdue_reports(graph: Graph, scope: Scope, deadline_days: int, limit: int) -> list[Record]:
    return await graph.read(OVERDUE_REPORTS, {"deadline_days": deadline_days, "limit": limit, **scope.params()})


# The chain of custody of the report a transmission carried, for whoever may see the transmission (the court it
# was addressed to, national roles): every hop from intake to the court, oldest first.
TRANSMISSION_CUSTODY_CHAIN = (
    "MATCH (t:Transmission {id: $id})-[:ADDRESSED_TO]->(court:Organization) WHERE " + TRANSMISSION_VISIBLE + """
MATCH (t)-[:TRANSMITS]->(rep:Report)-[:HAS_EVENT]->(e:CustodyEvent)
RETURN e.action AS action, toString(e.at) AS at, e.actorId AS actorId, e.actorRole AS actorRole,
       e.actorOrgId AS actorOrgId, e.detail AS detail
ORDER BY e.at, e.seq, e.id
"""
)


async def transmission_custody_chain(graph: Graph, scope: Scope, transmission_id: str) -> list[Record]:
    return await graph.read(TRANSMISSION_CUSTODY_CHAIN, {"id": transmission_id, **scope.params()})


# ------------------------------------------------------------------------------------------ networks
# A suspected network the coordinators reviewed goes to one court as one package: every case of the snapshot with
# its perpetrators, identifiers and route, and the links confirmed between them. National roles only.
_SEALED_KEY = "{id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped}"

NETWORK_PACKAGE_SOURCE = (
    """
MATCH (n:SuspectedNetwork {id: $networkId})
WHERE $scope.national
OPTIONAL MATCH (court:Organization {code: $courtCode, kind: 'JUDICIAL_BODY'})
MATCH (n)-[:INCLUDES]->(c:Case)
WITH n, court, c ORDER BY c.reference, c.id
WITH n, court, collect(c) AS cases
RETURN n.id AS id, n.size AS size, n.confirmedLinks AS confirmedLinks, n.identifiers AS sharedIdentifiers,
       n.perpetrators AS sharedPerpetrators, coalesce(n.governorates, []) AS governorates,
       court.id AS courtId, court.code AS courtCode, court.name AS courtName, court.nameAr AS courtNameAr,
       [c IN cases | {id: c.id, reference: c.reference, openedOn: toString(date(c.openedAt)),
         exploitationForms: coalesce(c.exploitationForms, []),
         governorate: [(c)-[:LOCATED_IN]->(g:Governorate) | g.code][0],
         crime: {"""
    + CASE_CRIME
    + """}}] AS cases,
       COLLECT { UNWIND cases AS a
                 MATCH (a)-[d:CASE_LINK {status: 'CONFIRMED'}]-(b:Case) WHERE b IN cases AND a.id < b.id
                 RETURN {first: a.reference, second: b.reference, reason: d.reason} } AS links
"""
)

_NETWORK_TRANSMISSION_FIELDS = """
// unscoped: a projection fragment; every statement it joins embeds TRANSMISSION_VISIBLE or $scope.national
t.id AS id, t.status AS status, t.networkId AS networkId, t.includedFields AS includedFields,
t.contentHash AS contentHash, toString(t.sentAt) AS sentAt, toString(t.acknowledgedAt) AS acknowledgedAt,
court.code AS courtCode, court.name AS courtName,
COLLECT { MATCH (t)-[:COVERS]->(x_c:Case) RETURN x_c.reference ORDER BY x_c.reference } AS caseReferences
"""

CREATE_NETWORK_TRANSMISSION = (
    """
MATCH (court:Organization {id: $courtId, kind: 'JUDICIAL_BODY'})
WHERE $scope.national
CREATE (t:NetworkTransmission {id: $id, status: 'SENT', networkId: $networkId, includedFields: $includedFields,
                               contentHash: $contentHash, packageSealed: $packageSealed, reason: $reason,
                               sentAt: datetime(), sentBy: $scope.user, sentByOrg: $scope.org,
                               updatedAt: datetime(), version: 1})
CREATE (t)-[:ADDRESSED_TO]->(court)
CREATE (t)-[:SEALED_WITH {field: 'package'}]->(:DataKey {id: $key.id, kekId: $key.kekId, wrapped: $key.wrapped,
                                                         createdAt: datetime()})
WITH t, court
CALL (t) {
  UNWIND $caseIds AS caseId
  MATCH (c:Case {id: caseId})
  CREATE (t)-[:COVERS]->(c)
}
RETURN """
    + _NETWORK_TRANSMISSION_FIELDS
)

LIST_NETWORK_TRANSMISSIONS = (
    "MATCH (t:NetworkTransmission)-[:ADDRESSED_TO]->(court:Organization) WHERE " + TRANSMISSION_VISIBLE + """
WITH t, court ORDER BY t.sentAt DESC, t.id DESC LIMIT $limit
RETURN """
    + _NETWORK_TRANSMISSION_FIELDS
)

GET_NETWORK_TRANSMISSION = (
    "MATCH (t:NetworkTransmission {id: $id})-[:ADDRESSED_TO]->(court:Organization) WHERE " + TRANSMISSION_VISIBLE
    + "\nRETURN " + _NETWORK_TRANSMISSION_FIELDS
)

GET_NETWORK_PACKAGE = (
    "MATCH (t:NetworkTransmission {id: $id})-[:ADDRESSED_TO]->(court:Organization) WHERE " + TRANSMISSION_VISIBLE + """
MATCH (t)-[:SEALED_WITH {field: 'package'}]->(dk:DataKey)
RETURN t.id AS id, t.packageSealed AS packageSealed, t.contentHash AS contentHash, """
    + _SEALED_KEY
    + """ AS key
"""
)

ACKNOWLEDGE_NETWORK_TRANSMISSION = (
    "MATCH (t:NetworkTransmission {id: $id})-[:ADDRESSED_TO]->(court:Organization) WHERE " + TRANSMISSION_VISIBLE + """
WITH t, court, t.status = 'SENT' AS pending
SET t.status = CASE WHEN pending THEN 'ACKNOWLEDGED' ELSE t.status END,
    t.acknowledgedAt = CASE WHEN pending THEN datetime() ELSE t.acknowledgedAt END,
    t.acknowledgedBy = CASE WHEN pending THEN $scope.user ELSE t.acknowledgedBy END,
    t.updatedAt = datetime(), t.version = t.version + CASE WHEN pending THEN 1 ELSE 0 END
RETURN pending AS changed, """
    + _NETWORK_TRANSMISSION_FIELDS
)


async def network_package_source(graph: Graph, scope: Scope, network_id: str, court_code: str) -> Record | None:
    return await graph.read_one(NETWORK_PACKAGE_SOURCE, {"networkId": network_id, "courtCode": court_code,
                                                         **scope.params()})


async def create_network_transmission(graph: Graph, scope: Scope, params: dict[str, Any]) -> Record | None:
    return await graph.write_one(CREATE_NETWORK_TRANSMISSION, {**params, **scope.params()})


async def list_network_transmissions(graph: Graph, scope: Scope, limit: int) -> list[Record]:
    return await graph.read(LIST_NETWORK_TRANSMISSIONS, {"limit": limit, **scope.params()})


async def get_network_transmission(graph: Graph, scope: Scope, transmission_id: str) -> Record | None:
    return await graph.read_one(GET_NETWORK_TRANSMISSION, {"id": transmission_id, **scope.params()})


async def get_network_package(graph: Graph, scope: Scope, transmission_id: str) -> Record | None:
    return await graph.read_one(GET_NETWORK_PACKAGE, {"id": transmission_id, **scope.params()})


async def acknowledge_network_transmission(graph: Graph, scope: Scope, transmission_id: str) -> Record | None:
    return await graph.write_one(ACKNOWLEDGE_NETWORK_TRANSMISSION, {"id": transmission_id, **scope.params()})
