// findAssistance reads a precomputed reach instead of scanning every service of a category nationwide:
// (:AssistanceArea {governorate, category})-[:OFFERS {inGovernorate, covers, adjacent}]->(:Service) for open
// services only, kept exact by graph/assistance/repository.py's REFRESH_REACH in the statements that change it.
CREATE CONSTRAINT assistance_area_key IF NOT EXISTS FOR (a:AssistanceArea) REQUIRE (a.governorate, a.category) IS UNIQUE;
// The reach of the services that existed before this migration (the same rule as REFRESH_REACH).
MATCH (s:Service)
WHERE s.status = 'ACTIVE' AND coalesce(s.capacityAvailable, 0) > 0 AND NOT EXISTS { MATCH (:AssistanceArea)-[:OFFERS]->(s) }
OPTIONAL MATCH (s)-[:LOCATED_IN]->(home:Governorate)
WITH s, home.code AS homeCode,
     COLLECT { MATCH (s)-[:COVERS]->(x:Governorate) RETURN DISTINCT x.code } AS covered,
     COLLECT { MATCH (s)-[:LOCATED_IN]->(:Governorate)-[:ADJACENT_TO]-(n:Governorate) RETURN DISTINCT n.code } AS near
WITH s, homeCode, covered, near,
     reduce(codes = [], code IN CASE WHEN homeCode IS NULL THEN [] ELSE [homeCode] END + covered + near |
            CASE WHEN code IN codes THEN codes ELSE codes + code END) AS served
UNWIND served AS code
MERGE (a:AssistanceArea {governorate: code, category: s.category})
CREATE (a)-[:OFFERS {inGovernorate: coalesce(code = homeCode, false), covers: code IN covered, adjacent: code IN near}]->(s);
