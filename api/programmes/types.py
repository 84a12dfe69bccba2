"""GraphQL types for partner programmes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from api.reference.types import LocalizedText
from api.strategy.types import LocalizedTextInput, OrganizationRef, day, localized


@strawberry.type(description="An activity of a programme and its results, as reported by the partner.")
class ProgrammeActivity:
    id: strawberry.ID
    title: str
    description: str | None
    results: str | None
    beneficiaries: int | None
    date: dt.date | None
    reported_at: str | None


@strawberry.type(description="A strategy action a programme contributes to.")
class SupportedAction:
    id: strawberry.ID
    code: str
    title: LocalizedText


@strawberry.type(description="A civil-society or international partner's programme, supported by the authority.")
class Programme:
    id: strawberry.ID
    code: str
    title: LocalizedText
    partner: OrganizationRef | None
    objectives: list[str]
    governorates: list[str]
    start_date: dt.date | None
    end_date: dt.date | None
    funding_source: str | None
    funding_amount: float | None
    currency: str | None
    authority_support: str | None
    progress_note: str | None
    actions: list[SupportedAction]
    activities: list[ProgrammeActivity]
    beneficiaries: int = strawberry.field(description="Sum of the beneficiaries reported by its activities.")
    version: int

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Programme:
        activities = [ProgrammeActivity(id=strawberry.ID(a["id"]), title=a["title"], description=a.get("description"),
                                        results=a.get("results"), beneficiaries=a.get("beneficiaries"),
                                        date=day(a.get("date")), reported_at=a.get("reportedAt"))
                      for a in sorted(row.get("activities") or [], key=lambda a: (a.get("date") or "", a["id"]))]
        return cls(id=strawberry.ID(row["id"]), code=row["code"], title=localized(row),
                   partner=OrganizationRef.of(row.get("partner")), objectives=list(row.get("objectives") or []),
                   governorates=list(row.get("governorates") or []), start_date=day(row.get("startDate")),
                   end_date=day(row.get("endDate")), funding_source=row.get("fundingSource"),
                   funding_amount=row.get("fundingAmount"), currency=row.get("currency"),
                   authority_support=row.get("authoritySupport"), progress_note=row.get("progressNote"),
                   actions=[SupportedAction(id=strawberry.ID(a["id"]), code=a["code"], title=localized(a))
                            for a in sorted(row.get("actions") or [], key=lambda a: a["code"])],
                   activities=activities, beneficiaries=sum(a.beneficiaries or 0 for a in activities),
                   version=int(row.get("version") or 0))


@strawberry.input(description="A new partner programme.")
class CreateProgrammeInput:
    code: str
    title: LocalizedTextInput
    partner_code: str = strawberry.field(description="The NGO or international organisation running it.")
    start_date: dt.date
    end_date: dt.date
    objectives: list[str] = strawberry.field(default_factory=list)
    governorates: list[str] = strawberry.field(default_factory=list)
    funding_source: str | None = None
    funding_amount: float | None = None
    currency: str | None = None
    authority_support: str | None = strawberry.field(default=None, description="What the authority provides.")
    action_ids: list[strawberry.ID] = strawberry.field(default_factory=list,
                                                       description="Strategy actions it contributes to.")


@strawberry.input(description="What the partner keeps current on its programme.")
class UpdateProgrammeInput:
    programme_id: strawberry.ID
    objectives: list[str] | None = None
    governorates: list[str] | None = None
    progress_note: str | None = None
    expected_version: int | None = None


@strawberry.input(description="An activity and its results, reported by the partner.")
class ReportProgrammeActivityInput:
    programme_id: strawberry.ID
    title: str
    date: dt.date
    description: str | None = None
    results: str | None = None
    beneficiaries: int | None = None
    client_id: strawberry.ID | None = strawberry.field(
        default=None, description="A UUID made on the device: sending the same activity again records it once.")
