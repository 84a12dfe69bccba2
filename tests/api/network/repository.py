"""Cypher used only by the network tests: hand-built referrals and direct reads of the graph."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from graph.db import Graph

CREATE_REFERRAL = """
MATCH (sender:Organization {code: $senderCode})
MATCH (s:Service {id: $serviceId})
CREATE (c:Case {id: randomUUID(), reference: $reference, status: 'OPEN', createdAt: datetime()})
CREATE (c)-[:OWNED_BY]->(sender)
CREATE (ref:Referral {id: randomUUID(), status: $status, createdAt: $createdAt, respondedAt: $respondedAt})
CREATE (ref)-[:FOR_CASE]->(c)
CREATE (ref)-[:TO_SERVICE]->(s)
RETURN ref.id AS id
"""

SERVICE_PROPERTIES = "MATCH (s:Service {id: $id}) RETURN properties(s) AS props"

PARTNERSHIP_EDGES = """
MATCH (:Organization {code: $a})-[p:PARTNERS_WITH]->(:Organization {code: $b})
RETURN count(p) AS count
"""

ORGANIZATION_CODES = "MATCH (o:Organization) RETURN o.code AS code, o.kind AS kind ORDER BY o.code"

# Text that would change a query if it were ever pasted into Cypher instead of passed as a parameter.
INJECTION_STRINGS = [
    "' OR 1=1 //",
    "x'}) DETACH DELETE n //",
    "\\u0027; MATCH (n) RETURN n.code AS code //",
    "TN-11' }) RETURN count(*) AS total //",
    "Ω" * 300,
]

SERVICE_COUNT = "MATCH (s:Service) RETURN count(s) AS count"


async def create_referral(graph: Graph, *, sender_code: str, service_id: str, status: str,
                          created_at: dt.datetime, responded_at: dt.datetime | None = None) -> str:
    row = await graph.write_one(CREATE_REFERRAL, {
        "senderCode": sender_code, "serviceId": service_id, "status": status, "createdAt": created_at,
        "respondedAt": responded_at, "reference": f"TEST-{uuid.uuid4().hex[:10]}",
    })
    assert row is not None
    return str(row["id"])


async def service_properties(graph: Graph, service_id: str) -> dict[str, Any]:
    row = await graph.read_one(SERVICE_PROPERTIES, {"id": service_id})
    assert row is not None
    return dict(row["props"])


async def partnership_edges(graph: Graph, a: str, b: str) -> int:
    row = await graph.read_one(PARTNERSHIP_EDGES, {"a": a, "b": b})
    assert row is not None
    return int(row["count"])


async def organization_codes(graph: Graph) -> dict[str, str]:
    return {row["code"]: row["kind"] for row in await graph.read(ORGANIZATION_CODES)}


async def service_count(graph: Graph) -> int:
    row = await graph.read_one(SERVICE_COUNT)
    assert row is not None
    return int(row["count"])
