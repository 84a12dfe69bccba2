"""Audit trail queries."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.audit import rules as rules
from api.audit_trail.types import AuditEvent
from api.common import cursors
from api.common.cursors import page_size
from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import Connection, build_connection, from_global_id


def _user(value: strawberry.ID | None) -> str | None:
    return None if value is None else from_global_id(str(value), expected="User")[1]


@strawberry.type
class AuditQueries:
    @field
    async def audit_trail(
        self, info: Info, first: int | None = None, after: str | None = None,
        actor_id: strawberry.ID | None = None, subject_id: strawberry.ID | None = None,
        action: str | None = None, since: dt.datetime | None = None, until: dt.datetime | None = None,
    ) -> Connection[AuditEvent]:
        """The audit trail, newest first (READ_AUDIT_TRAIL: ADMIN and DATA_PROTECTION_OFFICER)."""
        size = page_size(first)
        position = cursors.decode(after, "audit", int)
        before = None if position is None else position[0]
        rows = await rules.search(info.context.graph, info.context.scope, actor=_user(actor_id), action=action,
                                  subject=str(subject_id) if subject_id else None, since=since, until=until,
                                  before=before, limit=size + 1)
        return build_connection([AuditEvent.from_record(r) for r in rows],
                                [cursors.encode("audit", int(r["seq"])) for r in rows], size)
