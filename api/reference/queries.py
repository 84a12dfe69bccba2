"""Reference-data queries."""

from __future__ import annotations

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.reference import rules
from api.reference.types import Governorate, ServerInfo

HIMAYA_VERSION = "0.1.0"


@strawberry.type
class ReferenceQueries:
    @field
    def server_info(self, info: Info) -> ServerInfo:
        """Name, version and environment of this server."""
        return ServerInfo(name="Himaya", version=HIMAYA_VERSION, environment=info.context.settings.environment.value)

    @field
    async def governorates(self, info: Info) -> list[Governorate]:
        """The 24 governorates with their names and neighbours."""
        rows = await rules.governorates(info.context.graph)
        return [Governorate.from_record(row) for row in rows]
