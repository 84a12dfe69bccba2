"""Cypher for awareness campaigns: the campaign, its partners, events in the field, and its effect on reports."""

from __future__ import annotations

from typing import Any

from graph.access.repository import CAMPAIGN_VISIBLE
from graph.db import Graph, Record

# Expects ``cmp``; yields ``impact``: per governorate of the campaign, reports received in the window of the same
# length before the campaign, during it and after it, and the reports that carried the campaign's code.
CAMPAIGN_IMPACT = """
  // unscoped: counts of reports per governorate and window (aggregates, no report is returned)
  CALL (cmp) {
    UNWIND coalesce(cmp.governorates, []) AS g
    WITH cmp, g, duration({days: duration.inDays(cmp.startDate, cmp.endDate).days + 1}) AS span,
         datetime({date: cmp.startDate}) AS opens, datetime({date: cmp.endDate + duration({days: 1})}) AS closes
    RETURN collect({governorate: g,
      before: COUNT { MATCH (rb:Report)-[:LOCATED_IN]->(:Governorate {code: g})
                      WHERE rb.receivedAt >= opens - span AND rb.receivedAt < opens },
      during: COUNT { MATCH (rd:Report)-[:LOCATED_IN]->(:Governorate {code: g})
                      WHERE rd.receivedAt >= opens AND rd.receivedAt < closes },
      after: COUNT { MATCH (ra:Report)-[:LOCATED_IN]->(:Governorate {code: g})
                     WHERE ra.receivedAt >= closes AND ra.receivedAt < closes + span },
      withCode: COUNT { MATCH (rc:Report {campaignCode: cmp.code})-[:LOCATED_IN]->(:Governorate {code: g}) }
    }) AS impact
  }
"""

CAMPAIGN_PROJECTION = """cmp {.id, .code, .titleFr, .titleAr, .titleEn, .objective, .audiences, .channels, .languages,
    .governorates, .budget, .currency, .materials, .reach, .version,
    startDate: toString(cmp.startDate), endDate: toString(cmp.endDate),
    indicatorId: [(cmp)-[:TARGETS_INDICATOR]->(cmp_i:StrategyIndicator) | cmp_i.id][0],
    partners: [(cmp)-[:CAMPAIGN_PARTNER]->(cmp_p:Organization) | cmp_p {.id, .code, .name}],
    events: [(cmp)<-[:OF_CAMPAIGN]-(cmp_e:CampaignEvent) | cmp_e {.id, .kind, .governorate, .participants,
             .reach, .note, date: toString(cmp_e.date)}],
    impact: impact}"""

CREATE_CAMPAIGN = """
OPTIONAL MATCH (ind:StrategyIndicator {id: $campaign.indicatorId})
CALL () {
  UNWIND $campaign.partnerCodes AS code
  OPTIONAL MATCH (p:Organization {code: code})
  RETURN collect(p) AS partners, count(p) = size($campaign.partnerCodes) AS allPartnersFound
}
WITH ind, partners, CASE WHEN $campaign.indicatorId IS NOT NULL AND ind IS NULL THEN 'UNKNOWN_INDICATOR'
                         WHEN NOT allPartnersFound THEN 'UNKNOWN_ORGANIZATION'
                         WHEN any(g IN $campaign.governorates WHERE NOT EXISTS { MATCH (:Governorate {code: g}) })
                             THEN 'UNKNOWN_GOVERNORATE'
                         WHEN EXISTS { MATCH (:Campaign {code: $campaign.code}) } THEN 'DUPLICATE'
                         ELSE 'OK' END AS outcome
CALL (ind, partners, outcome) {
  WITH ind, partners, outcome WHERE outcome = 'OK'
  CREATE (cmp:Campaign {id: $campaign.id, code: $campaign.code, titleFr: $campaign.titleFr,
      titleAr: $campaign.titleAr, titleEn: $campaign.titleEn, objective: $campaign.objective,
      audiences: $campaign.audiences, channels: $campaign.channels, languages: $campaign.languages,
      governorates: $campaign.governorates, startDate: $campaign.startDate, endDate: $campaign.endDate,
      budget: $campaign.budget, currency: $campaign.currency, materials: $campaign.materials, reach: $campaign.reach,
      createdAt: datetime(), createdBy: $scope.user, updatedAt: datetime(), version: 1})
  FOREACH (i IN CASE WHEN ind IS NULL THEN [] ELSE [ind] END | CREATE (cmp)-[:TARGETS_INDICATOR]->(i))
  FOREACH (p IN partners | CREATE (cmp)-[:CAMPAIGN_PARTNER]->(p))
}
RETURN outcome
"""

LIST_CAMPAIGNS = (
    """
MATCH (cmp:Campaign)
WHERE """
    + CAMPAIGN_VISIBLE
    + """ AND ($id IS NULL OR cmp.id = $id)
WITH cmp ORDER BY cmp.startDate DESC, cmp.code LIMIT $limit
"""
    + CAMPAIGN_IMPACT
    + """
RETURN """
    + CAMPAIGN_PROJECTION
    + """ AS campaign
"""
)

# Events are recorded nationally or by the campaign's partners (field staff, from the app); the campaign is
# locked so the reach total stays exact under concurrent recording.
RECORD_EVENT = (
    """
MATCH (cmp:Campaign {id: $campaignId})
WHERE """
    + CAMPAIGN_VISIBLE
    + """
SET cmp._lock = true
REMOVE cmp._lock
WITH cmp, CASE WHEN EXISTS { MATCH (:CampaignEvent {id: $event.id})-[:OF_CAMPAIGN]->(other:Campaign)
                             WHERE other <> cmp } THEN 'ID_TAKEN'
               WHEN $event.date < cmp.startDate OR $event.date > cmp.endDate THEN 'OUTSIDE_CAMPAIGN'
               WHEN NOT $event.governorate IN coalesce(cmp.governorates, []) THEN 'OUTSIDE_GOVERNORATES'
               ELSE 'OK' END AS outcome
CALL (cmp, outcome) {
  WITH cmp, outcome WHERE outcome = 'OK'
  MERGE (ev:CampaignEvent {id: $event.id})
    ON CREATE SET ev.kind = $event.kind, ev.date = $event.date, ev.governorate = $event.governorate,
        ev.participants = $event.participants, ev.reach = $event.reach, ev.note = $event.note,
        ev.recordedBy = $scope.user, ev.recordedByOrg = $scope.org, ev.createdAt = datetime(),
        cmp.updatedAt = datetime(), cmp.version = cmp.version + 1
  MERGE (ev)-[:OF_CAMPAIGN]->(cmp)
}
RETURN outcome
"""
)


async def create_campaign(graph: Graph, campaign: dict[str, Any], scope: dict[str, Any]) -> str:
    row = await graph.write_one(CREATE_CAMPAIGN, {"campaign": campaign, **scope})
    return str(row["outcome"]) if row else "NOT_FOUND"


async def list_campaigns(graph: Graph, scope: dict[str, Any], *, campaign_id: str | None = None,
                         limit: int = 100) -> list[Record]:
    rows = await graph.read(LIST_CAMPAIGNS, {"id": campaign_id, "limit": limit, **scope})
    return [row["campaign"] for row in rows]


async def record_event(graph: Graph, campaign_id: str, event: dict[str, Any], scope: dict[str, Any]) -> str | None:
    row = await graph.write_one(RECORD_EVENT, {"campaignId": campaign_id, "event": event, **scope})
    return str(row["outcome"]) if row else None
