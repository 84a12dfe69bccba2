"""Cypher for finding assistance: which services fit a case's victim and place, ranked, and which were left out.

findAssistance reads the precomputed *reach*: ``(:AssistanceArea {governorate, category})-[:OFFERS]->(:Service)``
holds, for every governorate a service serves (its own, those it covers, those adjacent to its own), only the
services that are open (ACTIVE with free capacity). ``REFRESH_REACH`` keeps it exact and is embedded in every
statement that creates a service, changes its status or makes its free capacity cross zero, in the same
transaction. Exclusions (the services left out, with why) still scan every service of the categories, as before.
"""

from __future__ import annotations

from graph.access.repository import CASE_VISIBLE, REFERRAL_CONSENTED_SERVICES
from graph.access.scope import Scope
from graph.db import Graph, Record

# The reach of the service bound to ``s``, rebuilt: a unit subquery, so it leaves the caller's rows as they were.
REFRESH_REACH = """
CALL (s) {
  OPTIONAL MATCH (:AssistanceArea)-[stale:OFFERS]->(s)
  DELETE stale
}
CALL (s) {
  WITH s WHERE s.status = 'ACTIVE' AND coalesce(s.capacityAvailable, 0) > 0
  OPTIONAL MATCH (s)-[:LOCATED_IN]->(home:Governorate)
  WITH s, home.code AS homeCode,
       COLLECT { MATCH (s)-[:COVERS]->(x:Governorate) RETURN DISTINCT x.code } AS covered,
       COLLECT { MATCH (s)-[:LOCATED_IN]->(:Governorate)-[:ADJACENT_TO]-(n:Governorate) RETURN DISTINCT n.code }
           AS near
  WITH s, homeCode, covered, near,
       reduce(codes = [], code IN CASE WHEN homeCode IS NULL THEN [] ELSE [homeCode] END + covered + near |
              CASE WHEN code IN codes THEN codes ELSE codes + code END) AS served
  UNWIND served AS code
  MERGE (a:AssistanceArea {governorate: code, category: s.category})
  CREATE (a)-[:OFFERS {inGovernorate: coalesce(code = homeCode, false), covers: code IN covered,
                       adjacent: code IN near}]->(s)
}
"""

# The same, only when the free capacity of ``s`` crossed zero (``before`` holds the number it had).
REFRESH_REACH_WHEN_CAPACITY_CROSSES_ZERO = (
    """
CALL (s, before) {
  WITH s WHERE (coalesce(before, 0) > 0) <> (coalesce(s.capacityAvailable, 0) > 0)
"""
    + REFRESH_REACH
    + """
}
"""
)

# Every service in the graph, reach rebuilt (after bulk loads that bypass the statements above).
REBUILD_REACH = (
    """
MATCH (s:Service)
CALL (s) {
"""
    + REFRESH_REACH
    + """
}
"""
)

# The case (when visible), its victim and governorate, and the victim's age range.
# Age: from the birth year (one year of uncertainty) or the band "LO-HI" / "LO+"; unknown ages pass.
_CASE = (
    """
MATCH (c:Case {id: $caseId})
WHERE """
    + CASE_VISIBLE
    + """
MATCH (c)-[:CONCERNS]->(v:Victim)
MATCH (c)-[:LOCATED_IN]->(g:Governorate)
WITH c, v, g,
     CASE WHEN v.birthYear IS NOT NULL THEN date().year - v.birthYear - 1
          WHEN v.ageBand IS NOT NULL THEN toInteger(split(replace(v.ageBand, '+', ''), '-')[0]) END AS ageLow,
     CASE WHEN v.birthYear IS NOT NULL THEN date().year - v.birthYear
          WHEN v.ageBand CONTAINS '-' THEN toInteger(split(v.ageBand, '-')[1]) END AS ageHigh
WITH c, v, g, ageLow, ageHigh, """ + REFERRAL_CONSENTED_SERVICES + """ AS consented
CALL (c, v, g, ageLow, ageHigh, consented) {
"""
)

# Candidates from the reach: the open services serving the case's governorate in those categories.
# The service's organisation and home governorate are read after the ranking, for the few rows returned: a
# service carries many referral relationships, so expanding from every candidate was most of the cost.
_REACHED = """
  MATCH (a:AssistanceArea)-[reach:OFFERS]->(s:Service)
  WHERE a.governorate = g.code AND a.category IN $categories
  WITH c, v, g, ageLow, ageHigh, consented, s, null AS home,
       reach.covers AS covers, reach.inGovernorate AS inGovernorate, reach.adjacent AS adjacent
"""

# Candidates by scanning every service of those categories (for exclusions, which need the closed ones too).
_SCANNED = """
  MATCH (s:Service)-[:PROVIDED_BY]->(:Organization)
  WHERE s.category IN $categories
  WITH c, v, g, ageLow, ageHigh, consented, s, [(s)-[:LOCATED_IN]->(s_g:Governorate) | s_g][0] AS home,
       EXISTS { MATCH (s)-[:COVERS]->(g) } AS covers
  WITH c, v, g, ageLow, ageHigh, consented, s, home, covers, home IS NOT NULL AND home = g AS inGovernorate,
       home IS NOT NULL AND EXISTS { MATCH (home)-[:ADJACENT_TO]-(g) } AS adjacent
"""

# One boolean per rule and what the ranking needs, for each candidate.
_RULES = (
    """
  // unscoped: a fragment; the statements it is part of start from the visible case (CASE_VISIBLE in _CASE)
  WITH c, v, g, ageLow, ageHigh, consented, s, home, covers, inGovernorate, adjacent,
       s {.id, .status, .capacityAvailable, .sexes, .minAge, .maxAge, .acceptsMinors, .nationalitiesOnly,
          .nationalitiesExcluded, .languages, .exploitationForms, .location} AS sp
  // Each of the service's properties read once (sp): the rules below read several of them more than once.
  WITH c, v, g, ageLow, ageHigh, s, sp, home, covers, inGovernorate, adjacent,
       [l IN coalesce(v.languages, []) WHERE l IN coalesce(sp.languages, [])] AS sharedLanguages,
       s IN consented AS hasConsent,
       CASE WHEN sp.location IS NULL THEN null ELSE point.distance(sp.location, g.centroid) / 1000.0 END AS distanceKm
  WITH s, sp, g, home, covers, sharedLanguages, hasConsent, inGovernorate, adjacent, distanceKm,
       {
         active: sp.status = 'ACTIVE',
         capacity: coalesce(sp.capacityAvailable, 0) > 0,
         sex: size(coalesce(sp.sexes, [])) = 0 OR coalesce(v.sex IN sp.sexes, false),
         minAge: sp.minAge IS NULL OR ageHigh IS NULL OR ageHigh >= sp.minAge,
         maxAge: sp.maxAge IS NULL OR ageLow IS NULL OR ageLow <= sp.maxAge,
         minors: NOT coalesce(v.minor, false) OR coalesce(sp.acceptsMinors, false),
         nationalityExcluded: v.nationality IS NULL OR NOT v.nationality IN coalesce(sp.nationalitiesExcluded, []),
         nationalityOnly: size(coalesce(sp.nationalitiesOnly, [])) = 0
             OR coalesce(v.nationality IN sp.nationalitiesOnly, false),
         language: size(coalesce(sp.languages, [])) = 0 OR size(coalesce(v.languages, [])) = 0
             OR size(sharedLanguages) > 0,
         exploitation: size(coalesce(sp.exploitationForms, [])) = 0 OR size(coalesce(c.exploitationForms, [])) = 0
             OR any(f IN c.exploitationForms WHERE f IN sp.exploitationForms),
         area: inGovernorate OR covers OR adjacent
       } AS checks,
       {sex: v.sex, nationality: v.nationality, languages: coalesce(v.languages, []),
        exploitationForms: coalesce(c.exploitationForms, [])} AS victim
  WITH s, sp, g, home, covers, sharedLanguages, hasConsent, inGovernorate, adjacent, distanceKm, checks, victim,
       all(key IN keys(checks) WHERE checks[key]) AS eligible,
       round(
         CASE WHEN distanceKm IS NULL THEN 0.0 ELSE 40.0 / (1.0 + distanceKm / 25.0) END
         + CASE WHEN inGovernorate OR covers THEN 20.0 WHEN adjacent THEN 10.0 ELSE 0.0 END
         + CASE WHEN coalesce(sp.capacityAvailable, 0) >= 10 THEN 10.0
                ELSE toFloat(coalesce(sp.capacityAvailable, 0)) END
         + CASE WHEN size(sharedLanguages) > 0 THEN 15.0 WHEN size(coalesce(sp.languages, [])) = 0 THEN 5.0
                ELSE 0.0 END
         + CASE WHEN hasConsent THEN 10.0 ELSE 0.0 END, 3) AS score
"""
)

# After the ranking, for the rows returned only: the organisation, and the home governorate (already known when
# the candidates came from the scan).
_RETURNED = """
  MATCH (s)-[:PROVIDED_BY]->(o:Organization)
  WITH *, coalesce(home, [(s)-[:LOCATED_IN]->(s_g:Governorate) | s_g][0]) AS shownHome
"""

_ROW = """{serviceId: s.id, organizationId: o.id, organizationName: o.name, score: score, distanceKm: distanceKm,
      capacityAvailable: coalesce(sp.capacityAvailable, 0), capacityUnit: s.capacityUnit, hasConsent: hasConsent,
      inGovernorate: inGovernorate, covers: covers, adjacent: adjacent, sharedLanguages: sharedLanguages,
      checks: checks, victim: victim,
      service: sp {.status, .sexes, .minAge, .maxAge, .nationalitiesOnly, .nationalitiesExcluded, .languages,
                   .exploitationForms},
      home: shownHome {.code, .nameFr, .nameAr, .nameEn},
      caseGovernorate: g {.code, .nameFr, .nameAr, .nameEn}}"""

_ELIGIBLE_RANKED = (
    """
  WITH * WHERE eligible
  WITH * ORDER BY score DESC, coalesce(distanceKm, 1.0e9) ASC, sp.id ASC LIMIT $limit"""
    + _RETURNED
    + """
  RETURN collect("""
    + _ROW
    + """) AS rows
}
RETURN rows
"""
)

# Eligible services, best first, from the reach: one row per case the caller may see (none when not visible).
FIND_ASSISTANCE = _CASE + _REACHED + _RULES + _ELIGIBLE_RANKED

# The same answer by scanning every service of the categories: the reference the reach is tested against.
FIND_ASSISTANCE_BY_SCAN = _CASE + _SCANNED + _RULES + _ELIGIBLE_RANKED

# The nearest services of those categories that were left out, with the rule(s) each one failed.
ASSISTANCE_EXCLUSIONS = (
    _CASE
    + _SCANNED
    + _RULES
    + """
  WITH * WHERE NOT eligible
  WITH * ORDER BY coalesce(distanceKm, 1.0e9) ASC, sp.id ASC LIMIT $limit"""
    + _RETURNED
    + """
  RETURN collect("""
    + _ROW
    + """) AS rows
}
RETURN rows
"""
)


async def find_assistance(
    graph: Graph, scope: Scope, case_id: str, categories: list[str], limit: int
) -> list[Record] | None:
    """Ranked eligible services, or None when the case is not visible."""
    row = await graph.read_one(FIND_ASSISTANCE, {"caseId": case_id, "categories": categories, "limit": limit,
                                                 **scope.params()})
    return None if row is None else list(row["rows"])


async def assistance_exclusions(
    graph: Graph, scope: Scope, case_id: str, categories: list[str], limit: int
) -> list[Record] | None:
    """The nearest ineligible services with their failed checks, or None when the case is not visible."""
    row = await graph.read_one(ASSISTANCE_EXCLUSIONS, {"caseId": case_id, "categories": categories,
                                                       "limit": limit, **scope.params()})
    return None if row is None else list(row["rows"])


async def find_assistance_by_scan(
    graph: Graph, scope: Scope, case_id: str, categories: list[str], limit: int
) -> list[Record] | None:
    """The same answer as ``find_assistance`` without the reach (the reference it is checked against)."""
    row = await graph.read_one(FIND_ASSISTANCE_BY_SCAN, {"caseId": case_id, "categories": categories,
                                                         "limit": limit, **scope.params()})
    return None if row is None else list(row["rows"])


async def rebuild_reach(graph: Graph) -> None:
    """Rebuild the reach of every service (after a bulk load that wrote services without ``REFRESH_REACH``)."""
    await graph.write(REBUILD_REACH)
