// Export jobs (statistics exports and the annual report): looked up by id, claimed by status in creation order,
// expired by time. Statistics group cases by their opening date.
CREATE CONSTRAINT export_job_id IF NOT EXISTS FOR (n:ExportJob) REQUIRE n.id IS UNIQUE;
CREATE INDEX export_job_status IF NOT EXISTS FOR (n:ExportJob) ON (n.status, n.createdAt);
CREATE INDEX case_opened IF NOT EXISTS FOR (n:Case) ON (n.openedAt);
