// Approvals (identification, transfer), referral timelines, audit trail search, enrolment links.
CREATE CONSTRAINT approval_request_id IF NOT EXISTS FOR (n:ApprovalRequest) REQUIRE n.id IS UNIQUE;
CREATE INDEX approval_request_status IF NOT EXISTS FOR (n:ApprovalRequest) ON (n.kind, n.status);
CREATE CONSTRAINT referral_step_id IF NOT EXISTS FOR (n:ReferralStep) REQUIRE n.id IS UNIQUE;
CREATE INDEX consent_expires IF NOT EXISTS FOR (n:Consent) ON (n.expiresAt);
CREATE INDEX audit_event_actor IF NOT EXISTS FOR (n:AuditEvent) ON (n.actorId);
CREATE INDEX audit_event_action IF NOT EXISTS FOR (n:AuditEvent) ON (n.action);
CREATE CONSTRAINT enrolment_token_hash IF NOT EXISTS FOR (n:Enrolment) REQUIRE n.tokenHash IS UNIQUE;
