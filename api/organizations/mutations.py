"""Organisation mutations."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.organizations import rules as rules
from api.organizations.types import Organization, OrganizationKind


@strawberry.input(description="A new organisation of the network.")
class CreateOrganizationInput:
    code: str = strawberry.field(description="Short unique code in capitals, e.g. INLTP.")
    name: str = strawberry.field(description="The name in French.")
    name_ar: str | None = None
    name_en: str | None = None
    kind: OrganizationKind
    governorate: str = strawberry.field(description="Code of the governorate it is located in, e.g. TN-11.")
    contact_email: str | None = None
    contact_phone: str | None = None


@strawberry.input(description="A partnership between two organisations.")
class AddPartnershipInput:
    organization_code: str
    partner_code: str
    since: dt.date | None = None
    agreement: str | None = None


@strawberry.type
class OrganizationMutations:
    @mutation
    async def create_organization(self, info: Info, input: CreateOrganizationInput) -> Organization:
        """Add an organisation to the network (administrators and coordinators)."""
        row = await rules.create_organization(info.context.graph, info.context.scope, {
            "code": input.code, "name": input.name, "nameAr": input.name_ar, "nameEn": input.name_en,
            "kind": input.kind.value, "governorate": input.governorate, "contactEmail": input.contact_email,
            "contactPhone": input.contact_phone,
        })
        return Organization.from_record(row)

    @mutation
    async def add_partnership(self, info: Info, input: AddPartnershipInput) -> Organization:
        """Record a partnership between two organisations; returns the first one."""
        row = await rules.add_partnership(info.context.graph, info.context.scope, code=input.organization_code,
                                          partner_code=input.partner_code, since=input.since,
                                          agreement=input.agreement)
        return Organization.from_record(row)
