"""Prometheus metrics, one registry per app so several apps (tests) never collide.

With several worker processes (``himaya serve``), ``PROMETHEUS_MULTIPROC_DIR`` is set before the workers start:
each one writes its values there and ``/metrics``, whichever worker answers, reports them all together (counters
summed; gauges as each one's ``multiprocess_mode`` says).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess

MULTIPROCESS_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"


def exposition(metrics: Metrics) -> bytes:
    """What ``/metrics`` answers: this process's registry, or every worker's values when there are several."""
    if os.environ.get(MULTIPROCESS_DIR_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(metrics.registry)


@dataclass
class Metrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        self.requests = Counter(
            "himaya_requests_total", "Requests served, by operation and outcome",
            ["operation", "outcome"], registry=self.registry,
        )
        self.latency = Histogram(
            "himaya_request_seconds", "Request latency by operation", ["operation"], registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
        )
        self.cypher_round_trips = Counter(
            "himaya_cypher_round_trips_total", "Cypher round trips, by operation", ["operation"],
            registry=self.registry,
        )
        self.neo4j_pool_max = Gauge(
            "himaya_neo4j_pool_max_connections", "Configured Neo4j connection pool size", registry=self.registry,
            multiprocess_mode="livesum",
        )
        self.neo4j_pool_in_use = Gauge(
            "himaya_neo4j_pool_in_use", "Neo4j connections currently in use", registry=self.registry,
            multiprocess_mode="livesum",
        )
        self.neo4j_up = Gauge("himaya_neo4j_up", "1 when Neo4j answered the last readiness probe",
                              registry=self.registry, multiprocess_mode="mostrecent")
        self.outbox_backlog = Gauge("himaya_alert_outbox_backlog",
                                    "Alert deliveries waiting to be sent (PENDING or SENDING)", registry=self.registry,
                                    multiprocess_mode="mostrecent")
        self.anonymous_refusals = Counter("himaya_anonymous_refusals",
                                          "Fields refused to callers without a token (counted, not audited one by "
                                          "one)", ["operation"], registry=self.registry)
