"""Cypher for organisations and their partnerships (PARTNERS_WITH is stored once, read undirected)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from neo4j.exceptions import ConstraintError

from graph.access.repository import NETWORK_VISIBLE
from graph.access.scope import Scope
from graph.changefeed.repository import CHANGE_SEQ, CHANGE_TICK
from graph.db import Graph, Record
from graph.projections import repository as projections
from graph.projections.repository import Tree


class DuplicateCode(Exception):
    """Another organisation already uses this code."""


# What every query returns for an organisation bound to ``o`` (inner variables are prefixed ``o_``).
ORGANIZATION_PROJECTION = """o {.id, .code, .name, .nameAr, .nameEn, .kind, .contactEmail, .contactPhone,
    version: coalesce(o.version, 0),
    governorate: [(o)-[:LOCATED_IN]->(o_g:Governorate) | o_g {.code, .slug, .nameFr, .nameAr, .nameEn,
        lat: o_g.centroid.latitude, lon: o_g.centroid.longitude,
        adjacent: [(o_g)-[:ADJACENT_TO]-(o_h:Governorate) | o_h.code]}][0]}"""

ORGANIZATION_FILTER = (
    NETWORK_VISIBLE
    + """ AND ($kind IS NULL OR o.kind = $kind)
    AND ($governorate IS NULL OR EXISTS { MATCH (o)-[:LOCATED_IN]->(:Governorate {code: $governorate}) })"""
)

# One round trip: the total and the page (with one extra row telling whether another page follows). The projection
# goes between head and tail: the full one, or the one the query selected (graph/projections), services included.
LIST_ORGANIZATIONS_HEAD = (
    """
CALL () {
  MATCH (o:Organization)
  WHERE """
    + ORGANIZATION_FILTER
    + """
  RETURN count(o) AS total
}
CALL () {
  MATCH (o:Organization)
  WHERE """
    + ORGANIZATION_FILTER
    + """ AND ($after IS NULL OR o.code > $after)
  WITH o ORDER BY o.code LIMIT $limit
  RETURN collect("""
)
LIST_ORGANIZATIONS_TAIL = """) AS rows
}
RETURN total, rows
"""
LIST_ORGANIZATIONS = LIST_ORGANIZATIONS_HEAD + ORGANIZATION_PROJECTION + LIST_ORGANIZATIONS_TAIL

ORGANIZATION_BY_CODE = (
    """
MATCH (o:Organization {code: $code})
WHERE """
    + NETWORK_VISIBLE
    + """
RETURN """
    + ORGANIZATION_PROJECTION
    + """ AS organization
"""
)

ORGANIZATIONS_BY_ID = (
    """
UNWIND $ids AS wanted
MATCH (o:Organization {id: wanted})
WHERE """
    + NETWORK_VISIBLE
    + """
RETURN """
    + ORGANIZATION_PROJECTION
    + """ AS organization
"""
)

PARTNERS_BY_ORGANIZATION = (
    """
UNWIND $ids AS wanted
MATCH (:Organization {id: wanted})-[p:PARTNERS_WITH]-(o:Organization)
WHERE """
    + NETWORK_VISIBLE
    + """
WITH wanted, p, o ORDER BY o.code
RETURN wanted AS id, collect({since: p.since, agreement: p.agreement, organization: """
    + ORGANIZATION_PROJECTION
    + """}) AS partners
"""
)

CREATE_ORGANIZATION = (
    CHANGE_TICK
    + """
MATCH (g:Governorate {code: $governorate})
CREATE (o:Organization {id: randomUUID(), code: $code, name: $name, nameAr: $nameAr, nameEn: $nameEn, kind: $kind,
                        contactEmail: $contactEmail, contactPhone: $contactPhone,
                        createdAt: datetime(), updatedAt: datetime(), syncSeq: """ + CHANGE_SEQ + """, version: 1})
CREATE (o)-[:LOCATED_IN]->(g)
RETURN """
    + ORGANIZATION_PROJECTION
    + """ AS organization
"""
)

# Creates the partnership unless one exists in either direction; says which happened.
ADD_PARTNERSHIP = (
    """
MATCH (o:Organization {code: $code})
MATCH (partner:Organization {code: $partnerCode})
OPTIONAL MATCH (o)-[existing:PARTNERS_WITH]-(partner)
WITH o, partner, existing IS NOT NULL AS already
FOREACH (_ IN CASE WHEN already THEN [] ELSE [1] END |
  CREATE (o)-[:PARTNERS_WITH {since: $since, agreement: $agreement, createdAt: datetime()}]->(partner))
RETURN already, """
    + ORGANIZATION_PROJECTION
    + """ AS organization
"""
)


async def list_organizations(graph: Graph, scope: Scope, *, kind: str | None, governorate: str | None,
                             after: str | None, limit: int, fields: Tree | None = None) -> tuple[list[Record], int]:
    """(rows, total); with ``fields`` (the selection of a page's items) only what it asks for, nested included."""
    selected = projections.organization({**fields, "code": {}}) if fields is not None else None  # code: the cursor
    query = LIST_ORGANIZATIONS if selected is None else LIST_ORGANIZATIONS_HEAD + selected + LIST_ORGANIZATIONS_TAIL
    [row] = await graph.read_maps(query, {**scope.params(), "kind": kind, "governorate": governorate,
                                          "after": after, "limit": limit})
    return list(row["rows"]), int(row["total"])


async def organization_by_code(graph: Graph, scope: Scope, code: str) -> Record | None:
    row = await graph.read_one(ORGANIZATION_BY_CODE, {**scope.params(), "code": code})
    return None if row is None else dict(row["organization"])


async def organizations_by_id(graph: Graph, scope: Scope, ids: list[str]) -> dict[str, Record]:
    rows = await graph.read(ORGANIZATIONS_BY_ID, {**scope.params(), "ids": ids})
    return {row["organization"]["id"]: dict(row["organization"]) for row in rows}


async def partners_by_organization(graph: Graph, scope: Scope, ids: list[str]) -> dict[str, list[Record]]:
    rows = await graph.read(PARTNERS_BY_ORGANIZATION, {**scope.params(), "ids": ids})
    return {row["id"]: list(row["partners"]) for row in rows}


async def create_organization(graph: Graph, fields: dict[str, Any]) -> Record | None:
    """Returns None when the governorate does not exist; raises DuplicateCode when the code is taken."""
    try:
        row = await graph.write_one(CREATE_ORGANIZATION, fields)
    except ConstraintError as exc:
        raise DuplicateCode(fields["code"]) from exc
    return None if row is None else dict(row["organization"])


async def add_partnership(graph: Graph, code: str, partner_code: str, since: dt.date | None,
                          agreement: str | None) -> tuple[bool, Record] | None:
    """Returns (already partners, organisation), or None when either organisation is unknown."""
    row = await graph.write_one(ADD_PARTNERSHIP, {"code": code, "partnerCode": partner_code, "since": since,
                                                  "agreement": agreement})
    return None if row is None else (bool(row["already"]), dict(row["organization"]))
