"""Cypher for the national strategy: strategy → axes → objectives → actions and indicators, the dashboard,
the registry of indicators computed from Himaya's own data, and overdue-action alerts.

``MEASURES`` maps a measure name to a Cypher aggregate over one calendar year (``year`` is bound; the fragment
returns ``value``). It is the one place a computed indicator gets its number; the statistics domain can take
it over later by replacing these fragments.
"""

from __future__ import annotations

from typing import Any, LiteralString

from graph.access.repository import ACTION_LED
from graph.alerts.repository import ADD_RECIPIENTS
from graph.campaigns.repository import CAMPAIGN_IMPACT
from graph.db import Graph, Record

MEASURES: dict[LiteralString, LiteralString] = {
    # Victims with a case opened that year (identified).
    "VICTIMS_IDENTIFIED": """
    // unscoped: national aggregates of the strategy's computed measures (numbers only, never a record)
    MATCH (c:Case)-[:CONCERNS]->(v:Victim)
    WHERE c.openedAt >= datetime({year: year}) AND c.openedAt < datetime({year: year + 1})
    RETURN toFloat(count(DISTINCT v)) AS value""",
    # Median days from a case's opening to the first referral a service accepted, for cases opened that year.
    "MEDIAN_DAYS_TO_FIRST_SERVICE": """
    MATCH (c:Case)<-[:FOR_CASE]-(r:Referral)
    WHERE c.openedAt >= datetime({year: year}) AND c.openedAt < datetime({year: year + 1})
      AND r.status IN ['ACCEPTED', 'COMPLETED'] AND r.respondedAt IS NOT NULL
    WITH c, min(r.respondedAt) AS first
    RETURN percentileCont(duration.inSeconds(c.openedAt, first).seconds / 86400.0, 0.5) AS value""",
    # Share (%) of transmissions sent that year within the legal delay after the report was qualified.
    "TRANSMISSIONS_WITHIN_LEGAL_DELAY": """
    MATCH (t:Transmission)-[:TRANSMITS]->(rep:Report)
    WHERE t.sentAt >= datetime({year: year}) AND t.sentAt < datetime({year: year + 1})
    WITH count(t) AS sent,
         sum(CASE WHEN rep.qualifiedAt IS NULL OR t.sentAt <= rep.qualifiedAt + duration({days: $deadlineDays})
                  THEN 1 ELSE 0 END) AS inTime
    RETURN CASE WHEN sent = 0 THEN null ELSE 100.0 * inTime / sent END AS value""",
    # Officials (every sector but NGOs) who attended a training session that started that year.
    "OFFICIALS_TRAINED": """
    MATCH (e:TrainingEnrolment {attended: true})-[:IN_SESSION]->(ts:TrainingSession)
    WHERE ts.startDate >= date({year: year}) AND ts.startDate < date({year: year + 1}) AND e.sector <> 'NGO'
    RETURN toFloat(count(e)) AS value""",
    # People reached by campaign events held that year (the event's reach, else its participants).
    "CAMPAIGN_REACH": """
    MATCH (ev:CampaignEvent)
    WHERE ev.date >= date({year: year}) AND ev.date < date({year: year + 1})
    RETURN toFloat(sum(coalesce(ev.reach, ev.participants, 0))) AS value""",
}


def _computed_measures() -> LiteralString:
    """Every measure of the registry for every year of the strategy ``st``: ``computed`` = [{year, NAME: value}]."""
    query: LiteralString = """
CALL (st) {
  UNWIND range(st.startYear, st.endYear) AS year
  WITH year, {year: year} AS m
"""
    for name, fragment in MEASURES.items():
        query += "  CALL (year) {" + fragment + "\n  }\n  WITH year, m {.*, " + name + ": value} AS m\n"
    return query + "  RETURN collect(m) AS computed\n}\n"


ACTION_PROJECTION = """ac {.id, .code, .titleFr, .titleAr, .titleEn, .status, .budget, .currency, .evidence,
    .version, startDate: toString(ac.startDate), dueDate: toString(ac.dueDate),
    completedAt: toString(ac.completedAt), updatedAt: toString(ac.updatedAt),
    overdue: ac.dueDate < date() AND NOT ac.status IN ['DONE', 'CANCELLED'],
    objectiveId: [(ac)-[:OF_OBJECTIVE]->(ac_o:StrategyObjective) | ac_o.id][0],
    leadAgency: [(ac)-[:LED_BY]->(ac_l:Organization) | ac_l {.id, .code, .name}][0],
    partners: [(ac)-[:WITH_PARTNER]->(ac_p:Organization) | ac_p {.id, .code, .name}]}"""

INDICATOR_PROJECTION = """ind {.id, .code, .titleFr, .titleAr, .titleEn, .unit, .baselineYear, .baselineValue,
    .direction, .dataSource, .measure, .version,
    objectiveId: [(ind)-[:OF_OBJECTIVE]->(ind_o:StrategyObjective) | ind_o.id][0],
    owner: [(ind)-[:OWNED_BY_ORG]->(ind_w:Organization) | ind_w {.id, .code, .name}][0],
    periods: [(ind)<-[:OF_INDICATOR]-(ind_p:IndicatorPeriod) | ind_p {.period, .target, .actual}]}"""

STRATEGY_TREE = (
    """st {.id, .code, .titleFr, .titleAr, .titleEn, .startYear, .endYear, .version,
    axes: [(st)<-[:OF_STRATEGY]-(ax:StrategyAxis) | ax {.id, .code, .titleFr, .titleAr, .titleEn, .position,
      objectives: [(ax)<-[:OF_AXIS]-(ob:StrategyObjective) | ob {.id, .code, .titleFr, .titleAr, .titleEn,
        actions: [(ob)<-[:OF_OBJECTIVE]-(ac:StrategyAction) | """
    + ACTION_PROJECTION
    + """],
        indicators: [(ob)<-[:OF_OBJECTIVE]-(ind:StrategyIndicator) | """
    + INDICATOR_PROJECTION
    + """]}]}]}"""
)

CREATE_STRATEGY = """
CREATE (st:Strategy {id: $strategy.id, code: $strategy.code, titleFr: $strategy.titleFr,
    titleAr: $strategy.titleAr, titleEn: $strategy.titleEn, startYear: $strategy.startYear,
    endYear: $strategy.endYear, createdAt: datetime(), createdBy: $scope.user, updatedAt: datetime(), version: 1})
WITH st
CALL (st) {
  UNWIND $strategy.axes AS axis
  CREATE (ax:StrategyAxis {id: axis.id, code: axis.code, titleFr: axis.titleFr, titleAr: axis.titleAr,
      titleEn: axis.titleEn, position: axis.position, createdAt: datetime()})-[:OF_STRATEGY]->(st)
  WITH ax, axis
  UNWIND axis.objectives AS objective
  CREATE (:StrategyObjective {id: objective.id, code: objective.code, titleFr: objective.titleFr,
      titleAr: objective.titleAr, titleEn: objective.titleEn, createdAt: datetime()})-[:OF_AXIS]->(ax)
}
RETURN st.id AS id
"""

STRATEGY_BY_ID = "MATCH (st:Strategy {id: $id}) RETURN " + STRATEGY_TREE + " AS strategy"

LIST_STRATEGIES = (
    "MATCH (st:Strategy) WITH st ORDER BY st.startYear DESC, st.code RETURN " + STRATEGY_TREE + " AS strategy"
)

# The lead agency and partners are organisations of the network, named by code; an unknown code is reported.
ADD_ACTION = (
    """
MATCH (ob:StrategyObjective {id: $objectiveId})
OPTIONAL MATCH (lead:Organization {code: $action.leadAgencyCode})
CALL () {
  UNWIND $action.partnerCodes AS code
  OPTIONAL MATCH (p:Organization {code: code})
  RETURN collect(p) AS partners, count(p) = size($action.partnerCodes) AS allPartnersFound
}
WITH ob, lead, partners, CASE WHEN lead IS NULL OR NOT allPartnersFound THEN 'UNKNOWN_ORGANIZATION'
                              ELSE 'OK' END AS outcome
CALL (ob, lead, partners, outcome) {
  WITH ob, lead, partners, outcome WHERE outcome = 'OK'
  CREATE (ac:StrategyAction {id: $action.id, code: $action.code, titleFr: $action.titleFr,
      titleAr: $action.titleAr, titleEn: $action.titleEn, status: 'PLANNED', startDate: $action.startDate,
      dueDate: $action.dueDate, budget: $action.budget, currency: $action.currency, evidence: [],
      createdAt: datetime(), createdBy: $scope.user, updatedAt: datetime(), version: 1})-[:OF_OBJECTIVE]->(ob)
  CREATE (ac)-[:LED_BY]->(lead)
  FOREACH (p IN partners | CREATE (ac)-[:WITH_PARTNER]->(p))
}
WITH outcome
OPTIONAL MATCH (ac:StrategyAction {id: $action.id})
RETURN outcome, CASE WHEN ac IS NULL THEN null ELSE """
    + ACTION_PROJECTION
    + """ END AS action
"""
)

# The national roles, or the lead agency's own members, change an action's status and add evidence.
UPDATE_ACTION = (
    """
MATCH (ac:StrategyAction {id: $id})
WHERE """
    + ACTION_LED
    + """
SET ac._lock = true
REMOVE ac._lock
WITH ac, CASE WHEN $expectedVersion IS NOT NULL AND ac.version <> $expectedVersion THEN 'STALE'
              WHEN NOT ac.status IN $from THEN 'ILLEGAL' ELSE 'OK' END AS outcome
CALL (ac, outcome) {
  WITH ac, outcome WHERE outcome = 'OK'
  SET ac.status = coalesce($status, ac.status),
      ac.evidence = coalesce(ac.evidence, []) + $evidence,
      ac.completedAt = CASE WHEN $status = 'DONE' THEN datetime() ELSE ac.completedAt END,
      ac.updatedAt = datetime(), ac.updatedBy = $scope.user, ac.version = ac.version + 1
}
RETURN outcome, """
    + ACTION_PROJECTION
    + """ AS action
"""
)

ADD_INDICATOR = (
    """
MATCH (ob:StrategyObjective {id: $objectiveId})
OPTIONAL MATCH (owner:Organization {code: $indicator.ownerCode})
WITH ob, owner, CASE WHEN $indicator.ownerCode IS NOT NULL AND owner IS NULL THEN 'UNKNOWN_ORGANIZATION'
                     ELSE 'OK' END AS outcome
CALL (ob, owner, outcome) {
  WITH ob, owner, outcome WHERE outcome = 'OK'
  CREATE (ind:StrategyIndicator {id: $indicator.id, code: $indicator.code, titleFr: $indicator.titleFr,
      titleAr: $indicator.titleAr, titleEn: $indicator.titleEn, unit: $indicator.unit,
      baselineYear: $indicator.baselineYear, baselineValue: $indicator.baselineValue,
      direction: $indicator.direction, dataSource: $indicator.dataSource, measure: $indicator.measure,
      createdAt: datetime(), createdBy: $scope.user, updatedAt: datetime(), version: 1})-[:OF_OBJECTIVE]->(ob)
  FOREACH (o IN CASE WHEN owner IS NULL THEN [] ELSE [owner] END | CREATE (ind)-[:OWNED_BY_ORG]->(o))
}
WITH outcome
OPTIONAL MATCH (ind:StrategyIndicator {id: $indicator.id})
RETURN outcome, CASE WHEN ind IS NULL THEN null ELSE """
    + INDICATOR_PROJECTION
    + """ END AS indicator
"""
)

# A target or an actual for one period (a year), which must lie within the strategy's years. A computed indicator
# takes no recorded actual: its actual comes from the measure.
SET_PERIOD_VALUE = (
    """
MATCH (ind:StrategyIndicator {id: $id})-[:OF_OBJECTIVE]->(:StrategyObjective)-[:OF_AXIS]->(:StrategyAxis)
      -[:OF_STRATEGY]->(st:Strategy)
SET ind._lock = true
REMOVE ind._lock
WITH ind, st, CASE WHEN $period < st.startYear OR $period > st.endYear THEN 'OUTSIDE_STRATEGY'
                   WHEN $field = 'actual' AND ind.measure IS NOT NULL THEN 'COMPUTED'
                   ELSE 'OK' END AS outcome
CALL (ind, outcome) {
  WITH ind, outcome WHERE outcome = 'OK'
  MERGE (p:IndicatorPeriod {key: ind.id + ':' + toString($period)})
    ON CREATE SET p.period = $period, p.createdAt = datetime()
  MERGE (p)-[:OF_INDICATOR]->(ind)
  SET p.target = CASE WHEN $field = 'target' THEN $value ELSE p.target END,
      p.actual = CASE WHEN $field = 'actual' THEN $value ELSE p.actual END,
      p.updatedAt = datetime(), p.updatedBy = $scope.user,
      ind.updatedAt = datetime(), ind.version = ind.version + 1
}
WITH outcome, ind, st
RETURN outcome, st.startYear AS startYear, st.endYear AS endYear, """
    + INDICATOR_PROJECTION
    + """ AS indicator
"""
)

# The dashboard: the whole tree, every computed measure per year, and the campaigns aimed at its indicators.
DASHBOARD = (
    """
MATCH (st:Strategy {id: $id})
"""
    + _computed_measures()
    + """
CALL (st) {
  OPTIONAL MATCH (st)<-[:OF_STRATEGY]-(:StrategyAxis)<-[:OF_AXIS]-(:StrategyObjective)<-[:OF_OBJECTIVE]-
                 (i:StrategyIndicator)<-[:TARGETS_INDICATOR]-(cmp:Campaign)
  WITH DISTINCT cmp WHERE cmp IS NOT NULL
"""
    + CAMPAIGN_IMPACT
    + """
  RETURN collect({id: cmp.id, code: cmp.code, titleFr: cmp.titleFr, titleAr: cmp.titleAr, titleEn: cmp.titleEn,
                  startDate: toString(cmp.startDate), endDate: toString(cmp.endDate), impact: impact}) AS campaigns
}
RETURN """
    + STRATEGY_TREE
    + """ AS strategy, computed, campaigns
"""
)

# Actions past their due date and not done: the lead agency's members (and its webhook) hear of each once.
RAISE_OVERDUE_ACTIONS = (
    """
MATCH (ac:StrategyAction)
WHERE ac.dueDate < date() AND NOT ac.status IN ['DONE', 'CANCELLED']
  AND NOT EXISTS { MATCH (:Alert {subjectId: ac.id, kind: 'STRATEGY_ACTION_OVERDUE'}) }
WITH ac ORDER BY ac.dueDate, ac.id LIMIT $limit
SET ac._lock = true
REMOVE ac._lock
WITH ac
WHERE NOT EXISTS { MATCH (:Alert {subjectId: ac.id, kind: 'STRATEGY_ACTION_OVERDUE'}) }
MATCH (ac)-[:LED_BY]->(lead:Organization)
CALL (lead) {
  OPTIONAL MATCH (u:User)-[:MEMBER_OF]->(lead)
  WHERE NOT coalesce(u.disabled, false)
  RETURN collect(u) AS recipients
}
CREATE (a:Alert {id: randomUUID(), kind: 'STRATEGY_ACTION_OVERDUE', urgent: false, subjectType: 'StrategyAction',
                 subjectId: ac.id, createdAt: datetime()})
WITH a, recipients, [lead] AS orgs
"""
    + ADD_RECIPIENTS
    + """
RETURN count(a) AS raised
"""
)


async def create_strategy(graph: Graph, strategy: dict[str, Any], scope: dict[str, Any]) -> Record | None:
    await graph.write(CREATE_STRATEGY, {"strategy": strategy, **scope})
    return await strategy_by_id(graph, strategy["id"])


async def strategy_by_id(graph: Graph, strategy_id: str) -> Record | None:
    row = await graph.read_one(STRATEGY_BY_ID, {"id": strategy_id})
    return row["strategy"] if row else None


async def list_strategies(graph: Graph) -> list[Record]:
    return [row["strategy"] for row in await graph.read(LIST_STRATEGIES)]


async def add_action(graph: Graph, objective_id: str, action: dict[str, Any], scope: dict[str, Any]) -> Record | None:
    return await graph.write_one(ADD_ACTION, {"objectiveId": objective_id, "action": action, **scope})


async def update_action(graph: Graph, action_id: str, changes: dict[str, Any], scope: dict[str, Any]) -> Record | None:
    return await graph.write_one(UPDATE_ACTION, {"id": action_id, **changes, **scope})


async def add_indicator(graph: Graph, objective_id: str, indicator: dict[str, Any],
                        scope: dict[str, Any]) -> Record | None:
    return await graph.write_one(ADD_INDICATOR, {"objectiveId": objective_id, "indicator": indicator, **scope})


async def set_period_value(graph: Graph, indicator_id: str, field: str, period: int, value: float,
                           scope: dict[str, Any]) -> Record | None:
    return await graph.write_one(SET_PERIOD_VALUE, {"id": indicator_id, "field": field, "period": period,
                                                    "value": value, **scope})


async def dashboard(graph: Graph, strategy_id: str, deadline_days: int) -> Record | None:
    return await graph.read_one(DASHBOARD, {"id": strategy_id, "deadlineDays": deadline_days})


async def raise_overdue_actions(graph: Graph, *, limit: int) -> int:
    row = await graph.write_one(RAISE_OVERDUE_ACTIONS, {"limit": limit})
    return int(row["raised"]) if row else 0


ORGANIZATION_ID_BY_CODE = "MATCH (o:Organization {code: $code}) RETURN o.id AS id"


async def organization_id_by_code(graph: Graph, code: str) -> str | None:
    row = await graph.read_one(ORGANIZATION_ID_BY_CODE, {"code": code})
    return str(row["id"]) if row else None
