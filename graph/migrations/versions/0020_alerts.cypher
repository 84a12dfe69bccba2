// Alerts to partners: the outbox (Alert, Delivery), registered devices and organisations' webhook endpoints.
CREATE CONSTRAINT alert_id IF NOT EXISTS FOR (n:Alert) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT delivery_id IF NOT EXISTS FOR (n:Delivery) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT device_id IF NOT EXISTS FOR (n:Device) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT device_token IF NOT EXISTS FOR (n:Device) REQUIRE n.token IS UNIQUE;
CREATE CONSTRAINT webhook_endpoint_org IF NOT EXISTS FOR (n:WebhookEndpoint) REQUIRE n.organizationId IS UNIQUE;
// The dispatcher claims due deliveries by status and time; escalation looks for old unanswered alerts.
CREATE INDEX delivery_status_next IF NOT EXISTS FOR (n:Delivery) ON (n.status, n.nextAttemptAt);
CREATE INDEX delivery_status_lease IF NOT EXISTS FOR (n:Delivery) ON (n.status, n.leaseUntil);
CREATE INDEX alert_kind_created IF NOT EXISTS FOR (n:Alert) ON (n.kind, n.createdAt);
CREATE INDEX alert_subject IF NOT EXISTS FOR (n:Alert) ON (n.subjectId);
CREATE INDEX alert_urgent_created IF NOT EXISTS FOR (n:Alert) ON (n.urgent, n.createdAt);
CREATE INDEX user_role IF NOT EXISTS FOR (n:User) ON (n.role);
