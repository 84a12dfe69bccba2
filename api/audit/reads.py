"""Auditing every read of personal or case data, at a small cost.

Each root field that returns victims, cases, referrals, reports, consents or screenings leaves one entry: who
(actor, role, organisation), what (the ids returned, a list read as one entry with its ids), which classes of
data were selected (e.g. ``CASE+VICTIM+CONSENT``), when, and why (the stated reason where the operation takes
one). Entries are collected during the request and appended together, in one statement, when the operation
finishes (:class:`FlushReadAudit`); when that append fails the data is withheld (``UNAVAILABLE``): no audit
entry, no personal data. The entry's ``reason`` holds ``read:<classes>``, followed by `` — <stated reason>``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from api.audit import log as audit
from api.errors import Unavailable
from api.logging_setup import request_id_var
from graph.access.scope import Scope

logger = logging.getLogger("himaya.audit")

# Root fields whose answers are personal or case data, and the class each one reads first.
READ_CLASSES: dict[str, str] = {
    "case": "CASE", "cases": "CASE", "victim": "VICTIM", "identityMatches": "VICTIM", "referrals": "REFERRAL",
    "findAssistance": "CASE", "assistanceExclusions": "CASE", "reports": "REPORT",
    "possibleDuplicateReports": "REPORT", "reportCustodyChain": "REPORT", "overdueTransmissions": "REPORT",
    "transmissions": "REPORT", "transmission": "REPORT", "changes": "CASE", "pendingApprovals": "CASE",
    "node": "NODE", "organizationMembers": "USER", "me": "USER", "auditTrail": "AUDIT",
}
# Nested fields that add a class of data to what a read returns.
NESTED_CLASSES: dict[str, str] = {
    "victim": "VICTIM", "victims": "VICTIM", "consents": "CONSENT", "screenings": "SCREENING",
    "referrals": "REFERRAL", "sharedProfile": "VICTIM_PROFILE", "case": "CASE", "cases": "CASE",
    "reports": "REPORT", "approvals": "APPROVAL", "timeline": "REFERRAL", "custodyChain": "REPORT",
}
# Node types, for node(id).
NODE_CLASSES = {"Case": "CASE", "Victim": "VICTIM", "Referral": "REFERRAL", "Report": "REPORT",
                "Consent": "CONSENT", "Screening": "SCREENING", "Transmission": "REPORT",
                "ApprovalRequest": "APPROVAL"}
MAX_READ_TARGETS = 200


def _classes(selections: list[Any], found: set[str]) -> None:
    for selection in selections:
        name = getattr(selection, "name", None)
        if name in NESTED_CLASSES:
            found.add(NESTED_CLASSES[name])
        _classes(list(getattr(selection, "selections", None) or []), found)


def _ids(value: Any, found: list[str]) -> None:
    """The global ids of what a root field returned (items of a page or a list, and their victims)."""
    if value is None or len(found) >= MAX_READ_TARGETS:
        return
    if isinstance(value, list | tuple):
        for item in value:
            _ids(item, found)
        return
    edges = getattr(value, "edges", None)
    if isinstance(edges, list):
        _ids([edge.node for edge in edges], found)
        return
    for attribute in ("cases", "victims", "referrals", "reports"):  # a change set
        nested = getattr(value, attribute, None)
        if isinstance(nested, list):
            _ids(nested, found)
    identifier = getattr(value, "id", None)
    if isinstance(identifier, str) and identifier not in found:
        found.append(identifier)
    victim = getattr(value, "victim", None)
    victim_id = getattr(victim, "id", None)
    if isinstance(victim_id, str) and victim_id not in found:
        found.append(victim_id)


def note_read(info: strawberry.Info, name: str, scope: Scope, result: Any, asked: list[str] | None = None,
              reason: str | None = None) -> None:
    """Remember a read of personal or case data for this request's audit append."""
    first = READ_CLASSES.get(name)
    if first is None or not scope.authenticated:
        return
    if first == "NODE":
        first = NODE_CLASSES.get(type(result).__name__, "")
        if not first:
            return
    classes = {first}
    _classes(list(info.selected_fields), classes)
    targets: list[str] = list(asked or [])  # the ids asked for, then those returned
    _ids(result, targets)
    why = "read:" + "+".join(sorted(classes)) + (f" — {reason}" if reason else "")
    entry = audit.AuditEntry(action=name, outcome=audit.OK, actor_id=scope.user_id,
                             role=scope.role.value if scope.role else None, organization_id=scope.organization_id,
                             target=tuple(t[:audit.MAX_TARGET_LENGTH] for t in targets[:MAX_READ_TARGETS]),
                             reason=why[:audit.MAX_REASON_LENGTH], request_id=request_id_var.get())
    pending: list[audit.AuditEntry] = info.context.audit_reads
    pending.append(entry)


class FlushReadAudit(SchemaExtension):
    """Append the request's read entries in one statement once the operation ran; withhold data without it."""

    async def on_execute(self) -> AsyncIterator[None]:
        yield
        context = self.execution_context.context
        entries: list[audit.AuditEntry] = list(getattr(context, "audit_reads", None) or [])
        if not entries:
            return
        context.audit_reads.clear()
        try:
            await audit.append_many(context.graph, entries)
        except Exception:
            logger.exception("read audit not written", extra={"entries": len(entries)})
            result = self.execution_context.result
            if result is not None:
                result.data = None
                result.errors = [GraphQLError("audit unavailable", original_error=Unavailable())]
