// Found by `make bench` (BENCHMARKS.md): findAssistance selects services by category alone (status and the other
// eligibility checks are scored, not filtered), which the (category, status) composite index cannot serve, so
// every request scanned all services.
CREATE INDEX service_category IF NOT EXISTS FOR (n:Service) ON (n.category);
