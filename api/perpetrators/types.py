"""GraphQL types for perpetrators and their part in a case. Identity is kept apart (perpetratorIdentity)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import Node, to_global_id
from api.identifiers.types import Identifier, IdentifierInput
from api.organizations.types import native
from api.perpetrators.rules import PerpetratorKind, PerpetratorRole, VictimRelation
from api.victims.types import Sex

PerpetratorKindEnum = strawberry.enum(PerpetratorKind, name="PerpetratorKind")
PerpetratorRoleEnum = strawberry.enum(PerpetratorRole, name="PerpetratorRole",
                                      description="HTCDS 2.0 role in the trafficking process.")
VictimRelationEnum = strawberry.enum(VictimRelation, name="VictimRelation",
                                     description="Who the perpetrator was to the victim (CTDC recruiterRelation).")


@strawberry.type(description="A suspected person or company (e.g. a recruitment agency). Identity is sealed apart.")
class Perpetrator(Node):
    id: strawberry.ID
    kind: PerpetratorKind
    alias: str = strawberry.field(description="The label used in the file, e.g. \"Recruteur A\"; not the name.")
    sex: Sex | None
    nationality: str | None = strawberry.field(description="ISO 3166-1 alpha-2 code.")
    age_band: str | None
    identity_erased: bool
    created_at: dt.datetime
    local_id: strawberry.Private[str]

    @field
    async def identifiers(self, info: Info) -> list[Identifier]:
        """The identifiers this perpetrator uses (phones, accounts, plates...)."""
        return await info.context.loaders.identifiers_by_perpetrator.load(self.local_id)

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Perpetrator:
        return cls(id=strawberry.ID(to_global_id("Perpetrator", row["id"])), kind=PerpetratorKind(row["kind"]),
                   alias=row["alias"], sex=Sex(row["sex"]) if row.get("sex") else None,
                   nationality=row.get("nationality"), age_band=row.get("ageBand"),
                   identity_erased=bool(row.get("erased")), created_at=native(row["createdAt"]),
                   local_id=row["id"])


@strawberry.type(description="A perpetrator's part in one case.")
class CasePerpetrator:
    role: PerpetratorRole
    victim_relation: VictimRelation | None
    other_cases: int = strawberry.field(description="How many other cases involve this perpetrator (a count).")
    perpetrator: Perpetrator

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> CasePerpetrator:
        return cls(role=PerpetratorRole(row["role"]),
                   victim_relation=VictimRelation(row["victimRelation"]) if row.get("victimRelation") else None,
                   other_cases=int(row.get("otherCases") or 0), perpetrator=Perpetrator.from_record(row["perpetrator"]))


@strawberry.type(description="Who the perpetrator is: read for a stated reason, audited.")
class PerpetratorIdentity:
    full_name: str | None
    other_names: str | None
    document_number: str | None
    registration_number: str | None = strawberry.field(description="A company's registration number.")


@strawberry.input(description="A perpetrator's identity, stored sealed.")
class PerpetratorIdentityInput:
    full_name: str | None = None
    other_names: str | None = None
    document_number: str | None = None
    registration_number: str | None = None


@strawberry.input(description="A perpetrator to record in a case.")
class AddPerpetratorInput:
    case_id: strawberry.ID
    kind: PerpetratorKind
    role: PerpetratorRole
    alias: str
    victim_relation: VictimRelation | None = None
    sex: Sex | None = None
    nationality: str | None = None
    age_band: str | None = None
    identity: PerpetratorIdentityInput | None = None
    identifiers: list[IdentifierInput] = strawberry.field(default_factory=list)
