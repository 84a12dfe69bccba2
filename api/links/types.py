"""GraphQL types for link analysis. Paths name nodes by id and label (case reference, perpetrator alias,
identifier kind); never an identifier's value nor its blind index."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import NODE_TYPES, local_id, to_global_id
from api.links.rules import LinkDecision
from api.organizations.types import native

if TYPE_CHECKING:
    from api.cases.types import Case

LinkDecisionEnum = strawberry.enum(LinkDecision, name="LinkDecision")


def _gid(type_name: str, local: str) -> strawberry.ID:
    return strawberry.ID(to_global_id(type_name, local) if type_name in NODE_TYPES else local)


@strawberry.type(description="One node on the path between two cases.")
class PathStep:
    type: str = strawberry.field(description="Case, Perpetrator or Identifier.")
    id: strawberry.ID
    label: str | None = strawberry.field(description="Case reference, perpetrator alias or identifier kind.")


@strawberry.type(description="How two cases meet: the kind of evidence and the path through the graph.")
class LinkPath:
    evidence: str = strawberry.field(description="PERPETRATOR, or the identifier kind (PHONE, ADDRESS...).")
    steps: list[PathStep]
    relationships: list[str]


@strawberry.type(description="Another case reachable through shared evidence (national roles only).")
class LinkedCase:
    case_id: strawberry.ID
    reference: str
    paths: list[LinkPath]
    path_count: int
    decision: LinkDecision
    decided_at: dt.datetime | None
    decision_reason: str | None

    @field
    async def case(self, info: Info) -> Annotated[Case, strawberry.lazy("api.cases.types")] | None:
        """The linked case."""
        return await info.context.loaders.case.load(local_id(self.case_id, "Case"))

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> LinkedCase:
        decision = row.get("decision") or {}
        return cls(case_id=_gid("Case", row["caseId"]), reference=row["reference"],
                   paths=[LinkPath(evidence=p["kind"], relationships=list(p["relationships"]),
                                   steps=[PathStep(type=s["type"], id=_gid(s["type"], s["id"]), label=s.get("label"))
                                          for s in p["steps"]]) for p in row["paths"]],
                   path_count=int(row["pathCount"]),
                   decision=LinkDecision(decision.get("status") or LinkDecision.SUGGESTED.value),
                   decided_at=native(decision.get("decidedAt")), decision_reason=decision.get("reason"))


@strawberry.type(description="A piece of this case's evidence and how many other cases share it (a count only).")
class EvidenceCount:
    evidence_id: strawberry.ID
    evidence_type: str = strawberry.field(description="Identifier or Perpetrator.")
    kind: str = strawberry.field(description="PERPETRATOR, or the identifier kind.")
    other_cases: int


@strawberry.type(description="The other cases this one meets through shared identifiers, perpetrators or places.")
class CaseLinks:
    case_id: strawberry.ID
    linked_cases: int = strawberry.field(description="How many other cases share at least one piece of evidence.")
    evidence: list[EvidenceCount]
    details_visible: bool = strawberry.field(description="False for organisations: ask the authority to look.")
    links: list[LinkedCase] = strawberry.field(description="National roles only; empty otherwise.")


@strawberry.type(description="A coordinator's decision on a suggested link.")
class CaseLinkDecision:
    case_id: strawberry.ID
    other_case_id: strawberry.ID
    decision: LinkDecision
    reason: str | None
    decided_at: dt.datetime


@strawberry.type(description="A cluster of cases connected through shared identifiers or perpetrators.")
class SuspectedNetwork:
    id: strawberry.ID
    size: int = strawberry.field(description="Number of cases.")
    shared_identifiers: int
    shared_perpetrators: int
    confirmed_links: int
    governorates: list[str]
    latest_activity_at: dt.datetime | None
    case_ids: strawberry.Private[list[str]]

    @field
    async def cases(self, info: Info) -> list[Annotated[Case, strawberry.lazy("api.cases.types")]]:
        """Up to 20 of its cases."""
        loaded = await info.context.loaders.case.load_many(self.case_ids)
        return [case for case in loaded if case is not None]

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> SuspectedNetwork:
        return cls(id=strawberry.ID(row["id"]), size=int(row["size"]), shared_identifiers=int(row["identifiers"]),
                   shared_perpetrators=int(row["perpetrators"]), confirmed_links=int(row["confirmedLinks"]),
                   governorates=sorted(g for g in row.get("governorates") or [] if g),
                   latest_activity_at=native(row.get("latestActivityAt")), case_ids=list(row["caseIds"]))


@strawberry.type(description="The latest suspected-networks snapshot.")
class SuspectedNetworks:
    computed_at: dt.datetime | None
    total: int
    networks: list[SuspectedNetwork]
