"""Delta sync as a device does it: pull pages until hasMore is false."""

from __future__ import annotations

from typing import Any

from api.settings import Settings
from graph.access.scope import Scope
from graph.db import Graph
from tests.contracts.support import done

LISTS = ("cases", "victims", "referrals", "services", "organizations", "reports")


async def pull(graph: Graph, settings: Settings, scope: Scope, since: str | None = None, *,
               types: list[str] | None = None, first: int = 100) -> tuple[list[dict[str, Any]], str]:
    """Every change since the cursor, page by page: (pages, final cursor)."""
    pages: list[dict[str, Any]] = []
    cursor = since
    while True:
        data = await done(graph, settings, "SyncChanges", {"since": cursor, "types": types, "first": first},
                          scope=scope)
        page = data["changes"]
        pages.append(page)
        cursor = page["nextCursor"]
        if not page["hasMore"]:
            return pages, cursor


def ids(pages: list[dict[str, Any]], kind: str) -> list[str]:
    return [item["id"] for page in pages for item in page[kind]]


def tombstones(pages: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(t["type"], t["id"]) for page in pages for t in page["tombstones"]]
