"""GraphQL types for coordinators' network views."""

from __future__ import annotations

from typing import Any

import strawberry

from api.organizations.rules import acceptance_rate
from api.organizations.types import Organization, Partnership
from api.reference.types import Governorate
from api.services.types import Service


@strawberry.type(description="Referrals sent by an organisation and received by its services.")
class ReferralStatistics:
    sent: int = strawberry.field(description="Referrals made for cases the organisation owns.")
    received: int = strawberry.field(description="Referrals made to the organisation's services.")
    accepted: int = strawberry.field(description="Received referrals accepted (completed ones included).")
    declined: int = strawberry.field(description="Received referrals declined.")
    acceptance_rate: float | None = strawberry.field(
        description="accepted / (accepted + declined); null before any answer.")
    median_response_minutes: float | None = strawberry.field(
        description="Median minutes between a received referral and its answer.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> ReferralStatistics:
        accepted, declined = int(row["accepted"]), int(row["declined"])
        median = row.get("medianResponseMinutes")
        return cls(sent=int(row["sent"]), received=int(row["received"]), accepted=accepted, declined=declined,
                   acceptance_rate=acceptance_rate(accepted, declined),
                   median_response_minutes=None if median is None else float(median))


@strawberry.type(description="An organisation with its partners and referral statistics.")
class OrganizationNetwork:
    organization: Organization
    partners: list[Partnership]
    referral_statistics: ReferralStatistics

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> OrganizationNetwork:
        return cls(organization=Organization.from_record(row["organization"]),
                   partners=[Partnership.from_record(p) for p in row["partnerRows"]],
                   referral_statistics=ReferralStatistics.from_record(row["statistics"]))


@strawberry.type(description="A governorate no fitting service covers, with the nearest one that would fit.")
class CoverageGap:
    governorate: Governorate
    nearest_service: Service | None
    distance_km: float | None = strawberry.field(
        description="Straight-line distance from the governorate's centre to the nearest service.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> CoverageGap:
        nearest = row.get("nearest")
        distance = row.get("distanceKm")
        return cls(governorate=Governorate.from_record(row["governorate"]),
                   nearest_service=Service.from_record(nearest) if nearest else None,
                   distance_km=None if distance is None or nearest is None else round(float(distance), 1))
