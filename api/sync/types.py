"""GraphQL types for delta sync."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from api.cases.types import Case
from api.graphql.relay import to_global_id
from api.guidelines.types import as_guideline
from api.organizations.types import Organization, native
from api.referrals.types import Referral
from api.reports.types import Report
from api.screening.types import Guideline
from api.services.types import Service
from api.sync.rules import NODE_TYPE, SyncType
from api.victims.types import Victim

# The rules' enum, exposed as is (one enum per concept).
strawberry.enum(SyncType, description="The kinds of records a device keeps in sync.")


@strawberry.type(description="A record to drop from the device: deleted, or no longer within the caller's scope.")
class Tombstone:
    type: SyncType
    id: strawberry.ID = strawberry.field(description="The global id of the record to drop.")
    at: dt.datetime


@strawberry.type(description="What changed since a cursor, oldest first; pass nextCursor back to continue.")
class ChangeSet:
    cases: list[Case]
    victims: list[Victim]
    referrals: list[Referral]
    services: list[Service]
    organizations: list[Organization]
    reports: list[Report]
    tombstones: list[Tombstone]
    guidelines: list[Guideline] = strawberry.field(description="Guideline versions published since the cursor.")
    next_cursor: str = strawberry.field(description="Opaque; keep it and send it as `since` next time.")
    has_more: bool = strawberry.field(description="More changes follow: ask again with nextCursor now.")
    full_resync: bool = strawberry.field(default=False, description=(
        "True when the cursor sent was of an older format: these pages start again from the beginning (every "
        "record the caller may see, and every tombstone); keep paging with nextCursor as usual."))

    @classmethod
    def from_result(cls, result: dict[str, Any]) -> ChangeSet:
        lists: dict[str, list[Any]] = {t.value: [] for t in SyncType}
        tombstones: list[Tombstone] = []
        builders: dict[str, Any] = {"CASE": Case.from_record, "VICTIM": Victim.from_record,
                                    "REFERRAL": Referral.from_record, "SERVICE": Service.from_record,
                                    "ORGANIZATION": Organization.from_record, "REPORT": Report.from_record,
                                    "GUIDELINE": as_guideline}
        for row in result["rows"]:
            kind = row["type"]
            if row["tombstone"] is not None:
                stone = row["tombstone"]
                tombstones.append(Tombstone(type=SyncType(kind), at=native(stone["at"]), id=strawberry.ID(
                    to_global_id(NODE_TYPE[SyncType(kind)], stone["entityId"]))))
            else:
                lists[kind].append(builders[kind](row["record"]))
        return cls(cases=lists["CASE"], victims=lists["VICTIM"], referrals=lists["REFERRAL"],
                   services=lists["SERVICE"], organizations=lists["ORGANIZATION"], reports=lists["REPORT"],
                   tombstones=tombstones, guidelines=lists["GUIDELINE"], next_cursor=result["nextCursor"],
                   has_more=result["hasMore"], full_resync=result["fullResync"])
