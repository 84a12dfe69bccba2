// Rate limits, sign-in throttling and lockouts shared by every API process: one counter per key.
CREATE CONSTRAINT rate_counter_key IF NOT EXISTS FOR (n:RateCounter) REQUIRE n.key IS UNIQUE;
CREATE INDEX rate_counter_subject IF NOT EXISTS FOR (n:RateCounter) ON (n.subject);
CREATE INDEX rate_counter_expires IF NOT EXISTS FOR (n:RateCounter) ON (n.expiresAt);
