// The trafficking graph: perpetrators, shared identifiers (one node per blind index), route events, protected
// persons (witnesses, whistleblowers) and their protection measures, and the suspected networks snapshot.
CREATE CONSTRAINT perpetrator_id IF NOT EXISTS FOR (n:Perpetrator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT identifier_id IF NOT EXISTS FOR (n:Identifier) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT identifier_blind_index IF NOT EXISTS FOR (n:Identifier) REQUIRE n.blindIndex IS UNIQUE;
CREATE CONSTRAINT route_event_id IF NOT EXISTS FOR (n:RouteEvent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT protected_person_id IF NOT EXISTS FOR (n:ProtectedPerson) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT protection_measure_id IF NOT EXISTS FOR (n:ProtectionMeasure) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT suspected_network_id IF NOT EXISTS FOR (n:SuspectedNetwork) REQUIRE n.id IS UNIQUE;
CREATE INDEX protection_measure_review IF NOT EXISTS FOR (n:ProtectionMeasure) ON (n.status, n.reviewDue);
CREATE INDEX suspected_network_rank IF NOT EXISTS FOR (n:SuspectedNetwork) ON (n.rank);
