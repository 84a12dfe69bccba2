"""Relay plumbing shared by every domain: global ids and cursor connections (cursors: api/common/cursors.py)."""

from __future__ import annotations

import base64
import binascii
import uuid
from typing import Generic, TypeVar

import strawberry

from api.errors import BadInput, NotFound
from api.graphql.fields import field

T = TypeVar("T")

# Node type names that may appear in a global id (the allow-list for ``node(id)``).
NODE_TYPES = frozenset({"Organization", "Service", "Victim", "Case", "Referral", "Consent", "Report",
                        "Transmission", "NetworkTransmission", "User", "Screening", "ApprovalRequest",
                        "Perpetrator", "Identifier", "RouteEvent", "ProtectedPerson", "ProtectionMeasure"})


def to_global_id(type_name: str, local_id: str) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{local_id}".encode()).decode().rstrip("=")


def from_global_id(global_id: str, *, expected: str | None = None) -> tuple[str, str]:
    """Decode a global id. A malformed id is bad input; an id of another type reads as not found."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, local_id = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        uuid.UUID(local_id)
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise BadInput("error.invalid_id") from exc
    if type_name not in NODE_TYPES:
        raise BadInput("error.invalid_id")
    if expected is not None and type_name != expected:
        raise NotFound()
    return type_name, local_id


def local_id(global_id: strawberry.ID | str, expected: str) -> str:
    return from_global_id(str(global_id), expected=expected)[1]


@strawberry.interface(description="An object with a global id, fetchable with node(id).")
class Node:
    id: strawberry.ID


@strawberry.type(description="Where a page stands in the whole list.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type(description="One item of a page with its cursor.")
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type(description="A page of items.")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int | None = None

    @field
    def nodes(self) -> list[T]:
        """The items of this page, without cursors."""
        return [edge.node for edge in self.edges]


def build_connection(items: list[T], cursors: list[str], size: int, total: int | None = None) -> Connection[T]:
    """Items were fetched with ``size + 1`` rows so we know whether another page follows; ``cursors`` come from
    ``api/common/cursors.py``."""
    has_next = len(items) > size
    items, cursors = items[:size], cursors[:size]
    edges = [Edge(node=item, cursor=cursor) for item, cursor in zip(items, cursors, strict=True)]
    return Connection(edges=edges, page_info=PageInfo(has_next_page=has_next,
                                                      end_cursor=edges[-1].cursor if edges else None),
                      total_count=total)
