"""GraphQL types for services (Open Referral HSDS naming where it fits)."""

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
from api.organizations.types import native
from api.reference.types import Governorate

if TYPE_CHECKING:
    from api.organizations.types import Organization


@strawberry.enum(description="The service taxonomy (seed/reference/service_categories.json).")
class ServiceCategory(Enum):
    SHELTER = "SHELTER"
    MEDICAL = "MEDICAL"
    PSYCHOSOCIAL = "PSYCHOSOCIAL"
    LEGAL_AID = "LEGAL_AID"
    INTERPRETATION = "INTERPRETATION"
    REPATRIATION = "REPATRIATION"
    EDUCATION = "EDUCATION"
    VOCATIONAL = "VOCATIONAL"
    CHILD_PROTECTION = "CHILD_PROTECTION"
    HOTLINE = "HOTLINE"
    FINANCIAL_AID = "FINANCIAL_AID"
    FAMILY_TRACING = "FAMILY_TRACING"
    DOCUMENTATION = "DOCUMENTATION"
    LAW_ENFORCEMENT_LIAISON = "LAW_ENFORCEMENT_LIAISON"


@strawberry.enum(description="Whether a service takes people now.")
class ServiceStatus(Enum):
    ACTIVE = "ACTIVE"
    TEMPORARILY_CLOSED = "TEMPORARILY_CLOSED"
    INACTIVE = "INACTIVE"


@strawberry.enum(description="A sex a service is open to.")
class EligibleSex(Enum):
    FEMALE = "FEMALE"
    MALE = "MALE"
    OTHER = "OTHER"


@strawberry.type(description="Who a service is for. Empty lists mean everyone.")
class ServiceEligibility:
    sexes: list[EligibleSex]
    min_age: int | None
    max_age: int | None
    accepts_minors: bool
    nationalities_only: list[str]
    nationalities_excluded: list[str]
    exploitation_forms: list[str]


@strawberry.type(description="How much a service can take, and how much is free now.")
class Capacity:
    unit: str | None
    maximum: int | None
    available: int | None
    updated_at: dt.datetime | None


@strawberry.type(description="A service offered by an organisation of the network.")
class Service(Node):
    id: strawberry.ID
    name: str
    description: str | None
    category: ServiceCategory
    status: ServiceStatus
    eligibility: ServiceEligibility
    languages: list[str]
    governorate: Governorate | None
    service_area: list[str] = strawberry.field(description="Codes of the governorates the service covers.")
    latitude: float | None
    longitude: float | None
    schedule: str | None
    free: bool
    capacity: Capacity
    version: int
    local_id: strawberry.Private[str]
    organization_id: strawberry.Private[str | None]
    nested: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)  # read with it

    @field
    def organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("api.organizations.types")] | None:
        """The organisation providing this service."""
        if "organization" in self.nested:
            return info.context.loaders.organization_of(self.nested["organization"])
        if self.organization_id is None:
            return None
        return later(info.context.loaders.organization.load(self.organization_id))

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Service:
        governorate = row.get("governorate")
        return cls(
            id=strawberry.ID(to_global_id("Service", row["id"])),
            name=value(row, "name"),
            description=row.get("description"),
            category=_or_none(ServiceCategory, row.get("category")),
            status=_or_none(ServiceStatus, row.get("status")),
            eligibility=ServiceEligibility(
                sexes=[EligibleSex(s) for s in row.get("sexes") or []],
                min_age=row.get("minAge"), max_age=row.get("maxAge"),
                accepts_minors=bool(row.get("acceptsMinors")),
                nationalities_only=list(row.get("nationalitiesOnly") or []),
                nationalities_excluded=list(row.get("nationalitiesExcluded") or []),
                exploitation_forms=list(row.get("exploitationForms") or []),
            ),
            languages=list(row.get("languages") or []),
            governorate=Governorate.from_record(governorate) if governorate else None,
            service_area=sorted(row.get("serviceArea") or []),
            latitude=row.get("latitude"), longitude=row.get("longitude"),
            schedule=row.get("schedule"),
            free=bool(row.get("free")),
            capacity=Capacity(unit=row.get("capacityUnit"), maximum=row.get("capacityMaximum"),
                              available=row.get("capacityAvailable"),
                              updated_at=native(row.get("capacityUpdatedAt"))),
            version=int(row.get("version") or 0),
            local_id=row["id"],
            organization_id=row.get("organizationId"),
            nested={key: row[key] for key in ("organization",) if key in row},
        )


def _or_none(kind: Any, value: Any) -> Any:
    """The enum member, or None where a selection-aware read did not fetch the value (it is not selected)."""
    return None if value is None else kind(value)
