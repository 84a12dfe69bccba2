"""GraphQL types for organisations and partnerships."""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.common.selection import value
from api.graphql.fields import field, later
from api.graphql.info import Info
from api.graphql.relay import Node, to_global_id
from api.i18n import Language
from api.reference.types import Governorate, LocalizedText

if TYPE_CHECKING:
    from api.services.types import Service


@strawberry.enum(description="What kind of body an organisation is.")
class OrganizationKind(Enum):
    NGO = "NGO"
    GOVERNMENT_AGENCY = "GOVERNMENT_AGENCY"
    JUDICIAL_BODY = "JUDICIAL_BODY"
    INTERNATIONAL_ORGANIZATION = "INTERNATIONAL_ORGANIZATION"
    SHELTER_OPERATOR = "SHELTER_OPERATOR"
    NATIONAL_AUTHORITY = "NATIONAL_AUTHORITY"
    HEALTH_PROVIDER = "HEALTH_PROVIDER"
    OTHER = "OTHER"


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def native(value: Any) -> Any:
    """Neo4j temporal values as Python ones (None stays None); an integer is an instant in epoch microseconds,
    as selection-aware reads return them (graph/projections): the cheapest form to decode and convert."""
    if type(value) is int:
        return EPOCH + dt.timedelta(microseconds=value)
    to_native = getattr(value, "to_native", None)
    return to_native() if callable(to_native) else value


@strawberry.type(description="How to reach an organisation.")
class Contact:
    email: str | None
    phone: str | None


@strawberry.type(description="A member of the coordination network.")
class Organization(Node):
    id: strawberry.ID
    code: str
    kind: OrganizationKind
    names: LocalizedText
    governorate: Governorate | None
    contact: Contact
    version: int
    local_id: strawberry.Private[str]
    nested: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)  # read with it

    @field
    def name(self, info: Info) -> str:
        """The name in the caller's language."""
        language: Language = info.context.language
        return str(getattr(self.names, language.value))

    @field
    async def partners(self, info: Info) -> list[Partnership]:
        """Organisations this one has a partnership with."""
        return await info.context.loaders.partners.load(self.local_id)

    @field
    def services(
        self, info: Info
    ) -> list[Annotated[Service, strawberry.lazy("api.services.types")]]:
        """The services this organisation provides."""
        if "services" in self.nested:
            return info.context.loaders.services_of(self.nested["services"])
        return later(info.context.loaders.services_by_organization.load(self.local_id))

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Organization:
        name = value(row, "name")
        governorate = row.get("governorate")
        return cls(
            id=strawberry.ID(to_global_id("Organization", row["id"])),
            code=value(row, "code"),
            kind=OrganizationKind(row["kind"]) if row.get("kind") in OrganizationKind.__members__
            else OrganizationKind.OTHER,
            names=LocalizedText(fr=name, ar=row.get("nameAr") or name, en=row.get("nameEn") or name),
            governorate=Governorate.from_record(governorate) if governorate else None,
            contact=Contact(email=row.get("contactEmail"), phone=row.get("contactPhone")),
            version=int(row.get("version") or 0),
            local_id=row["id"],
            nested={key: row[key] for key in ("services",) if key in row},
        )


@strawberry.type(description="A partnership with another organisation.")
class Partnership:
    organization: Organization
    since: dt.date | None
    agreement: str | None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Partnership:
        return cls(organization=Organization.from_record(row["organization"]), since=native(row.get("since")),
                   agreement=row.get("agreement"))
