"""Perpetrator queries."""

from __future__ import annotations

import strawberry

from api.graphql.info import Info
from api.graphql.relay import local_id
from api.perpetrators import rules
from api.perpetrators.types import PerpetratorIdentity
from api.protection import protection_for


@strawberry.type
class PerpetratorQueries:
    @strawberry.field(description="A perpetrator's identity, for a stated reason (national roles and owners of an "
                                  "involved case; audited).")
    async def perpetrator_identity(self, info: Info, perpetrator_id: strawberry.ID,
                                   reason: str) -> PerpetratorIdentity:
        """A perpetrator's identity, for a stated reason (audited)."""
        fields = await rules.identity(info.context.graph, protection_for(info.context.settings.state_dir).sealer,
                                      info.context.scope, local_id(perpetrator_id, "Perpetrator"), reason)
        return PerpetratorIdentity(full_name=fields.get("fullName"), other_names=fields.get("otherNames"),
                                   document_number=fields.get("documentNumber"),
                                   registration_number=fields.get("registrationNumber"))
