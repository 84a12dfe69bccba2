// Lookup indexes for the hot paths: matching services, listing cases and referrals.
CREATE INDEX service_category_status IF NOT EXISTS FOR (n:Service) ON (n.category, n.status);
CREATE INDEX case_status IF NOT EXISTS FOR (n:Case) ON (n.status);
CREATE INDEX case_updated IF NOT EXISTS FOR (n:Case) ON (n.updatedAt);
CREATE INDEX referral_status IF NOT EXISTS FOR (n:Referral) ON (n.status);
CREATE INDEX referral_updated IF NOT EXISTS FOR (n:Referral) ON (n.updatedAt);
CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind);
CREATE INDEX report_status IF NOT EXISTS FOR (n:Report) ON (n.status);
CREATE POINT INDEX service_location IF NOT EXISTS FOR (n:Service) ON (n.location);
