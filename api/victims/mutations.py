"""Victim and consent mutations."""

from __future__ import annotations

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.graphql.relay import local_id
from api.protection import protection_for
from api.victims import rules as rules
from api.victims.types import Consent, RecordConsentInput, RegisterVictimInput, Victim


@strawberry.type
class VictimMutations:
    @mutation
    async def register_victim(self, info: Info, input: RegisterVictimInput) -> Victim:
        """Record a victim (identity optional, stored sealed)."""
        fields = {"alias": input.alias, "sex": input.sex.value, "ageBand": input.age_band,
                  "birthYear": input.birth_year,
                  "birthDatePrecision": input.birth_date_precision.value if input.birth_date_precision else None,
                  "minor": input.minor, "nationality": input.nationality, "languages": input.languages,
                  "specialNeeds": input.special_needs}
        identity = None if input.identity is None else {
            "fullName": input.identity.full_name, "documentNumber": input.identity.document_number,
            "phone": input.identity.phone, "address": input.identity.address}
        sealer = protection_for(info.context.settings.state_dir).sealer
        row = await rules.register_victim(info.context.graph, sealer, info.context.scope, fields, identity,
                                          client_id=input.client_id)
        return Victim.from_record(row)

    @mutation
    async def record_consent(self, info: Info, input: RecordConsentInput) -> Consent:
        """Record the consent a victim gives an organisation."""
        row = await rules.record_consent(info.context.graph, info.context.scope, local_id(input.victim_id, "Victim"),
                                         input.organization_code, input.purpose.value, input.expires_at)
        return Consent.from_record(row)

    @mutation
    async def revoke_consent(self, info: Info, consent_id: strawberry.ID) -> Consent:
        """Withdraw a consent; it stops counting at once."""
        row = await rules.revoke_consent(info.context.graph, info.context.scope, local_id(consent_id, "Consent"))
        return Consent.from_record(row)

    @mutation
    async def erase_victim_identity(self, info: Info, victim_id: strawberry.ID, reason: str) -> bool:
        """Erase a victim's identity for good by destroying its key (crypto-shredding)."""
        await rules.erase_identity(info.context.graph, info.context.scope, local_id(victim_id, "Victim"), reason)
        return True
