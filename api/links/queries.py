"""Link analysis queries."""

from __future__ import annotations

import strawberry

from api.graphql.info import Info
from api.graphql.relay import local_id, to_global_id
from api.links import rules
from api.links.types import CaseLinks, EvidenceCount, LinkedCase, SuspectedNetwork, SuspectedNetworks
from api.organizations.types import native


@strawberry.type
class LinkQueries:
    @strawberry.field(description="Other cases this case meets through shared identifiers, perpetrators or places: "
                                  "counts for everyone who may see the case, paths for national roles.")
    async def case_links(self, info: Info, case_id: strawberry.ID) -> CaseLinks:
        """Other cases this case meets: counts for everyone who may see it, paths for national roles."""
        counts, details = await rules.case_links(info.context.graph, info.context.scope, local_id(case_id, "Case"))
        evidence = sorted(counts["evidence"], key=lambda e: (-int(e["otherCases"]), e["kind"], e["id"]))
        return CaseLinks(
            case_id=case_id, linked_cases=int(counts["linkedCases"]),
            evidence=[EvidenceCount(evidence_id=strawberry.ID(to_global_id(e["type"], e["id"])),
                                    evidence_type=e["type"], kind=e["kind"], other_cases=int(e["otherCases"]))
                      for e in evidence],
            details_visible=info.context.scope.national, links=[LinkedCase.from_record(row) for row in details])

    @strawberry.field(description="Clusters of cases connected through shared identifiers or perpetrators, largest "
                                  "and most recent first (national roles).")
    async def suspected_networks(self, info: Info, first: int | None = None,
                                 min_size: int = 2) -> SuspectedNetworks:
        """Clusters of cases connected through shared evidence, largest and most recent first."""
        total, computed_at, rows = await rules.suspected_networks(info.context.graph, info.context.scope,
                                                                  first=first, min_size=min_size)
        return SuspectedNetworks(computed_at=native(computed_at), total=total,
                                 networks=[SuspectedNetwork.from_record(row) for row in rows])
