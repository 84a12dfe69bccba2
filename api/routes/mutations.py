"""Route mutations."""

from __future__ import annotations

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.graphql.relay import local_id
from api.routes import rules
from api.routes.types import AddRouteEventInput, RouteEvent


@strawberry.type
class RouteMutations:
    @mutation
    async def add_route_event(self, info: Info, input: AddRouteEventInput) -> RouteEvent:
        """Add a recruitment, transit or exploitation event to a case's route."""
        row = await rules.add_event(info.context.graph, info.context.scope, local_id(input.case_id, "Case"), {
            "type": input.type.value, "country": input.country, "governorate": input.governorate,
            "place": input.place, "occurredOn": input.occurred_on})
        return RouteEvent.from_record(row)
