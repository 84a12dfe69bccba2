// Delta sync pages by a commit-ordered sequence (graph/changefeed.py): one head, and syncSeq on synced records.
CREATE CONSTRAINT change_head_id IF NOT EXISTS FOR (n:ChangeHead) REQUIRE n.id IS UNIQUE;
CREATE INDEX case_sync_seq IF NOT EXISTS FOR (n:Case) ON (n.syncSeq);
CREATE INDEX victim_sync_seq IF NOT EXISTS FOR (n:Victim) ON (n.syncSeq);
CREATE INDEX referral_sync_seq IF NOT EXISTS FOR (n:Referral) ON (n.syncSeq);
CREATE INDEX service_sync_seq IF NOT EXISTS FOR (n:Service) ON (n.syncSeq);
CREATE INDEX organization_sync_seq IF NOT EXISTS FOR (n:Organization) ON (n.syncSeq);
CREATE INDEX report_sync_seq IF NOT EXISTS FOR (n:Report) ON (n.syncSeq);
CREATE INDEX guideline_version_sync_seq IF NOT EXISTS FOR (n:GuidelineVersion) ON (n.syncSeq);
CREATE INDEX tombstone_sync_seq IF NOT EXISTS FOR (n:Tombstone) ON (n.syncSeq);
// The head exists from the start, so that a first synced write and every later one only move it on.
MERGE (h:ChangeHead {id: 'sync'}) ON CREATE SET h.seq = 0;
