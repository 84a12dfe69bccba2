"""Rules for reports: intake from every channel, the anonymous receipt, messages and triage."""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from api.authz.checks import require
from api.common import cursors
from api.common.records import client_id as checked_client_id
from api.common.records import create_once
from api.common.text import clean_text
from api.errors import BadInput, Conflict, Forbidden, NotFound, Unauthenticated
from api.protection import ReceiptHasher
from api.reference import catalogues as reference
from graph.access.permissions import Permission
from graph.access.scope import ANONYMOUS, Scope
from graph.db import Graph, Record
from graph.protected.envelope import SealingError, WrappedKey
from graph.protected.sealer import Sealer
from graph.reports import repository

MAX_NARRATIVE = 10_000
MAX_CONTACT = 500
MAX_PLACE = 200
MAX_MESSAGE = 4_000
MAX_PERSONS = 10_000
RECEIPT_DIGITS = 16
DUPLICATE_WINDOW_DAYS = 14


class ReportChannel(StrEnum):
    HOTLINE = "HOTLINE"
    PARTNER_APP = "PARTNER_APP"
    PUBLIC = "PUBLIC"


class ReportStatus(StrEnum):
    RECEIVED = "RECEIVED"
    UNDER_REVIEW = "UNDER_REVIEW"
    LINKED_TO_CASE = "LINKED_TO_CASE"
    TRANSMITTED = "TRANSMITTED"
    CLOSED_UNFOUNDED = "CLOSED_UNFOUNDED"


class ReportUrgency(StrEnum):
    ROUTINE = "ROUTINE"
    PRIORITY = "PRIORITY"
    URGENT = "URGENT"


class MessageDirection(StrEnum):
    FROM_REPORTER = "FROM_REPORTER"
    TO_REPORTER = "TO_REPORTER"
    INTERNAL_NOTE = "INTERNAL_NOTE"


# Triage lifecycle. TRANSMITTED is reached only through a transmission to a court.
ALLOWED_TRANSITIONS: dict[ReportStatus, frozenset[ReportStatus]] = {
    ReportStatus.RECEIVED: frozenset({ReportStatus.UNDER_REVIEW, ReportStatus.CLOSED_UNFOUNDED}),
    ReportStatus.UNDER_REVIEW: frozenset({ReportStatus.LINKED_TO_CASE, ReportStatus.TRANSMITTED,
                                          ReportStatus.CLOSED_UNFOUNDED}),
    ReportStatus.LINKED_TO_CASE: frozenset({ReportStatus.TRANSMITTED}),
    ReportStatus.TRANSMITTED: frozenset(),
    ReportStatus.CLOSED_UNFOUNDED: frozenset({ReportStatus.UNDER_REVIEW}),
}

# What the anonymous reporter sees of the triage status: progress, never internal detail.
PUBLIC_STATUS = {
    ReportStatus.RECEIVED: "RECEIVED",
    ReportStatus.UNDER_REVIEW: "UNDER_REVIEW",
    ReportStatus.LINKED_TO_CASE: "IN_PROGRESS",
    ReportStatus.TRANSMITTED: "TRANSMITTED_TO_JUSTICE",
    ReportStatus.CLOSED_UNFOUNDED: "CLOSED",
}



# ------------------------------------------------------------------------------------------- receipts


def new_receipt() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(RECEIPT_DIGITS))


def normalise_receipt(receipt: str) -> str | None:
    digits = "".join(ch for ch in receipt if ch.isdigit())
    if len(digits) != RECEIPT_DIGITS or len(receipt) > 40:
        return None
    return digits


# ------------------------------------------------------------------------------------------ validation


@dataclass(frozen=True)
class Catalogues:
    exploitation_forms: frozenset[str]
    indicators: frozenset[str]

    @classmethod
    def load(cls) -> Catalogues:
        forms = reference.codes("exploitation_forms.json")
        indicators = reference.codes("indicators.json")
        return cls(exploitation_forms=forms, indicators=indicators)


_CATALOGUES: Catalogues | None = None


def catalogues() -> Catalogues:
    global _CATALOGUES
    if _CATALOGUES is None:
        _CATALOGUES = Catalogues.load()
    return _CATALOGUES


def _codes(values: list[str], allowed: frozenset[str], field: str) -> list[str]:
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise BadInput("reports.unknown_codes", field=field, count=len(unknown))
    return sorted(set(values))


@dataclass(frozen=True)
class ReportSubmission:
    channel: ReportChannel
    narrative: str
    governorate: str
    place: str | None
    occurred_on: str | None
    exploitation_forms: list[str]
    indicators: list[str]
    persons_at_risk: int | None
    minors_involved: bool
    urgency: ReportUrgency
    reporter_contact: str | None
    reporter_agrees_to_share_identity: bool
    client_id: object | None = None  # a UUID made on the device: the same submission is recorded once
    campaign_code: str | None = None  # the awareness campaign that prompted the report (optional)


@dataclass(frozen=True)
class SubmittedReport:
    id: str
    reference: str
    receipt: str | None


def _actor(scope: Scope) -> dict[str, Any]:
    return {"user": scope.user_id, "role": scope.role.value if scope.role else None, "org": scope.organization_id}


def _check_channel(submission: ReportSubmission, scope: Scope) -> None:
    if submission.channel is ReportChannel.PUBLIC:
        return
    if not scope.authenticated:
        raise Unauthenticated()
    if not scope.can(Permission.SUBMIT_REPORTS):
        raise Forbidden()
    if submission.channel is ReportChannel.HOTLINE and not scope.can(Permission.SUBMIT_HOTLINE_REPORTS):
        raise Forbidden()


def validate(submission: ReportSubmission) -> dict[str, Any]:
    cats = catalogues()
    narrative = clean_text(submission.narrative, "narrative", required=True, maximum=MAX_NARRATIVE)
    if submission.persons_at_risk is not None and not 0 <= submission.persons_at_risk <= MAX_PERSONS:
        raise BadInput("reports.persons_out_of_range", maximum=MAX_PERSONS)
    if submission.occurred_on is not None and len(submission.occurred_on) > 10:
        raise BadInput("reports.invalid_date", field="occurredOn")
    return {
        "narrative": narrative,
        "governorate": submission.governorate.strip().upper()[:8],
        "place": clean_text(submission.place, "place", maximum=MAX_PLACE),
        "occurredOn": submission.occurred_on,
        "exploitationForms": _codes(submission.exploitation_forms, cats.exploitation_forms, "exploitation forms"),
        "indicators": _codes(submission.indicators, cats.indicators, "indicators"),
        "personsAtRisk": submission.persons_at_risk,
        "minorsInvolved": submission.minors_involved,
        "urgency": submission.urgency.value,
        "reporterContact": clean_text(submission.reporter_contact, "reporterContact", maximum=MAX_CONTACT),
        "reporterAgreesToShareIdentity": submission.reporter_agrees_to_share_identity,
        "campaignCode": _campaign_code(submission.campaign_code),
    }


def _campaign_code(value: str | None) -> str | None:
    """A campaign code as printed on its materials (case and spaces do not matter); an unknown one counts nowhere."""
    cleaned = "".join((value or "").split()).upper()
    if not cleaned:
        return None
    if len(cleaned) > 40 or not all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in cleaned):
        raise BadInput("reports.invalid_campaign_code")
    return cleaned


async def submit_report(graph: Graph, sealer: Sealer, hasher: ReceiptHasher, scope: Scope,
                        submission: ReportSubmission) -> SubmittedReport:
    _check_channel(submission, scope)
    clean = validate(submission)
    # A public reporter is nobody: no user, organisation, address or user agent is recorded.
    public = submission.channel is ReportChannel.PUBLIC
    actor = _actor(scope) if not public else {"user": None, "role": None, "org": None}

    async def create(chosen_id: str | None) -> SubmittedReport:
        report_id = chosen_id or str(uuid.uuid4())
        sealed = sealer.seal_subject(report_id, {"narrative": clean["narrative"],
                                                 "reporterContact": clean["reporterContact"]})
        receipt = new_receipt() if public else None
        fields = {key: value for key, value in clean.items() if key not in ("narrative", "reporterContact")}
        report = {**fields, "id": report_id, "channel": submission.channel.value,
                  "narrativeSealed": sealed.fields["narrative"],
                  "reporterContactSealed": sealed.fields["reporterContact"],
                  "receiptHash": await hasher.hash_async(receipt) if receipt else None}
        try:
            row = await repository.create_report(graph, report, _key_params(sealed.key), actor)
        except LookupError as exc:
            raise BadInput("reports.unknown_governorate") from exc
        return SubmittedReport(id=row["id"], reference=row["reference"], receipt=receipt)

    # An anonymous reporter sees no report, so a repeated client id is a conflict for them (the receipt is shown
    # once); a signed-in submitter gets their report back, without a receipt.
    return await create_once(graph, ANONYMOUS if public else scope, "Report", checked_client_id(submission.client_id),
                             create, lambda found: SubmittedReport(id=found["id"], reference=found["reference"],
                                                                   receipt=None))


def _key_params(key: WrappedKey) -> dict[str, str]:
    return {"id": key.key_id, "kekId": key.kek_id, "wrapped": key.wrapped}


def _wrapped(row: dict[str, Any]) -> WrappedKey:
    return WrappedKey(key_id=row["id"], kek_id=row["kekId"], wrapped=row["wrapped"])


# --------------------------------------------------------------------------------- the reporter's view


@dataclass(frozen=True)
class ReporterMessage:
    direction: str
    body: str
    at: str


@dataclass(frozen=True)
class ReporterView:
    status: str
    received_at: str
    updated_at: str
    messages: list[ReporterMessage]


def _message_field(message_id: str) -> str:
    return f"message:{message_id}"


def _open_messages(sealer: Sealer, report_id: str, key: WrappedKey,
                   messages: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str]]:
    opened = sealer.open_subject(key, report_id, {_message_field(m["id"]): m["bodySealed"] for m in messages})
    return [(m, opened[_message_field(m["id"])] or "") for m in sorted(messages, key=lambda m: (m["at"], m["id"]))]


async def report_by_receipt(graph: Graph, sealer: Sealer, hasher: ReceiptHasher, receipt: str) -> ReporterView:
    digits = normalise_receipt(receipt)
    # A malformed receipt, a wrong one and one that never existed all read the same: not found.
    row = await repository.report_by_receipt(graph, await hasher.hash_async(digits)) if digits else None
    if row is None:
        raise NotFound()
    try:
        messages = _open_messages(sealer, row["id"], _wrapped(row["key"]), row["messages"])
    except SealingError as exc:
        raise NotFound() from exc
    return ReporterView(
        status=PUBLIC_STATUS[ReportStatus(row["status"])], received_at=row["receivedAt"], updated_at=row["updatedAt"],
        messages=[ReporterMessage(direction=m["direction"], body=body, at=m["at"]) for m, body in messages],
    )


async def send_reporter_message(graph: Graph, sealer: Sealer, hasher: ReceiptHasher, receipt: str,
                                body: str) -> str:
    text = clean_text(body, "message", required=True, maximum=MAX_MESSAGE)
    assert text is not None
    digits = normalise_receipt(receipt)
    row = await repository.key_of_report_by_receipt(graph, await hasher.hash_async(digits)) if digits else None
    if row is None:
        raise NotFound()
    message_id = str(uuid.uuid4())
    sealed = sealer.seal_with(_wrapped(row["key"]), row["id"], {_message_field(message_id): text})
    await repository.add_message(graph, row["id"], message_id, MessageDirection.FROM_REPORTER.value,
                                 sealed[_message_field(message_id)] or "", {"user": None, "role": None, "org": None})
    return message_id


# ------------------------------------------------------------------------------------------- triage


def require_triage(scope: Scope) -> None:
    require(scope, Permission.TRIAGE_REPORTS)


def require_reader(scope: Scope) -> None:
    require(scope, Permission.READ_REPORTS)


def report_cursor(row: Record) -> str:
    return cursors.encode("report", str(row["receivedAt"]), row["id"])


async def list_reports(graph: Graph, scope: Scope, *, status: ReportStatus | None, after: str | None,
                       limit: int) -> list[Record]:
    """Reports visible to the caller, newest first."""
    require_reader(scope)
    position = cursors.decode(after, "report", str, str)
    return await repository.list_reports(graph, scope, status.value if status else None,
                                         (position[0], position[1]) if position else None, limit)


async def write_to_reporter_or_note(graph: Graph, sealer: Sealer, scope: Scope, report_id: str, body: str,
                                    direction: MessageDirection) -> str:
    require_triage(scope)
    text = clean_text(body, "message", required=True, maximum=MAX_MESSAGE)
    row = await repository.key_of_visible_report(graph, scope, report_id)
    if row is None:
        raise NotFound()
    message_id = str(uuid.uuid4())
    sealed = sealer.seal_with(_wrapped(row["key"]), row["id"], {_message_field(message_id): text})
    await repository.add_message(graph, row["id"], message_id, direction.value,
                                 sealed[_message_field(message_id)] or "", _actor(scope))
    return message_id


async def change_status(graph: Graph, scope: Scope, report_id: str, status: ReportStatus,
                        reason: str | None) -> dict[str, Any]:
    require_triage(scope)
    if status in {ReportStatus.LINKED_TO_CASE, ReportStatus.TRANSMITTED}:
        raise BadInput("reports.status_has_its_own_operation")
    current = await repository.status_of_visible_report(graph, scope, report_id)
    if current is None:
        raise NotFound()
    if status not in ALLOWED_TRANSITIONS[ReportStatus(current)]:
        raise Conflict("reports.illegal_transition", current=current, target=status.value)
    row = await repository.change_status(graph, scope, report_id, current, status.value, False,
                                         clean_text(reason, "reason", maximum=500), _actor(scope))
    if row is None:  # someone else moved it in between
        raise Conflict("reports.concurrent_change")
    return row


async def link_to_case(graph: Graph, scope: Scope, report_id: str, case_id: str) -> dict[str, Any]:
    require_triage(scope)
    current = await repository.status_of_visible_report(graph, scope, report_id)
    if current is None:
        raise NotFound()
    if ReportStatus.LINKED_TO_CASE not in ALLOWED_TRANSITIONS[ReportStatus(current)]:
        raise Conflict("reports.illegal_transition", current=current, target=ReportStatus.LINKED_TO_CASE.value)
    row = await repository.link_to_case(graph, scope, report_id, current, case_id, _actor(scope))
    if row is None:
        raise NotFound()
    return row


def open_report(sealer: Sealer, row: dict[str, Any]) -> dict[str, Any]:
    """Decrypt narrative, contact and messages of a report row read with its sealed fields."""
    key = _wrapped(row["key"])
    fields = sealer.open_subject(key, row["id"], {"narrative": row["narrativeSealed"],
                                                  "reporterContact": row["reporterContactSealed"]})
    messages = _open_messages(sealer, row["id"], key, row["messages"])
    return {**row, "narrative": fields["narrative"], "reporterContact": fields["reporterContact"],
            "messages": [{"direction": m["direction"], "body": body, "at": m["at"]} for m, body in messages]}


def content_hash(package: dict[str, Any]) -> str:
    canonical = json.dumps(package, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def report(graph: Graph, scope: Scope, report_id: str) -> Record | None:
    """A report the caller may read, or None."""
    require_reader(scope)
    return await repository.get_report(graph, scope, report_id)


async def report_with_sealed(graph: Graph, scope: Scope, report_id: str) -> Record:
    """A report the caller may read, with its sealed fields (opened by ``open_report``)."""
    require_reader(scope)
    row = await repository.get_report_with_sealed(graph, scope, report_id)
    if row is None:
        raise NotFound()
    return row


async def possible_duplicates(graph: Graph, scope: Scope, report_id: str) -> list[Record]:
    require_triage(scope)
    return await repository.possible_duplicates(graph, scope, report_id, DUPLICATE_WINDOW_DAYS)


async def custody_chain(graph: Graph, scope: Scope, report_id: str) -> list[Record]:
    require_triage(scope)
    rows = await repository.custody_chain(graph, scope, report_id)
    if not rows:
        raise NotFound()
    return rows
