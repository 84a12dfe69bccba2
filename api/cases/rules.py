"""Rules for cases: the status lifecycle, valid case input and who may open, change and assign cases."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Any

from api.approvals.rules import request_transfer
from api.catalogues.rules import FILES, CatalogueName, unknown_code
from api.catalogues.rules import codes as catalogue_codes
from api.common import cursors
from api.common.records import client_id as checked_client_id
from api.common.records import create_once, stale_version
from api.common.selection import Tree
from api.common.text import clean_text
from api.errors import BadInput, Conflict, Forbidden, NotFound
from api.protection import default_sealer
from api.reference import catalogues
from api.victims.rules import require_case_owner_role, require_casework
from graph.access.scope import Scope
from graph.cases import repository
from graph.db import Graph, Record
from graph.protected.sealer import Sealer


class CaseStatus(StrEnum):
    REPORTED = "REPORTED"
    PRESUMED = "PRESUMED"
    IDENTIFIED = "IDENTIFIED"
    ASSISTED = "ASSISTED"
    CLOSED = "CLOSED"


# The forward path; closing is also allowed from any open state, with a reason.
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.REPORTED: frozenset({CaseStatus.PRESUMED, CaseStatus.CLOSED}),
    CaseStatus.PRESUMED: frozenset({CaseStatus.IDENTIFIED, CaseStatus.CLOSED}),
    CaseStatus.IDENTIFIED: frozenset({CaseStatus.ASSISTED, CaseStatus.CLOSED}),
    CaseStatus.ASSISTED: frozenset({CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset(),
}
MAX_LIST = 20


def allowed_from(target: CaseStatus) -> list[str]:
    """The states a case may be in to move to ``target``."""
    return sorted(state.value for state, nexts in TRANSITIONS.items() if target in nexts)


@cache
def _codes(file_name: str) -> frozenset[str]:
    return catalogues.codes(file_name)


@cache
def governorate_codes() -> frozenset[str]:
    return _codes("governorates.json")


def _checked_codes(values: list[str] | None, file_name: str, field: str) -> list[str]:
    codes = sorted({v.strip() for v in values or []})
    if len(codes) > MAX_LIST:
        raise BadInput("text.field_too_long", field=field, maximum=MAX_LIST)
    known = _codes(file_name)
    for code in codes:
        if code not in known:
            raise unknown_code(field, code, next(name for name, file in FILES.items() if file == file_name))
    return codes


def validated_case(fields: dict[str, Any]) -> dict[str, Any]:
    governorate = (fields.get("governorate") or "").strip()
    if governorate not in governorate_codes():
        raise BadInput("casework.unknown_governorate")
    return {
        "victimId": fields["victimId"],
        "governorate": governorate,
        "exploitationForms": _checked_codes(fields.get("exploitationForms"), "exploitation_forms.json",
                                            "exploitationForms"),
        "meansOfControl": _checked_codes(fields.get("meansOfControl"), "means_of_control.json", "meansOfControl"),
        "labourSector": clean_text(fields.get("labourSector"), "labourSector", maximum=100),
    }


def case_cursor(row: Record) -> str:
    return cursors.encode("case", row["cursorMillis"], row["item"]["id"])


async def open_case(graph: Graph, scope: Scope, fields: dict[str, Any], client_id: object | None = None) -> Record:
    """The owner is the caller's organisation: it never comes from the input. With a client id, opening again
    returns the case opened the first time."""
    require_case_owner_role(scope)
    if scope.organization_id is None:
        raise Forbidden("casework.no_organization")
    case_fields = validated_case(fields)

    async def create(chosen_id: str | None) -> Record:
        record = await repository.open_case(graph, scope, {**case_fields, "clientId": chosen_id})
        if record is None:
            raise NotFound()
        return record

    return await create_once(graph, scope, "Case", checked_client_id(client_id), create, lambda found: found)


async def case(graph: Graph, scope: Scope, case_id: str, fields: Tree | None = None) -> Record | None:
    """``fields``: what the query selected (nested objects come in the same statement)."""
    require_casework(scope)
    found = await repository.cases_by_ids(graph, scope, [case_id], fields)
    return found[0] if found else None


async def cases_by_ids(graph: Graph, scope: Scope, ids: list[str]) -> dict[str, Record]:
    return {row["id"]: row for row in await repository.cases_by_ids(graph, scope, ids)}


async def list_cases(graph: Graph, scope: Scope, *, status: str | None, after: str | None,
                     limit: int, filters: dict[str, Any] | None = None,
                     fields: Tree | None = None) -> tuple[int, list[Record]]:
    """The caseload; ``filters``: governorate, exploitationForm, assigneeId, openedFrom, openedTo, reference;
    ``fields``: what the query selected on each case (nested objects come in the same statement)."""
    require_casework(scope)
    checked = validated_filters(filters or {})
    return await repository.list_cases(graph, scope, status=status, after=cursors.decode(after, "case", int, str),
                                       limit=limit, filters=checked, fields=fields)


def validated_filters(filters: dict[str, Any]) -> dict[str, Any]:
    governorate = filters.get("governorate")
    if governorate is not None and governorate not in governorate_codes():
        raise BadInput("casework.unknown_governorate")
    form = filters.get("exploitationForm")
    if form is not None and form not in catalogue_codes(CatalogueName.EXPLOITATION_FORMS):
        raise unknown_code("exploitationForm", form, CatalogueName.EXPLOITATION_FORMS)
    for key in ("openedFrom", "openedTo"):
        value = filters.get(key)
        if value is not None and getattr(value, "tzinfo", None) is None:
            raise BadInput("casework.invalid_value", field=key)
    reference = clean_text(filters.get("reference"), "reference", maximum=40)
    return {"governorate": governorate, "form": form, "assignee": filters.get("assigneeId"),
            "openedFrom": filters.get("openedFrom"), "openedTo": filters.get("openedTo"),
            "reference": reference.upper() if reference else None}


async def change_case_status(graph: Graph, scope: Scope, case_id: str, status: CaseStatus,
                             reason: str | None, expected_version: int | None = None, *,
                             sealer: Sealer | None = None) -> Record:
    """The reason (free text that often names people) is stored sealed."""
    require_case_owner_role(scope)
    if status is CaseStatus.IDENTIFIED:
        raise Forbidden("approvals.identification_needs_approval")
    why = clean_text(reason, "reason", maximum=500)
    if status is CaseStatus.CLOSED and why is None:
        raise BadInput("casework.reason_required")
    sealer = sealer or default_sealer()
    status_key, status_sealed = sealer.seal_field(case_id, "statusReason", why)
    close_key, close_sealed = sealer.seal_field(case_id, "closeReason", why if status is CaseStatus.CLOSED else None)
    sealed = {"statusKey": status_key, "statusSealed": status_sealed, "closeKey": close_key,
              "closeSealed": close_sealed}
    row = await repository.change_case_status(graph, scope, case_id, status.value, allowed_from(status), sealed,
                                              expected_version)
    if row is None:
        raise NotFound()
    if not row["current"]:
        raise stale_version(expected_version, row["item"], "Case")
    if not row["allowed"]:
        raise Conflict("casework.case_transition", current=row["previous"], target=status.value)
    record: Record = row["item"]
    return record


async def assign_case(graph: Graph, scope: Scope, case_id: str, user_id: str) -> Record:
    require_case_owner_role(scope)
    row = await repository.assign_case(graph, scope, case_id, user_id)
    if row is None:
        raise NotFound()
    if not row["assigned"]:
        raise BadInput("casework.assignee_not_member")
    record: Record = row["item"]
    return record


async def transfer_case(graph: Graph, scope: Scope, case_id: str, organization_code: str,
                        expected_version: int | None = None) -> Record:
    """Ask another organisation to take a case over: it moves only once that organisation accepts
    (``respondToTransfer``); until then the case stays with its owner, with the request on it."""
    row = await request_transfer(graph, scope, case_id, organization_code, None, expected_version)
    record: Record = row["item"]
    return record
