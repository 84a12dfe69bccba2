"""Protected person queries."""

from __future__ import annotations

import strawberry

from api.graphql.info import Info
from api.graphql.relay import local_id
from api.protection import protection_for
from api.witnesses import rules
from api.witnesses.types import ProtectedPersonIdentity


@strawberry.type
class WitnessQueries:
    @strawberry.field(description="A protected person's identity, for a stated reason (national roles and the "
                                  "recording organisation; audited).")
    async def protected_person_identity(self, info: Info, protected_person_id: strawberry.ID,
                                        reason: str) -> ProtectedPersonIdentity:
        """A protected person's identity, for a stated reason (audited)."""
        fields = await rules.identity(info.context.graph, protection_for(info.context.settings.state_dir).sealer,
                                      info.context.scope, local_id(protected_person_id, "ProtectedPerson"), reason)
        return ProtectedPersonIdentity(full_name=fields.get("fullName"), contact=fields.get("contact"))
