"""Drafting, approving and publishing guidelines; who hears of them."""

from __future__ import annotations

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.guidelines import rules as rules
from api.guidelines.types import DraftGuidelineInput, GuidelineVersion, OrganizationActorTypes, PublishGuidelineInput


@strawberry.type
class GuidelineMutations:
    @mutation
    async def draft_guideline(self, info: Info, input: DraftGuidelineInput) -> GuidelineVersion:
        """Draft a new version of a front-line actor type's guideline (fr/ar/en)."""
        sections = {"watch_for": input.watch_for.plain(), "what_to_do": input.what_to_do.plain(),
                    "whom_to_call": input.whom_to_call.plain(), "do_not": input.do_not.plain()}
        title = {"fr": input.title.fr, "ar": input.title.ar, "en": input.title.en}
        return GuidelineVersion.from_record(await rules.draft(info.context.graph, info.context.scope,
                                                              input.actor_type, title, sections))

    @mutation
    async def approve_guideline(self, info: Info, guideline_version_id: strawberry.ID) -> GuidelineVersion:
        """Approve a draft: a national user other than its author."""
        return GuidelineVersion.from_record(await rules.approve(info.context.graph, info.context.scope,
                                                                guideline_version_id))

    @mutation
    async def publish_guideline(self, info: Info, input: PublishGuidelineInput) -> GuidelineVersion:
        """Publish an approved version: it gets the next number and an effective date."""
        return GuidelineVersion.from_record(await rules.publish(info.context.graph, info.context.scope,
                                                                input.guideline_version_id, input.effective_date))

    @mutation
    async def set_organization_actor_types(self, info: Info, organization_code: str,
                                           actor_types: list[str]) -> OrganizationActorTypes:
        """Say which front-line actor types an organisation's staff are."""
        row = await rules.set_actor_types(info.context.graph, info.context.scope, organization_code, actor_types)
        return OrganizationActorTypes(organization_code=row["code"], actor_types=list(row["actorTypes"]))
