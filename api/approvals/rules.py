"""Rules for approvals: identification needs a coordinator other than the requester; a transfer needs the
receiving organisation's acceptance."""

from __future__ import annotations

import uuid
from enum import StrEnum

from api.common.records import stale_version
from api.common.text import clean_text
from api.errors import BadInput, Conflict, Forbidden, NotFound, Unauthenticated
from api.victims.rules import require_case_owner_role, require_casework
from graph.access.permissions import Permission
from graph.access.scope import Scope
from graph.approvals import repository
from graph.db import Graph, Record

MIN_REASON = 5
MAX_PENDING = 100


class ApprovalKind(StrEnum):
    IDENTIFICATION = "IDENTIFICATION"
    TRANSFER = "TRANSFER"


class ApprovalStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


def _reason(value: str | None, *, required: bool = True) -> str | None:
    why = clean_text(value, "reason", required=required, maximum=500)
    if required and (why is None or len(why) < MIN_REASON):
        raise BadInput("casework.reason_required")
    return why


async def request_identification(graph: Graph, scope: Scope, case_id: str, reason: str) -> Record:
    """Put a PRESUMED case forward for identification; coordinators are alerted."""
    require_case_owner_role(scope)
    row = await repository.request_identification(graph, scope, case_id, str(uuid.uuid4()), _reason(reason) or "")
    if row is None:
        raise NotFound()
    if row["outcome"] == "ILLEGAL":
        raise Conflict("casework.case_transition", current=row["current"], target="IDENTIFIED")
    if row["outcome"] == "DUPLICATE":
        raise Conflict("approvals.already_pending")
    record: Record = row["request"]
    return record


async def decide_identification(graph: Graph, scope: Scope, request_id: str, approve: bool, reason: str) -> Record:
    """A coordinator approves or rejects, with a reason; never their own request."""
    if not scope.authenticated:
        raise Unauthenticated()
    if not scope.can(Permission.APPROVE_IDENTIFICATION):
        raise Forbidden("approvals.coordinator_only")
    row = await repository.decide_identification(graph, scope, request_id, approve, _reason(reason) or "")
    if row is None:
        raise NotFound()
    if row["outcome"] == "SELF":
        raise Forbidden("approvals.self_approval")
    if row["outcome"] == "DECIDED":
        raise Conflict("approvals.already_decided")
    if row["outcome"] == "ILLEGAL":
        raise Conflict("casework.case_transition", current=row["current"], target="IDENTIFIED")
    record: Record = row["request"]
    return record


async def request_transfer(graph: Graph, scope: Scope, case_id: str, organization_code: str,
                           reason: str | None = None, expected_version: int | None = None) -> Record:
    """Ask another organisation to take a case over; it moves only when that organisation accepts."""
    require_case_owner_role(scope)
    code = clean_text(organization_code, "organizationCode", required=True, maximum=30)
    assert code is not None
    row = await repository.request_transfer(graph, scope, case_id, str(uuid.uuid4()), code,
                                            _reason(reason, required=False), expected_version)
    if row is None or row["outcome"] == "NOT_FOUND":
        raise NotFound()
    if row["outcome"] == "STALE":
        raise stale_version(expected_version, row["item"], "Case")
    if row["outcome"] == "SAME_OWNER":
        raise Conflict("casework.transfer_same_owner")
    if row["outcome"] == "DUPLICATE":
        raise Conflict("approvals.already_pending")
    return row


async def respond_to_transfer(graph: Graph, scope: Scope, request_id: str, accept: bool,
                              reason: str | None) -> Record:
    """Only the organisation asked answers; accepting makes it the case's owner."""
    require_case_owner_role(scope)
    why = _reason(reason, required=not accept)
    row = await repository.respond_to_transfer(graph, scope, request_id, accept, why)
    if row is None:
        raise NotFound()
    if row["outcome"] == "WRONG_ORGANIZATION":
        raise Forbidden("approvals.wrong_organization")
    if row["outcome"] == "DECIDED":
        raise Conflict("approvals.already_decided")
    record: Record = row["request"]
    return record


async def approvals_by_case_ids(graph: Graph, scope: Scope, ids: list[str]) -> dict[str, list[Record]]:
    found: dict[str, list[Record]] = {i: [] for i in ids}
    for row in await repository.approvals_by_case_ids(graph, scope, ids):
        found.setdefault(row["caseId"], []).append(row)
    return found


async def approval(graph: Graph, scope: Scope, request_id: str) -> Record | None:
    require_casework(scope)
    return await repository.approval_by_id(graph, scope, request_id)


async def pending_for_caller(graph: Graph, scope: Scope, kind: ApprovalKind | None) -> list[Record]:
    require_casework(scope)
    return await repository.pending_for_caller(graph, scope, kind.value if kind else None, MAX_PENDING)
