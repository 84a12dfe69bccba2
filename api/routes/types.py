"""GraphQL types for route events."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from api.graphql.relay import Node, to_global_id
from api.organizations.types import native
from api.routes.rules import RouteEventType

RouteEventTypeEnum = strawberry.enum(RouteEventType, name="RouteEventType",
                                     description="HTCDS trafficking event: recruitment, transit or exploitation.")


@strawberry.type(description="One stage of a case's route, with where and when.")
class RouteEvent(Node):
    id: strawberry.ID
    type: RouteEventType
    country: str = strawberry.field(description="ISO 3166-1 alpha-3 (TUN for a governorate).")
    governorate: str | None = strawberry.field(description="Governorate code, in Tunisia.")
    place: str | None
    occurred_on: str | None = strawberry.field(description="YYYY, YYYY-MM or YYYY-MM-DD.")
    created_at: dt.datetime
    case_id: strawberry.ID

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> RouteEvent:
        event = row["event"]
        return cls(id=strawberry.ID(to_global_id("RouteEvent", event["id"])), type=RouteEventType(event["type"]),
                   country=event["country"], governorate=event.get("governorate"), place=event.get("place"),
                   occurred_on=event.get("occurredOn"), created_at=native(event["createdAt"]),
                   case_id=strawberry.ID(to_global_id("Case", row["caseId"])))


@strawberry.input(description="A route event: a country (ISO-3) or a governorate, a place and a date.")
class AddRouteEventInput:
    case_id: strawberry.ID
    type: RouteEventType
    country: str | None = strawberry.field(default=None, description="ISO 3166-1 alpha-3, e.g. LBY, NGA.")
    governorate: str | None = strawberry.field(default=None, description="Governorate code, e.g. TN-61.")
    place: str | None = None
    occurred_on: str | None = strawberry.field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD.")
