"""GraphQL types for identifiers. A blind index never appears here: only the kind, the value and counts."""

from __future__ import annotations

from typing import Any

import strawberry

from api.graphql.relay import Node, to_global_id
from api.identifiers.rules import IdentifierKind, Platform

IdentifierKindEnum = strawberry.enum(IdentifierKind, name="IdentifierKind",
                                     description="What an identifier is (HTCDS: phones in E.164).")
PlatformEnum = strawberry.enum(Platform, name="OnlinePlatform", description="Where an online account lives.")


@strawberry.type(description="A phone, e-mail, online account, plate, bank or transfer reference, or address, shared "
                             "by every case that mentions it. Stored sealed; the value is the normalised form.")
class Identifier(Node):
    id: strawberry.ID
    kind: IdentifierKind
    platform: Platform | None
    value: str | None = strawberry.field(description="E.164 for phones, lower-cased e-mail, folded handle, "
                                                     "COUNTRY:PLATE; null once erased.")
    other_cases: int = strawberry.field(description="How many other cases it appears in (a count, never which).")
    perpetrator_id: strawberry.ID | None = strawberry.field(
        description="The perpetrator it was recorded for, when reached through one.")

    @classmethod
    def from_record(cls, row: dict[str, Any], value: str | None) -> Identifier:
        identifier = row["identifier"]
        perpetrator = row.get("perpetratorId")
        return cls(id=strawberry.ID(to_global_id("Identifier", identifier["id"])),
                   kind=IdentifierKind(identifier["kind"]),
                   platform=Platform(identifier["platform"]) if identifier.get("platform") else None, value=value,
                   other_cases=int(row.get("otherCases") or 0),
                   perpetrator_id=strawberry.ID(to_global_id("Perpetrator", perpetrator)) if perpetrator else None)


@strawberry.input(description="An identifier to record; malformed phones, e-mails and plates are refused.")
class IdentifierInput:
    kind: IdentifierKind
    value: str
    platform: Platform | None = strawberry.field(default=None, description="Required for ONLINE_ACCOUNT.")
    country: str | None = strawberry.field(default=None, description="ISO 3166-1 alpha-3 of a plate (default TUN).")
