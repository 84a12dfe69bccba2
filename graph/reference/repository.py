"""Cypher for reference data: governorates and their adjacency, courts' coverage, and catalogues."""

from __future__ import annotations

from typing import Any

from graph.changefeed.repository import CHANGE_SEQ, CHANGE_TICK
from graph.db import Graph, Record

UPSERT_GOVERNORATES = """
UNWIND $items AS item
MERGE (g:Governorate {code: item.code})
SET g.slug = item.slug, g.nameFr = item.names.fr, g.nameAr = item.names.ar, g.nameEn = item.names.en,
    g.centroid = point({latitude: item.lat, longitude: item.lon})
"""

LINK_ADJACENT_GOVERNORATES = """
UNWIND $items AS item
MATCH (g:Governorate {code: item.code})
UNWIND item.adjacent AS other
MATCH (h:Governorate {code: other})
MERGE (g)-[:ADJACENT_TO]-(h)
"""

UPSERT_CATALOGUE = """
UNWIND $items AS item
MERGE (n:ReferenceItem {kind: $kind, code: item.code})
SET n.labelFr = item.labels.fr, n.labelAr = item.labels.ar, n.labelEn = item.labels.en,
    n.data = item.data, n.version = $version
"""

LIST_GOVERNORATES = """
MATCH (g:Governorate)
RETURN g.code AS code, g.slug AS slug, g.nameFr AS nameFr, g.nameAr AS nameAr, g.nameEn AS nameEn,
       g.centroid.latitude AS lat, g.centroid.longitude AS lon,
       [(g)-[:ADJACENT_TO]-(h:Governorate) | h.code] AS adjacent
ORDER BY g.code
"""

LIST_CATALOGUE = """
MATCH (n:ReferenceItem {kind: $kind})
RETURN n.code AS code, n.labelFr AS labelFr, n.labelAr AS labelAr, n.labelEn AS labelEn, n.data AS data
ORDER BY n.code
"""


async def upsert_governorates(graph: Graph, items: list[dict[str, Any]]) -> None:
    await graph.write(UPSERT_GOVERNORATES, {"items": items})
    await graph.write(LINK_ADJACENT_GOVERNORATES, {"items": items})


async def upsert_catalogue(graph: Graph, kind: str, version: str, items: list[dict[str, Any]]) -> None:
    await graph.write(UPSERT_CATALOGUE, {"kind": kind, "version": version, "items": items})


async def list_governorates(graph: Graph) -> list[Record]:
    return await graph.read(LIST_GOVERNORATES)


async def list_catalogue(graph: Graph, kind: str) -> list[Record]:
    return await graph.read(LIST_CATALOGUE, {"kind": kind})

UPSERT_COURTS = CHANGE_TICK + """
UNWIND $items AS item
MERGE (o:Organization {code: item.code})
ON CREATE SET o.id = item.id, o.createdAt = datetime()
SET o.name = item.names.fr, o.nameAr = item.names.ar, o.nameEn = item.names.en, o.kind = 'JUDICIAL_BODY',
    o.updatedAt = datetime(), o.syncSeq = """ + CHANGE_SEQ + """
WITH o, item
MATCH (seat:Governorate {code: item.seat_governorate})
MERGE (o)-[:LOCATED_IN]->(seat)
WITH o, item
OPTIONAL MATCH (o)-[old:COVERS]->(:Governorate)
DELETE old
WITH DISTINCT o, item
UNWIND item.covers AS code
MATCH (g:Governorate {code: code})
MERGE (o)-[c:COVERS]->(g)
SET c.primary = code IN coalesce(item.primary_for, [])
"""


async def upsert_courts(graph: Graph, items: list[dict[str, Any]]) -> None:
    await graph.write(UPSERT_COURTS, {"items": items})
