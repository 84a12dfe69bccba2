// Idempotency-Key records: one per (principal, key); the unique key makes concurrent claims safe.
CREATE CONSTRAINT idempotency_scoped_key IF NOT EXISTS FOR (n:IdempotencyRecord) REQUIRE n.scopedKey IS UNIQUE;
CREATE INDEX idempotency_expires IF NOT EXISTS FOR (n:IdempotencyRecord) ON (n.expiresAt);
// Delta sync: keyset pages on (updatedAt, id), and tombstones read by organisation and time.
CREATE INDEX case_updated IF NOT EXISTS FOR (n:Case) ON (n.updatedAt);
CREATE INDEX victim_updated IF NOT EXISTS FOR (n:Victim) ON (n.updatedAt);
CREATE INDEX referral_updated IF NOT EXISTS FOR (n:Referral) ON (n.updatedAt);
CREATE INDEX service_updated IF NOT EXISTS FOR (n:Service) ON (n.updatedAt);
CREATE INDEX organization_updated IF NOT EXISTS FOR (n:Organization) ON (n.updatedAt);
CREATE INDEX tombstone_at IF NOT EXISTS FOR (n:Tombstone) ON (n.at);
CREATE INDEX tombstone_organization IF NOT EXISTS FOR (n:Tombstone) ON (n.organizationId);
