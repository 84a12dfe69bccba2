"""GraphQL types for the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from api.audit.rules import data_classes
from api.graphql.relay import to_global_id


@strawberry.type(description="One entry of the audit trail: who read or changed what, when, and why.")
class AuditEvent:
    seq: int
    at: dt.datetime
    actor_id: strawberry.ID | None = strawberry.field(description="The user (null: the system or the public).")
    actor_username: str | None = strawberry.field(description="The username of that account (null: none).")
    role: str | None
    organization_id: strawberry.ID | None
    action: str = strawberry.field(description="The operation (e.g. cases, createReferral).")
    outcome: str = strawberry.field(description="OK, DENIED:<code> or ERROR:<code>.")
    targets: list[str] = strawberry.field(description="Ids of the records concerned (global ids).")
    data_classes: list[str] = strawberry.field(description="For reads: the classes of data returned (CASE, VICTIM…).")
    reason: str | None
    request_id: str | None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> AuditEvent:
        actor, org = row.get("actorId"), row.get("organizationId")
        return cls(seq=int(row["seq"]), at=dt.datetime.fromisoformat(str(row["at"])),
                   actor_id=strawberry.ID(to_global_id("User", actor)) if actor else None,
                   actor_username=row.get("actorUsername"), role=row.get("role"),
                   organization_id=strawberry.ID(to_global_id("Organization", org)) if org else None,
                   action=str(row["action"]), outcome=str(row["outcome"]), targets=list(row.get("target") or []),
                   data_classes=data_classes(row), reason=row.get("reason"), request_id=row.get("requestId"))
