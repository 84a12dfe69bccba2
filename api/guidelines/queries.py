"""Guideline versions (old ones stay readable) and the printable guideline."""

from __future__ import annotations

import base64

import strawberry

from api.documents.guideline_pdf import render_guideline
from api.graphql.fields import field
from api.graphql.info import Info
from api.guidelines import rules as rules
from api.guidelines.types import DocumentLanguage, GuidelineStatus, GuidelineVersion, PrintableDocument


@strawberry.type
class GuidelineQueries:
    @field
    async def guideline_versions(self, info: Info, actor_type: str | None = None,
                                 status: GuidelineStatus | None = None, first: int | None = None
                                 ) -> list[GuidelineVersion]:
        """Versions of the guidelines, newest first (drafts for national roles only)."""
        rows = await rules.versions(info.context.graph, info.context.scope, actor_type,
                                    status.value if status else None, first)
        return [GuidelineVersion.from_record(row) for row in rows]

    @field
    async def guideline_document(self, info: Info, actor_type: str, version: int | None = None,
                                 language: DocumentLanguage = DocumentLanguage.fr) -> PrintableDocument:
        """A guideline as a printable PDF (fr or ar): a version by number, or the current one."""
        data = await rules.document_data(info.context.graph, actor_type, version, language.value)
        pdf = render_guideline(data, language.value)
        return PrintableDocument(filename=f"{data['actorType']}-v{data['version']}-{language.value}.pdf",
                                 content_type="application/pdf", content_base64=base64.b64encode(pdf).decode())
