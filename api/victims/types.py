"""GraphQL types for victims, their identity and their consents."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import Node, to_global_id
from api.organizations.types import native

if TYPE_CHECKING:
    from api.organizations.types import Organization


@strawberry.enum(description="A victim's sex as recorded.")
class Sex(Enum):
    FEMALE = "FEMALE"
    MALE = "MALE"
    OTHER = "OTHER"
    UNKNOWN = "UNKNOWN"


@strawberry.enum(description="How precisely the birth date is known.")
class BirthDatePrecision(Enum):
    YEAR = "YEAR"
    MONTH = "MONTH"
    DAY = "DAY"
    UNKNOWN = "UNKNOWN"


@strawberry.enum(description="What a consent allows.")
class ConsentPurpose(Enum):
    REFERRAL = "REFERRAL"
    INFORMATION_SHARING = "INFORMATION_SHARING"
    ASSISTANCE = "ASSISTANCE"
    PROSECUTION = "PROSECUTION"


@strawberry.type(description="A consent a victim gave an organisation; revocable and possibly expiring.")
class Consent:
    id: strawberry.ID
    purpose: ConsentPurpose
    granted_at: dt.datetime
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None
    valid: bool = strawberry.field(description="Neither revoked nor expired.")
    organization_id: strawberry.Private[str | None]

    @field
    async def organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("api.organizations.types")] | None:
        """The organisation the consent was given to."""
        if self.organization_id is None:
            return None
        return await info.context.loaders.organization.load(self.organization_id)

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Consent:
        return cls(id=strawberry.ID(to_global_id("Consent", row["id"])), purpose=ConsentPurpose(row["purpose"]),
                   granted_at=native(row["grantedAt"]), expires_at=native(row.get("expiresAt")),
                   revoked_at=native(row.get("revokedAt")), valid=bool(row.get("valid")),
                   organization_id=row.get("organizationId"))


@strawberry.type(description="A person presumed or identified as a victim. Identity is kept apart (victimIdentity).")
class Victim(Node):
    id: strawberry.ID
    alias: str = strawberry.field(description="The name used within the case, not the real name.")
    sex: Sex
    age_band: str | None = strawberry.field(description='An age range such as "18-24" or "60+".')
    birth_year: int | None
    birth_date_precision: BirthDatePrecision
    minor: bool
    nationality: str | None = strawberry.field(description="ISO 3166-1 alpha-2 code.")
    languages: list[str] = strawberry.field(description="ISO 639-1 codes.")
    special_needs: list[str]
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int
    local_id: strawberry.Private[str]

    @field
    async def consents(self, info: Info) -> list[Consent]:
        """The consents this victim gave, newest first."""
        return await info.context.loaders.consents.load(self.local_id)

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Victim:
        sex = row.get("sex")
        # A selection-aware read (graph/projections) returns only the selected keys: the others are never read.
        return cls(
            id=strawberry.ID(to_global_id("Victim", row["id"])), alias=row.get("alias"),  # type: ignore[arg-type]
            sex=Sex(sex) if sex else None,  # type: ignore[arg-type]
            age_band=row.get("ageBand"), birth_year=row.get("birthYear"),
            birth_date_precision=BirthDatePrecision(row.get("birthDatePrecision") or "UNKNOWN"),
            minor=bool(row.get("minor")), nationality=row.get("nationality"),
            languages=list(row.get("languages") or []), special_needs=list(row.get("specialNeeds") or []),
            created_at=native(row.get("createdAt")), updated_at=native(row.get("updatedAt")),
            version=int(row.get("version") or 0), local_id=row["id"],
        )


@strawberry.type(description="Who the victim is: read only by national roles, for a stated reason.")
class VictimIdentity:
    full_name: str | None
    document_number: str | None
    phone: str | None
    address: str | None


@strawberry.input(description="Identity details, stored sealed and apart from the victim.")
class IdentityInput:
    full_name: str | None = None
    document_number: str | None = None
    phone: str | None = None
    address: str | None = None


@strawberry.input(description="A victim to record.")
class RegisterVictimInput:
    alias: str
    sex: Sex = Sex.UNKNOWN
    age_band: str | None = None
    birth_year: int | None = None
    birth_date_precision: BirthDatePrecision | None = None
    minor: bool | None = None
    nationality: str | None = None
    languages: list[str] = strawberry.field(default_factory=list)
    special_needs: list[str] = strawberry.field(default_factory=list)
    identity: IdentityInput | None = None
    client_id: strawberry.ID | None = strawberry.field(
        default=None, description="A UUID made on the device: sending the same creation again makes it once.")


@strawberry.input(description="A consent given by a victim to an organisation.")
class RecordConsentInput:
    victim_id: strawberry.ID
    organization_code: str
    purpose: ConsentPurpose
    expires_at: dt.datetime | None = None


@strawberry.type(description="Another victim record whose identity matches (the identity itself is not shown).")
class IdentityMatch:
    victim_id: strawberry.ID
    alias: str
    matched_on: list[str]
