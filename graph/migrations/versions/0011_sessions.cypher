// Sessions are looked up on every authenticated request (by id) and revoked by family or by user.
CREATE CONSTRAINT session_id IF NOT EXISTS FOR (n:Session) REQUIRE n.id IS UNIQUE;
CREATE INDEX session_family IF NOT EXISTS FOR (n:Session) ON (n.family);
CREATE INDEX session_user IF NOT EXISTS FOR (n:Session) ON (n.userId);
