"""GraphQL types for finding assistance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info

if TYPE_CHECKING:
    from api.services.types import Service


async def _service(info: Info, service_id: str) -> Any:
    return await info.context.loaders.service.load(service_id)


@strawberry.type(description="A service that fits the case, with why, best first.")
class AssistanceMatch:
    score: float = strawberry.field(description="Higher is better: nearness, same or neighbouring governorate, "
                                                "free capacity, shared language, consent on file.")
    distance_km: float | None
    available_capacity: int
    needs_consent: bool = strawberry.field(description="No valid consent for the providing organisation yet.")
    reasons: list[str] = strawberry.field(description="Why it fits, in the caller's language.")
    service_id: strawberry.Private[str]

    @field
    async def service(
        self, info: Info
    ) -> Annotated[Service, strawberry.lazy("api.services.types")] | None:
        """The matching service."""
        result: Service | None = await _service(info, self.service_id)
        return result

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> AssistanceMatch:
        distance = row.get("distanceKm")
        return cls(score=float(row["score"]), distance_km=None if distance is None else round(distance, 1),
                   available_capacity=int(row["capacityAvailable"]), needs_consent=not row["hasConsent"],
                   reasons=list(row["reasons"]), service_id=row["serviceId"])


@strawberry.type(description="A nearby service left out, and why.")
class AssistanceExclusion:
    distance_km: float | None
    codes: list[str] = strawberry.field(description="The rules not met: active, capacity, area, sex, minAge, maxAge, "
                                                    "minors, nationalityExcluded, nationalityOnly, language, "
                                                    "exploitation.")
    reasons: list[str] = strawberry.field(description="Why it was left out, in the caller's language.")
    service_id: strawberry.Private[str]

    @field
    async def service(
        self, info: Info
    ) -> Annotated[Service, strawberry.lazy("api.services.types")] | None:
        """The service left out."""
        result: Service | None = await _service(info, self.service_id)
        return result

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> AssistanceExclusion:
        distance = row.get("distanceKm")
        return cls(distance_km=None if distance is None else round(distance, 1), codes=list(row["codes"]),
                   reasons=list(row["reasons"]), service_id=row["serviceId"])
