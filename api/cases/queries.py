"""Case queries."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.cases import rules as rules
from api.cases.rules import CaseStatus
from api.cases.types import Case
from api.common.cursors import page_size
from api.common.selection import page_nodes, selection
from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import Connection, build_connection, local_id


@strawberry.type
class CaseQueries:
    @field
    async def case(self, info: Info, id: strawberry.ID) -> Case | None:
        """A case the caller may see, or null."""
        row = await rules.case(info.context.graph, info.context.scope, local_id(id, "Case"), selection(info))
        return Case.from_record(row) if row else None

    @field
    async def cases(
        self, info: Info, first: int | None = None, after: str | None = None,
        status: CaseStatus | None = None, governorate: str | None = None, exploitation_form: str | None = None,
        assignee_id: strawberry.ID | None = None, opened_from: dt.datetime | None = None,
        opened_to: dt.datetime | None = None, reference: str | None = None,
    ) -> Connection[Case]:
        """The caller's caseload, newest first; filtered by governorate, form, assignee, opening dates, reference."""
        size = page_size(first)
        filters = {"governorate": governorate, "exploitationForm": exploitation_form,
                   "assigneeId": local_id(assignee_id, "User") if assignee_id else None, "openedFrom": opened_from,
                   "openedTo": opened_to, "reference": reference}
        total, rows = await rules.list_cases(info.context.graph, info.context.scope,
                                             status=status.value if status else None, after=after,
                                             limit=size + 1, filters=filters,
                                             fields=page_nodes(selection(info)))
        return build_connection([Case.from_record(r["item"]) for r in rows], [rules.case_cursor(r) for r in rows],
                                size, total)
