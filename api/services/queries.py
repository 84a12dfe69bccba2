"""Service queries."""

from __future__ import annotations

import strawberry

from api.common.cursors import page_size
from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import Connection, build_connection
from api.services import rules as rules
from api.services.types import Service, ServiceCategory, ServiceStatus


@strawberry.type
class ServiceQueries:
    @field
    async def services(
        self, info: Info, first: int | None = None, after: str | None = None,
        category: ServiceCategory | None = None, governorate: str | None = None,
        status: ServiceStatus | None = None,
    ) -> Connection[Service]:
        """The services of the network, ordered by name."""
        size = page_size(first)
        rows, total = await rules.list_services(
            info.context.graph, info.context.scope, category=category.value if category else None,
            status=status.value if status else None, governorate=governorate, after=after,
            limit=size + 1)
        return build_connection([Service.from_record(r) for r in rows], [rules.service_cursor(r) for r in rows],
                                size, total)
