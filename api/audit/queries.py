"""Audit trail queries."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.audit import rules as rules
from api.audit.types import AuditEvent
from api.errors import BadInput
from api.graphql.relay import Connection, build_connection, decode_cursor, from_global_id, page_size


def _user(value: strawberry.ID | None) -> str | None:
    return None if value is None else from_global_id(str(value), expected="User")[1]


@strawberry.type
class AuditQueries:
    @strawberry.field(description="The audit trail, newest first: ADMIN and DATA_PROTECTION_OFFICER only.")
    async def audit_trail(
        self, info: strawberry.Info, first: int | None = None, after: str | None = None,
        actor_id: strawberry.ID | None = None, subject_id: strawberry.ID | None = None,
        action: str | None = None, since: dt.datetime | None = None, until: dt.datetime | None = None,
    ) -> Connection[AuditEvent]:
        """The audit trail, newest first: ADMIN and DATA_PROTECTION_OFFICER only."""
        size = page_size(first)
        cursor = decode_cursor(after)
        before = None
        if cursor is not None:
            if not cursor.isdigit():
                raise BadInput(detail="after")
            before = int(cursor)
        rows = await rules.search(info.context.graph, info.context.scope, actor=_user(actor_id), action=action,
                                  subject=str(subject_id) if subject_id else None, since=since, until=until,
                                  before=before, limit=size + 1)
        return build_connection([AuditEvent.from_record(r) for r in rows], [str(r["seq"]) for r in rows], size)
