"""Service mutations."""

from __future__ import annotations

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.graphql.relay import local_id
from api.services import rules as rules
from api.services.types import EligibleSex, Service, ServiceCategory, ServiceStatus


@strawberry.input(description="Who a new service is for. Empty lists mean everyone.")
class ServiceEligibilityInput:
    sexes: list[EligibleSex] = strawberry.field(default_factory=list)
    min_age: int | None = None
    max_age: int | None = None
    accepts_minors: bool = False
    nationalities_only: list[str] = strawberry.field(default_factory=list,
                                                     description="ISO 3166-1 alpha-2 codes.")
    nationalities_excluded: list[str] = strawberry.field(default_factory=list,
                                                         description="ISO 3166-1 alpha-2 codes.")
    exploitation_forms: list[str] = strawberry.field(default_factory=list,
                                                     description="Codes of the exploitation forms catalogue.")


@strawberry.input(description="A new service. Its status starts ACTIVE and its free capacity at the maximum.")
class CreateServiceInput:
    organization_code: str
    name: str
    description: str | None = None
    category: ServiceCategory
    eligibility: ServiceEligibilityInput = strawberry.field(default_factory=ServiceEligibilityInput)
    languages: list[str] = strawberry.field(default_factory=list, description="ISO 639-1 codes.")
    governorate: str = strawberry.field(description="Code of the governorate it is located in.")
    service_area: list[str] = strawberry.field(
        default_factory=list, description="Codes of the governorates covered (default: its own).")
    latitude: float
    longitude: float
    schedule: str | None = None
    free: bool = True
    capacity_unit: str | None = strawberry.field(default=None, description="Default: the category's unit.")
    capacity_maximum: int


@strawberry.type
class ServiceMutations:
    @mutation
    async def create_service(self, info: Info, input: CreateServiceInput) -> Service:
        """Add a service (administrators, coordinators, agents of the provider)."""
        eligibility = input.eligibility
        row = await rules.create_service(info.context.graph, info.context.scope, {
            "organizationCode": input.organization_code, "name": input.name, "description": input.description,
            "category": input.category.value, "sexes": [s.value for s in eligibility.sexes],
            "minAge": eligibility.min_age, "maxAge": eligibility.max_age,
            "acceptsMinors": eligibility.accepts_minors, "nationalitiesOnly": eligibility.nationalities_only,
            "nationalitiesExcluded": eligibility.nationalities_excluded,
            "exploitationForms": eligibility.exploitation_forms, "languages": input.languages,
            "governorate": input.governorate, "serviceArea": input.service_area, "latitude": input.latitude,
            "longitude": input.longitude, "schedule": input.schedule, "free": input.free,
            "capacityUnit": input.capacity_unit, "capacityMaximum": input.capacity_maximum,
        })
        return Service.from_record(row)

    @mutation
    async def update_service_capacity(self, info: Info, service_id: strawberry.ID,
                                      available: int, expected_version: int | None = None) -> Service:
        """Set how much capacity is free now (one tap)."""
        row = await rules.update_capacity(info.context.graph, info.context.scope, local_id(service_id, "Service"),
                                          available, expected_version, info.context.settings.capacity_low_threshold)
        return Service.from_record(row)

    @mutation
    async def set_service_status(self, info: Info, service_id: strawberry.ID,
                                 status: ServiceStatus) -> Service:
        """Open, close temporarily or retire a service."""
        row = await rules.set_status(info.context.graph, info.context.scope, local_id(service_id, "Service"),
                                     status.value)
        return Service.from_record(row)
