"""Victim queries."""

from __future__ import annotations

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import local_id, to_global_id
from api.protection import protection_for
from api.victims import rules as rules
from api.victims.types import IdentityMatch, Victim, VictimIdentity


@strawberry.type
class VictimQueries:
    @field
    async def victim(self, info: Info, id: strawberry.ID) -> Victim | None:
        """A victim the caller may see (through one of their cases), or null."""
        row = await rules.victim(info.context.graph, info.context.scope, local_id(id, "Victim"))
        return Victim.from_record(row) if row else None

    @field
    async def victim_identity(self, info: Info, victim_id: strawberry.ID, reason: str) -> VictimIdentity:
        """A victim's identity: national roles only, with the reason for reading it."""
        fields = await rules.victim_identity(info.context.graph, protection_for(info.context.settings.state_dir).sealer,
                                             info.context.scope, local_id(victim_id, "Victim"), reason)
        return VictimIdentity(full_name=fields.get("fullName"), document_number=fields.get("documentNumber"),
                              phone=fields.get("phone"), address=fields.get("address"))

    @strawberry.field(description="Victims recorded elsewhere whose identity matches this one (name, document or "
                                  "phone), found through blind indexes without revealing any identity.")
    async def identity_matches(self, info: Info, victim_id: strawberry.ID) -> list[IdentityMatch]:
        """Victims recorded elsewhere whose identity matches this one, without revealing any identity."""
        rows = await rules.identity_matches(info.context.graph, info.context.scope, local_id(victim_id, "Victim"))
        return [IdentityMatch(victim_id=strawberry.ID(to_global_id("Victim", r["victimId"])), alias=r["alias"],
                              matched_on=list(r["matchedOn"])) for r in rows]
