"""Link analysis mutations: a coordinator's decisions, and recomputing the networks on demand."""

from __future__ import annotations

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.graphql.relay import local_id
from api.links import rules
from api.links.types import CaseLinkDecision
from api.organizations.types import native


async def _decide(info: Info, case_id: strawberry.ID, other_case_id: strawberry.ID,
                  decision: rules.LinkDecision, reason: str) -> CaseLinkDecision:
    row = await rules.decide(info.context.graph, info.context.scope, local_id(case_id, "Case"),
                             local_id(other_case_id, "Case"), decision, reason)
    return CaseLinkDecision(case_id=case_id, other_case_id=other_case_id, decision=rules.LinkDecision(row["status"]),
                            reason=row.get("reason"), decided_at=native(row["decidedAt"]))


@strawberry.type
class LinkMutations:
    @mutation
    async def confirm_case_link(self, info: Info, case_id: strawberry.ID, other_case_id: strawberry.ID,
                                reason: str) -> CaseLinkDecision:
        """Confirm a suggested link between two cases (national roles; audited)."""
        return await _decide(info, case_id, other_case_id, rules.LinkDecision.CONFIRMED, reason)

    @mutation
    async def dismiss_case_link(self, info: Info, case_id: strawberry.ID, other_case_id: strawberry.ID,
                                reason: str) -> CaseLinkDecision:
        """Dismiss a suggested link between two cases (national roles; audited)."""
        return await _decide(info, case_id, other_case_id, rules.LinkDecision.DISMISSED, reason)

    @mutation
    async def recompute_suspected_networks(self, info: Info) -> int:
        """Recompute the suspected networks now (the worker does it on a schedule)."""
        return await rules.recompute_on_demand(info.context.graph, info.context.scope)
