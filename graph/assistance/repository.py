"""Cypher for finding assistance: which services fit a case's victim and place, ranked, and which were left out."""

from __future__ import annotations

from graph.access.repository import CASE_VISIBLE, REFERRAL_CONSENT_HOLDS
from graph.access.scope import Scope
from graph.db import Graph, Record

# Every candidate service of the wanted categories, with one boolean per rule and what the ranking needs.
# Age: from the birth year (one year of uncertainty) or the band "LO-HI" / "LO+"; unknown ages pass.
_CANDIDATES = (
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
CALL (c, v, g, ageLow, ageHigh) {
  MATCH (s:Service)-[:PROVIDED_BY]->(o:Organization)
  WHERE s.category IN $categories
  WITH c, v, g, ageLow, ageHigh, s, o,
       [(s)-[:LOCATED_IN]->(s_g:Governorate) | s_g][0] AS home,
       EXISTS { MATCH (s)-[:COVERS]->(g) } AS covers,
       [l IN coalesce(v.languages, []) WHERE l IN coalesce(s.languages, [])] AS sharedLanguages,
       """
    + REFERRAL_CONSENT_HOLDS
    + """ AS hasConsent
  WITH c, v, g, ageLow, ageHigh, s, o, home, covers, sharedLanguages, hasConsent,
       home IS NOT NULL AND home = g AS inGovernorate,
       home IS NOT NULL AND EXISTS { MATCH (home)-[:ADJACENT_TO]-(g) } AS adjacent,
       CASE WHEN s.location IS NULL THEN null ELSE point.distance(s.location, g.centroid) / 1000.0 END AS distanceKm
  WITH s, o, g, home, covers, sharedLanguages, hasConsent, inGovernorate, adjacent, distanceKm,
       {
         active: s.status = 'ACTIVE',
         capacity: coalesce(s.capacityAvailable, 0) > 0,
         sex: size(coalesce(s.sexes, [])) = 0 OR coalesce(v.sex IN s.sexes, false),
         minAge: s.minAge IS NULL OR ageHigh IS NULL OR ageHigh >= s.minAge,
         maxAge: s.maxAge IS NULL OR ageLow IS NULL OR ageLow <= s.maxAge,
         minors: NOT coalesce(v.minor, false) OR coalesce(s.acceptsMinors, false),
         nationalityExcluded: v.nationality IS NULL OR NOT v.nationality IN coalesce(s.nationalitiesExcluded, []),
         nationalityOnly: size(coalesce(s.nationalitiesOnly, [])) = 0
             OR coalesce(v.nationality IN s.nationalitiesOnly, false),
         language: size(coalesce(s.languages, [])) = 0 OR size(coalesce(v.languages, [])) = 0
             OR size(sharedLanguages) > 0,
         exploitation: size(coalesce(s.exploitationForms, [])) = 0 OR size(coalesce(c.exploitationForms, [])) = 0
             OR any(f IN c.exploitationForms WHERE f IN s.exploitationForms),
         area: inGovernorate OR covers OR adjacent
       } AS checks,
       {sex: v.sex, nationality: v.nationality, languages: coalesce(v.languages, []),
        exploitationForms: coalesce(c.exploitationForms, [])} AS victim
  WITH s, o, g, home, covers, sharedLanguages, hasConsent, inGovernorate, adjacent, distanceKm, checks, victim,
       all(key IN keys(checks) WHERE checks[key]) AS eligible,
       round(
         CASE WHEN distanceKm IS NULL THEN 0.0 ELSE 40.0 / (1.0 + distanceKm / 25.0) END
         + CASE WHEN inGovernorate OR covers THEN 20.0 WHEN adjacent THEN 10.0 ELSE 0.0 END
         + CASE WHEN coalesce(s.capacityAvailable, 0) >= 10 THEN 10.0
                ELSE toFloat(coalesce(s.capacityAvailable, 0)) END
         + CASE WHEN size(sharedLanguages) > 0 THEN 15.0 WHEN size(coalesce(s.languages, [])) = 0 THEN 5.0
                ELSE 0.0 END
         + CASE WHEN hasConsent THEN 10.0 ELSE 0.0 END, 3) AS score
"""
)

_ROW = """{serviceId: s.id, organizationId: o.id, organizationName: o.name, score: score, distanceKm: distanceKm,
      capacityAvailable: coalesce(s.capacityAvailable, 0), capacityUnit: s.capacityUnit, hasConsent: hasConsent,
      inGovernorate: inGovernorate, covers: covers, adjacent: adjacent, sharedLanguages: sharedLanguages,
      checks: checks, victim: victim,
      service: s {.status, .sexes, .minAge, .maxAge, .nationalitiesOnly, .nationalitiesExcluded, .languages,
                  .exploitationForms},
      home: home {.code, .nameFr, .nameAr, .nameEn},
      caseGovernorate: g {.code, .nameFr, .nameAr, .nameEn}}"""

# Eligible services, best first: one row per case the caller may see (none when the case is not visible).
FIND_ASSISTANCE = (
    _CANDIDATES
    + """
  WITH * WHERE eligible
  WITH * ORDER BY score DESC, coalesce(distanceKm, 1.0e9) ASC, s.id ASC LIMIT $limit
  RETURN collect("""
    + _ROW
    + """) AS rows
}
RETURN rows
"""
)

# The nearest services of those categories that were left out, with the rule(s) each one failed.
ASSISTANCE_EXCLUSIONS = (
    _CANDIDATES
    + """
  WITH * WHERE NOT eligible
  WITH * ORDER BY coalesce(distanceKm, 1.0e9) ASC, s.id ASC LIMIT $limit
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
