"""Cypher for the national statistics: one aggregating statement per call, assembled from fixed fragments.

A statistics query is ``MEASURE + NORMALISE + FILTER + up to three DIMENSION fragments + COUNT``. Every piece
is a literal constant chosen from the maps below by a catalogue key (never by caller text), and every value
travels as a ``$parameter``. Each measure's fragment binds the same normalised names, so the dimension and
filter fragments work for every measure they are listed for:

``unit`` (what is counted), ``at`` (its date), ``forms``, ``means``, ``sector``, ``gov``, ``org``, ``sex``,
``minor``, ``nationality``, ``birthYear``, ``ageBand``, ``status``, ``channel``, ``court``, ``courtStatus``,
``category``, ``delayDays``, ``caseNode`` (the case, for measures about cases).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, LiteralString

from graph.access.repository import AGGREGATES_VISIBLE, EXPORT_JOB_VISIBLE, ORGANIZATION_AGGREGATES_VISIBLE
from graph.access.scope import Scope
from graph.db import Graph, Record

# Identified victims: cases past the first report (presumed, identified, assisted), and closed cases that were
# assisted (an accepted or completed referral), since a case closed at REPORTED never identified anyone.
IDENTIFIED_CASE: LiteralString = (
    "// unscoped: a condition fragment; every statement it joins embeds AGGREGATES_VISIBLE\n"
    "(c.status IN ['PRESUMED', 'IDENTIFIED', 'ASSISTED'] OR (c.status = 'CLOSED' AND EXISTS {"
    " MATCH (c)<-[:FOR_CASE]-(x_r:Referral) WHERE x_r.status IN ['ACCEPTED', 'COMPLETED'] }))"
)

_CASE_NAMES = """
WITH unit, at, coalesce(c.exploitationForms, []) AS forms, coalesce(c.meansOfControl, []) AS means,
     c.labourSector AS sector, [(c)-[:LOCATED_IN]->(x_g:Governorate) | x_g.code][0] AS gov,
     [(c)-[:OWNED_BY]->(x_o:Organization) | x_o][0] AS org, v.sex AS sex, v.minor AS minor,
     v.nationality AS nationality, v.birthYear AS birthYear, v.ageBand AS ageBand, c AS caseNode, """

MEASURES: dict[str, LiteralString] = {
    "VICTIMS": """
MATCH (c:Case)-[:CONCERNS]->(v:Victim)
WHERE """ + AGGREGATES_VISIBLE + " AND " + IDENTIFIED_CASE + """
  AND c.openedAt >= $rangeFrom AND c.openedAt < $rangeTo
WITH v AS unit, c.openedAt AS at, c, v""" + _CASE_NAMES + """
     c.status AS status, null AS channel, null AS court, null AS courtStatus, null AS category, null AS delayDays
""",
    "CASES": """
MATCH (c:Case)-[:CONCERNS]->(v:Victim)
WHERE """ + AGGREGATES_VISIBLE + """ AND c.openedAt >= $rangeFrom AND c.openedAt < $rangeTo
WITH c AS unit, c.openedAt AS at, c, v""" + _CASE_NAMES + """
     c.status AS status, null AS channel, null AS court, null AS courtStatus, null AS category, null AS delayDays
""",
    "REFERRALS": """
MATCH (r:Referral)-[:FOR_CASE]->(c:Case)-[:CONCERNS]->(v:Victim)
WHERE """ + AGGREGATES_VISIBLE + """ AND r.createdAt >= $rangeFrom AND r.createdAt < $rangeTo
MATCH (r)-[:TO_SERVICE]->(s:Service)
WITH r AS unit, r.createdAt AS at, c, v, r, s""" + _CASE_NAMES + """
     r.status AS status, null AS channel, null AS court, null AS courtStatus, s.category AS category,
     CASE WHEN r.respondedAt IS NULL THEN null ELSE duration.inDays(r.createdAt, r.respondedAt).days END AS delayDays
""",
    "REPORTS": """
MATCH (rep:Report)
WHERE """ + AGGREGATES_VISIBLE + """ AND rep.receivedAt >= $rangeFrom AND rep.receivedAt < $rangeTo
WITH rep AS unit, rep.receivedAt AS at, coalesce(rep.exploitationForms, []) AS forms, [] AS means, null AS sector,
     [(rep)-[:LOCATED_IN]->(x_g:Governorate) | x_g.code][0] AS gov,
     COLLECT { MATCH (x_o:Organization {id: rep.submittedByOrg}) RETURN x_o }[0] AS org,
     null AS sex, null AS caseNode,
     rep.minorsInvolved AS minor, null AS nationality, null AS birthYear, null AS ageBand, rep.status AS status,
     rep.channel AS channel, null AS court, null AS courtStatus, null AS category, null AS delayDays
""",
    "TRANSMISSIONS": """
MATCH (t:Transmission)-[:TRANSMITS]->(rep:Report)
WHERE """ + AGGREGATES_VISIBLE + """ AND t.sentAt >= $rangeFrom AND t.sentAt < $rangeTo
MATCH (t)-[:ADDRESSED_TO]->(x_court:Organization)
WITH t AS unit, t.sentAt AS at, coalesce(rep.exploitationForms, []) AS forms, [] AS means, null AS sector,
     [(rep)-[:LOCATED_IN]->(x_g:Governorate) | x_g.code][0] AS gov,
     COLLECT { MATCH (x_o:Organization {id: rep.submittedByOrg}) RETURN x_o }[0] AS org,
     null AS sex, null AS caseNode,
     rep.minorsInvolved AS minor, null AS nationality, null AS birthYear, null AS ageBand, t.status AS status,
     rep.channel AS channel, x_court.code AS court, t.courtStatus AS courtStatus, null AS category,
     CASE WHEN rep.qualifiedAt IS NULL THEN null ELSE duration.inDays(rep.qualifiedAt, t.sentAt).days END
       AS delayDays
""",
}

# The age at the unit's date (birth year first, else the lower bound of the recorded band), in CTDC's bands.
NORMALISE: LiteralString = """
WITH *, CASE WHEN birthYear IS NOT NULL AND at IS NOT NULL THEN at.year - birthYear
             WHEN ageBand IS NOT NULL THEN toInteger(split(replace(ageBand, '+', ''), '-')[0]) END AS age
WITH *, CASE WHEN age IS NULL THEN null WHEN age <= 8 THEN '0-8' WHEN age <= 17 THEN '9-17'
             WHEN age <= 20 THEN '18-20' WHEN age <= 23 THEN '21-23' WHEN age <= 26 THEN '24-26'
             WHEN age <= 29 THEN '27-29' WHEN age <= 38 THEN '30-38' WHEN age <= 47 THEN '39-47' ELSE '48+' END AS band
"""

# The period is not here: every measure's first WHERE already holds its unit to $rangeFrom/$rangeTo.
FILTER: LiteralString = """
WITH * WHERE ($governorate IS NULL OR gov = $governorate)
  AND ($form IS NULL OR $form IN forms)
  AND ($sex IS NULL OR sex = $sex)
  AND ($ageBand IS NULL OR band = $ageBand)
  AND ($nationality IS NULL OR nationality = $nationality)
  AND ($organization IS NULL OR org.code = $organization)
"""

# Each dimension is a list of keys for the unit (most have one; forms and means may have several, and the unit
# then counts once under each of them).
DIMENSIONS: dict[str, LiteralString] = {
    "YEAR": "[toString(at.year)]",
    "SEX": "[coalesce(sex, 'UNKNOWN')]",
    "AGE_BAND": "[coalesce(band, 'UNKNOWN')]",
    "MINOR": "[CASE WHEN minor IS NULL THEN 'UNKNOWN' WHEN minor THEN 'MINOR' ELSE 'ADULT' END]",
    "SEX_AND_AGE": """[CASE WHEN sex = 'FEMALE' AND minor THEN 'GIRLS' WHEN sex = 'FEMALE' THEN 'WOMEN'
        WHEN sex = 'MALE' AND minor THEN 'BOYS' WHEN sex = 'MALE' THEN 'MEN' ELSE 'OTHER_OR_UNKNOWN' END]""",
    "NATIONALITY": "[coalesce(nationality, 'UNKNOWN')]",
    "CITIZENSHIP": """[CASE WHEN nationality IS NULL THEN 'UNKNOWN' WHEN nationality = $homeCountry THEN 'NATIONAL'
        ELSE 'FOREIGN' END]""",
    "FORM": "CASE WHEN size(forms) = 0 THEN ['UNSPECIFIED'] ELSE forms END",
    "TIP_FORM": """CASE WHEN size(forms) = 0 THEN ['UNSPECIFIED'] ELSE [f IN forms |
        CASE WHEN f IN $labourForms AND 'DEBT_BONDAGE' IN means THEN 'DEBT_BONDAGE'
             ELSE coalesce($tipForms[f], 'OTHER') END] END""",
    "LABOUR_SECTOR": "[coalesce(sector, 'NONE')]",
    "MEANS_OF_CONTROL": "CASE WHEN size(means) = 0 THEN ['UNSPECIFIED'] ELSE means END",
    "GOVERNORATE": "[coalesce(gov, 'UNKNOWN')]",
    "ORGANIZATION": "[coalesce(org.code, 'UNKNOWN')]",
    "REFERRING_ACTOR_TYPE": "[coalesce(org.kind, 'UNKNOWN')]",
    "STATUS": "[coalesce(status, 'UNKNOWN')]",
    "CHANNEL": "[coalesce(channel, 'UNKNOWN')]",
    "COURT": "[coalesce(court, 'UNKNOWN')]",
    "COURT_STATUS": "[coalesce(courtStatus, 'AWAITING_FOLLOW_UP')]",
    "SERVICE_CATEGORY": "[coalesce(category, 'UNKNOWN')]",
    "DELAY_BAND": """[CASE WHEN delayDays IS NULL THEN 'UNKNOWN' WHEN delayDays <= 30 THEN '0-30'
        WHEN delayDays <= 90 THEN '31-90' WHEN delayDays <= 180 THEN '91-180' ELSE '181+' END]""",
    "ASSISTANCE": """[CASE WHEN caseNode IS NULL THEN 'UNKNOWN'
        // unscoped: a dimension fragment; the statement it joins starts with a measure embedding AGGREGATES_VISIBLE
        WHEN EXISTS { MATCH (caseNode)<-[:FOR_CASE]-(x_r:Referral) WHERE x_r.status IN ['ACCEPTED', 'COMPLETED'] }
          THEN 'ASSISTED'
        WHEN EXISTS { MATCH (caseNode)<-[:FOR_CASE]-(:Referral) } THEN 'REFERRED' ELSE 'NOT_REFERRED' END]""",
    "OVERDUE": """[CASE WHEN delayDays IS NULL THEN 'UNKNOWN' WHEN delayDays > $deadlineDays THEN 'OVERDUE'
        ELSE 'ON_TIME' END]""",
}
UNUSED_DIMENSION: LiteralString = "[null]"

_SLOTS: tuple[tuple[LiteralString, LiteralString], ...] = (("\nWITH unit, ", " AS k0,\n"), ("  ", " AS k1,\n"),
                                                          ("  ", " AS k2\n"))

COUNT: LiteralString = """UNWIND k0 AS d0
UNWIND k1 AS d1
UNWIND k2 AS d2
RETURN d0, d1, d2, count(DISTINCT unit) AS n
ORDER BY d0, d1, d2
"""


def statistics_query(measure: str, dimensions: list[str]) -> LiteralString:
    """The one statement of a statistics call; ``measure`` and ``dimensions`` are catalogue keys (KeyError else)."""
    parts: list[LiteralString] = [MEASURES[measure], NORMALISE, FILTER]
    for position, (head, tail) in enumerate(_SLOTS):
        fragment = DIMENSIONS[dimensions[position]] if position < len(dimensions) else UNUSED_DIMENSION
        parts.extend((head, fragment, tail))
    parts.append(COUNT)
    return "".join(parts)


# "All time" as a range, so that every measure's first WHERE can seek its date index (a null bound could not).
_EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
_LATEST = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)


def _ranged(params: dict[str, Any]) -> dict[str, Any]:
    """The period's bounds for the measures' first WHERE (``$rangeFrom``, ``$rangeTo``), from ``from``/``to``."""
    return {**params, "rangeFrom": params.get("from") or _EARLIEST, "rangeTo": params.get("to") or _LATEST}


async def statistics(graph: Graph, scope: Scope, measure: str, dimensions: list[str],
                     params: dict[str, Any]) -> list[Record]:
    return await graph.read(statistics_query(measure, dimensions), {**scope.params(), **_ranged(params)})


async def profile_statistics(graph: Graph, scope: Scope, measure: str, dimensions: list[str],
                             params: dict[str, Any]) -> int:
    """Total db hits of the statistics statement (PROFILE), for benchmarks."""
    query: LiteralString = "PROFILE " + statistics_query(measure, dimensions)
    async with graph.driver.session(database=graph.database) as session:
        result = await session.run(query, {**scope.params(), **_ranged(params)})
        summary = await result.consume()
    return _db_hits(summary.profile or {})


NETWORK_SIZE: LiteralString = (
    "CALL () { MATCH (c:Case) WHERE " + AGGREGATES_VISIBLE + " RETURN count(c) AS cases }\n"
    "CALL () { MATCH (r:Referral) WHERE " + AGGREGATES_VISIBLE + " RETURN count(r) AS referrals }\n"
    "RETURN cases, referrals"
)


async def network_size(graph: Graph, scope: Scope) -> tuple[int, int]:
    """How many cases and referrals the statistics run over (for benchmarks)."""
    row = await graph.read_one(NETWORK_SIZE, scope.params())
    return (int(row["cases"]), int(row["referrals"])) if row else (0, 0)


def _db_hits(plan: dict[str, Any]) -> int:
    children = plan.get("children") or []
    return int(plan.get("dbHits", 0)) + sum(_db_hits(child) for child in children)


# One round trip: an organisation's (or, without a code, the nation's) key figures over a period.
# Case load: cases open at the end of the period; opened/closed: in the period. Referrals: made in the period for
# the organisation's cases. Reporting delay: days from the facts to the report, for reports its members sent.
KPIS: LiteralString = (
    """
CALL () {
  OPTIONAL MATCH (o:Organization)
  WHERE o.code = $organization OR ($own AND o.id = $scope.org)
  RETURN o
}
WITH o
WHERE ($organization IS NULL AND NOT $own AND """
    + AGGREGATES_VISIBLE
    + """) OR (o IS NOT NULL AND """
    + ORGANIZATION_AGGREGATES_VISIBLE
    + """)
CALL (o) {
  MATCH (c:Case)
  WHERE o IS NULL OR EXISTS { MATCH (c)-[:OWNED_BY]->(o) }
  WITH c, c.openedAt < $to AND (c.closedAt IS NULL OR c.closedAt >= $to) AS openAtEnd,
       c.openedAt >= $from AND c.openedAt < $to AS openedIn,
       c.closedAt IS NOT NULL AND c.closedAt >= $from AND c.closedAt < $to AS closedIn
  WITH c, openAtEnd, openedIn, closedIn,
       CASE WHEN closedIn THEN duration.inDays(c.openedAt, c.closedAt).days END AS daysOpen
  RETURN count(CASE WHEN openAtEnd THEN 1 END) AS caseLoad,
         count(CASE WHEN openedIn THEN 1 END) AS opened,
         count(CASE WHEN closedIn THEN 1 END) AS closed,
         count(CASE WHEN daysOpen <= 30 THEN 1 END) AS closedWithin30,
         count(CASE WHEN daysOpen > 30 AND daysOpen <= 90 THEN 1 END) AS closedWithin90,
         count(CASE WHEN daysOpen > 90 AND daysOpen <= 180 THEN 1 END) AS closedWithin180,
         count(CASE WHEN daysOpen > 180 THEN 1 END) AS closedAfter180
}
CALL (o) {
  OPTIONAL MATCH (r:Referral)-[:FOR_CASE]->(c:Case)
  WHERE r.createdAt >= $from AND r.createdAt < $to AND (o IS NULL OR EXISTS { MATCH (c)-[:OWNED_BY]->(o) })
  WITH r, c
  RETURN count(r) AS referrals, count(DISTINCT c) AS casesReferred,
         count(CASE WHEN r.status IN ['ACCEPTED', 'COMPLETED'] THEN 1 END) AS accepted,
         count(CASE WHEN r.status = 'DECLINED' THEN 1 END) AS declined,
         count(CASE WHEN r.status = 'COMPLETED' THEN 1 END) AS completed
}
CALL (o) {
  OPTIONAL MATCH (r:Referral)-[:FOR_CASE]->(c:Case)
  WHERE r.status IN ['ACCEPTED', 'COMPLETED'] AND c.openedAt >= $from AND c.openedAt < $to
    AND (o IS NULL OR EXISTS { MATCH (c)-[:OWNED_BY]->(o) })
  WITH c, min(r.respondedAt) AS firstService
  RETURN percentileCont(duration.inSeconds(c.openedAt, firstService).seconds / 86400.0, 0.5)
           AS medianDaysToFirstService
}
CALL (o) {
  OPTIONAL MATCH (rep:Report)
  WHERE rep.receivedAt >= $from AND rep.receivedAt < $to AND rep.occurredOn IS NOT NULL
    AND (o IS NULL OR rep.submittedByOrg = o.id)
  WITH duration.inDays(date(rep.occurredOn), date(rep.receivedAt)).days AS delay, rep
  RETURN count(CASE WHEN delay <= 30 THEN 1 END) AS reportedWithin30,
         count(CASE WHEN delay > 30 AND delay <= 90 THEN 1 END) AS reportedWithin90,
         count(CASE WHEN delay > 90 AND delay <= 180 THEN 1 END) AS reportedWithin180,
         count(CASE WHEN delay > 180 THEN 1 END) AS reportedAfter180
}
RETURN o.code AS organization, caseLoad, opened, closed, closedWithin30, closedWithin90, closedWithin180,
       closedAfter180, referrals, casesReferred, accepted, declined, completed, medianDaysToFirstService,
       reportedWithin30, reportedWithin90, reportedWithin180, reportedAfter180
"""
)

ORGANIZATION_EXISTS: LiteralString = "MATCH (o:Organization {code: $code}) RETURN o.id AS id"


async def kpis(graph: Graph, scope: Scope, organization: str | None, params: dict[str, Any], *,
               own: bool = False) -> Record | None:
    """One organisation's KPIs (by code, or the caller's own when ``own``), or the nation's (neither)."""
    return await graph.read_one(KPIS, {**scope.params(), "organization": organization, "own": own, **params})


# ------------------------------------------------------------------------------------------ export rows
# One row per identified victim (the VICTIMS measure, filtered), without any identifier and with the year only.
VICTIM_ROWS: LiteralString = (
    MEASURES["VICTIMS"]
    + NORMALISE
    + FILTER
    + """
WITH unit, at, sex, band, minor, nationality, forms, means, sector, gov, status, org
WHERE """
    + AGGREGATES_VISIBLE
    + """
CALL (unit) {
  OPTIONAL MATCH (unit)<-[:CONCERNS]-(:Case)<-[:FOR_CASE]-(r:Referral)-[:TO_SERVICE]->(s:Service)
  RETURN count(r) AS referrals, collect(DISTINCT s.category) AS categories,
         count(CASE WHEN r.status IN ['ACCEPTED', 'COMPLETED'] THEN 1 END) AS assisted
}
RETURN at.year AS year, sex, band, minor, nationality, forms, means, sector, gov, status,
       org.kind AS organizationKind, referrals, categories, assisted > 0 AS assisted,
       [(unit)<-[:CONCERNS]-(x_c:Case) WHERE x_c.closedAt IS NOT NULL
         | duration.inDays(x_c.openedAt, x_c.closedAt).days][0] AS daysToClose
"""
)


async def victim_rows(graph: Graph, scope: Scope, params: dict[str, Any]) -> list[Record]:
    return await graph.read(VICTIM_ROWS, {**scope.params(), **_ranged(params)})


# ------------------------------------------------------------------------------------------ export jobs
EXPORT_JOB_PROJECTION: LiteralString = """j {.id, .kind, .year, .language, .status, .progress, .ownerId, .fileName,
    .contentType, .size, .error, createdAt: j.createdAt, startedAt: j.startedAt, finishedAt: j.finishedAt,
    expiresAt: j.expiresAt}"""

CREATE_EXPORT_JOB: LiteralString = (
    """
CREATE (j:ExportJob {id: randomUUID(), kind: $kind, year: $year, language: $language, status: 'QUEUED',
  progress: 0, ownerId: $scope.user, ownerRole: $scope.role, ownerOrg: $scope.org, createdAt: datetime()})
RETURN """
    + EXPORT_JOB_PROJECTION
    + " AS job"
)

# The caller's own job only: anyone else's reads as absent.
EXPORT_JOB: LiteralString = (
    """
MATCH (j:ExportJob {id: $id})
WHERE """
    + EXPORT_JOB_VISIBLE
    + """
RETURN """
    + EXPORT_JOB_PROJECTION
    + " AS job"
)

# The oldest queued job (or one whose worker's lease ran out); the lock makes two workers claim it once.
CLAIM_EXPORT_JOB: LiteralString = (
    """
// unscoped: the export worker (a system job) claims any queued job; it builds the file in the owner's scope
MATCH (j:ExportJob)
WHERE j.status = 'QUEUED' OR (j.status = 'RUNNING' AND j.leaseUntil < datetime())
WITH j ORDER BY j.createdAt LIMIT 1
SET j._lock = true
REMOVE j._lock
WITH j WHERE j.status = 'QUEUED' OR (j.status = 'RUNNING' AND j.leaseUntil < datetime())
SET j.status = 'RUNNING', j.progress = 0, j.claimedBy = $worker, j.startedAt = datetime(),
    j.leaseUntil = datetime() + duration({seconds: $leaseSeconds})
RETURN """
    + EXPORT_JOB_PROJECTION
    + """ AS job, j.ownerRole AS ownerRole, j.ownerOrg AS ownerOrg
"""
)

EXPORT_JOB_PROGRESS: LiteralString = """
// unscoped: the export worker (a system job) reports progress on the job it claimed
MATCH (j:ExportJob {id: $id, claimedBy: $worker, status: 'RUNNING'})
SET j.progress = $progress, j.leaseUntil = datetime() + duration({seconds: $leaseSeconds})
"""

FINISH_EXPORT_JOB: LiteralString = """
// unscoped: the export worker (a system job) finishes the job it claimed
MATCH (j:ExportJob {id: $id, claimedBy: $worker})
SET j.status = 'DONE', j.progress = 100, j.finishedAt = datetime(), j.fileName = $fileName,
    j.contentType = $contentType, j.size = $size, j.sha256 = $sha256,
    j.expiresAt = datetime() + duration({hours: $ttlHours})
"""

FAIL_EXPORT_JOB: LiteralString = """
// unscoped: the export worker (a system job) fails the job it claimed
MATCH (j:ExportJob {id: $id, claimedBy: $worker})
SET j.status = 'FAILED', j.finishedAt = datetime(), j.error = $error
"""

# Done jobs past their expiry become EXPIRED (their files are deleted by the worker).
EXPIRE_EXPORT_JOBS: LiteralString = """
// unscoped: the export worker (a system job) expires every owner's done jobs
MATCH (j:ExportJob {status: 'DONE'})
WHERE j.expiresAt <= datetime()
SET j.status = 'EXPIRED'
RETURN j.id AS id
"""


async def create_export_job(graph: Graph, scope: Scope, kind: str, year: int, language: str | None) -> Record:
    row = await graph.write_one(CREATE_EXPORT_JOB, {**scope.params(), "kind": kind, "year": year,
                                                    "language": language})
    assert row is not None
    return dict(row["job"])


async def export_job(graph: Graph, scope: Scope, job_id: str) -> Record | None:
    row = await graph.read_one(EXPORT_JOB, {**scope.params(), "id": job_id})
    return None if row is None else dict(row["job"])


async def claim_export_job(graph: Graph, worker: str, lease_seconds: int) -> Record | None:
    return await graph.write_one(CLAIM_EXPORT_JOB, {"worker": worker, "leaseSeconds": lease_seconds})


async def export_job_progress(graph: Graph, job_id: str, worker: str, progress: int, lease_seconds: int) -> None:
    await graph.write(EXPORT_JOB_PROGRESS, {"id": job_id, "worker": worker, "progress": progress,
                                            "leaseSeconds": lease_seconds})


async def finish_export_job(graph: Graph, job_id: str, worker: str, *, file_name: str, content_type: str,
                            size: int, sha256: str, ttl_hours: int) -> None:
    await graph.write(FINISH_EXPORT_JOB, {"id": job_id, "worker": worker, "fileName": file_name,
                                          "contentType": content_type, "size": size, "sha256": sha256,
                                          "ttlHours": ttl_hours})


async def fail_export_job(graph: Graph, job_id: str, worker: str, error: str) -> None:
    await graph.write(FAIL_EXPORT_JOB, {"id": job_id, "worker": worker, "error": error})


async def expire_export_jobs(graph: Graph) -> list[str]:
    return [row["id"] for row in await graph.write(EXPIRE_EXPORT_JOBS)]
