"""Shared by every domain that writes records: client-generated ids, create-once retries, stale versions.

Offline clients choose the ids of what they create and send the version they last saw; these three helpers
turn that into one behaviour everywhere (a retry returns the first attempt's record; an old version is a
CONFLICT carrying the record as it is now).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from neo4j.exceptions import ConstraintError
from neo4j.spatial import Point
from neo4j.time import Date, DateTime

from api.errors import BadInput, Conflict
from api.graphql.relay import to_global_id
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.sync import repository

T = TypeVar("T")


def plain(value: Any) -> Any:
    """A database value as JSON (for error extensions): times as ISO 8601, points as coordinates."""
    if isinstance(value, DateTime | Date):
        return value.iso_format()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Point):
        return list(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def stale_version(expected: int | None, record: Record, type_name: str | None = None) -> Conflict:
    """CONFLICT for an update made against an old version; ``extensions.current`` carries the record as it is."""
    current = plain(record)
    if type_name is not None and isinstance(current.get("id"), str):
        current = {"__typename": type_name, **current, "id": to_global_id(type_name, current["id"])}
    return Conflict("sync.stale_version", current=record.get("version"), expected=expected,
                    extensions={"current": current})


def client_id(value: object | None) -> str | None:
    """A client-generated id (UUID) in canonical form, or None."""
    if value is None:
        return None
    try:
        return str(uuid.UUID(str(value)))
    except ValueError as exc:
        raise BadInput("error.invalid_id") from exc


async def create_once(graph: Graph, scope: Scope, label: str, client: str | None,
                      create: Callable[[str | None], Awaitable[T]], found: Callable[[Record], T]) -> T:
    """Create with the client's id, once: a retry returns what the first attempt made for the same caller.

    The id's uniqueness constraint decides races; an id taken by a record the caller may not see is a CONFLICT
    (never a hint about that record)."""
    if client is None:
        return await create(None)
    existing = await repository.visible_by_id(graph, scope, label, client)
    if existing is not None:
        return found(existing)
    try:
        return await create(client)
    except (ConstraintError, Conflict) as failure:
        existing = await repository.visible_by_id(graph, scope, label, client)
        if existing is not None:
            return found(existing)
        if isinstance(failure, Conflict):
            raise
        raise Conflict("sync.client_id_taken") from failure
