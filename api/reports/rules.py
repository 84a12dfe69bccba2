"""Rules for reports: intake from every channel, the anonymous receipt, messages and triage."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import secrets
import uuid
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from limits import parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter

from api.errors import BadInput, Conflict, ErrorCode, Forbidden, HimayaError, NotFound, Unauthenticated
from graph.access.scope import ANONYMOUS, Role, Scope
from graph.db import Graph
from graph.protected.envelope import SealingError, WrappedKey
from graph.protected.sealer import Sealer
from graph.reports import repository
from seed.reference import read_reference

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

TRIAGE_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR})
SUBMITTING_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR, Role.CASE_WORKER, Role.PARTNER_AGENT})


class RateLimited(HimayaError):
    code = ErrorCode.RATE_LIMITED
    message_key = "error.rate_limited"


# ------------------------------------------------------------------------------------------- receipts


class ReceiptHasher:
    """A slow, keyed hash of the 16-digit receipt (argon2id with a server-wide salt), so it can be looked up
    without the plaintext ever being stored."""

    def __init__(self, salt: bytes, *, time_cost: int = 2, memory_cost_kib: int = 19_456) -> None:
        self._salt = salt
        self._time_cost = time_cost
        self._memory_cost = memory_cost_kib

    @classmethod
    def from_state_dir(cls, keys_dir: Path) -> ReceiptHasher:
        path = keys_dir / "receipt.salt"
        if not path.exists():
            keys_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(os.urandom(16))
        return cls(path.read_bytes())

    async def hash_async(self, receipt: str) -> str:
        """The slow hash in a worker thread, so one intake never stalls every other request."""
        return await asyncio.to_thread(self.hash, receipt)

    def hash(self, receipt: str) -> str:
        raw = hash_secret_raw(receipt.encode(), self._salt, time_cost=self._time_cost,
                              memory_cost=self._memory_cost, parallelism=1, hash_len=32, type=Type.ID)
        return raw.hex()


def new_receipt() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(RECEIPT_DIGITS))


def normalise_receipt(receipt: str) -> str | None:
    digits = "".join(ch for ch in receipt if ch.isdigit())
    if len(digits) != RECEIPT_DIGITS or len(receipt) > 40:
        return None
    return digits


# --------------------------------------------------------------------------------------- flood control


class PublicIntakeLimiter:
    """Bounds anonymous intake per client and overall, in memory only: the client key is an HMAC of the
    address under a key that lives only in this process, so nothing identifying is kept or stored."""

    def __init__(self, per_client: str = "5/10 minutes", overall: str = "120/minute") -> None:
        self._per_client = parse(per_client)
        self._overall = parse(overall)
        self.reset()

    def reset(self) -> None:
        """Forget every window (a fresh process does the same)."""
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._key = os.urandom(32)

    def _client_key(self, client: str | None) -> str:
        return hmac.new(self._key, (client or "unknown").encode(), hashlib.sha256).hexdigest()[:32]

    async def admit(self, client: str | None, action: str) -> None:
        client_item_ok = await self._limiter.hit(self._per_client, action, self._client_key(client))
        if not client_item_ok:
            raise RateLimited()
        if not await self._limiter.hit(self._overall, action, "all"):
            raise RateLimited()


# ------------------------------------------------------------------------------------------ validation


@dataclass(frozen=True)
class Catalogues:
    exploitation_forms: frozenset[str]
    indicators: frozenset[str]

    @classmethod
    def load(cls) -> Catalogues:
        forms = frozenset(item["code"] for item in read_reference("exploitation_forms.json")["items"])
        indicators = frozenset(item["code"] for item in read_reference("indicators.json")["items"])
        return cls(exploitation_forms=forms, indicators=indicators)


_CATALOGUES: Catalogues | None = None


def catalogues() -> Catalogues:
    global _CATALOGUES
    if _CATALOGUES is None:
        _CATALOGUES = Catalogues.load()
    return _CATALOGUES


def _bounded_text(value: str | None, maximum: int, field: str, *, required: bool = False) -> str | None:
    if value is None or not value.strip():
        if required:
            raise BadInput(detail=f"{field} is required")
        return None
    text = value.strip()
    if len(text) > maximum:
        raise BadInput(detail=f"{field} longer than {maximum} characters")
    if "\x00" in text:
        raise BadInput(detail=f"{field} contains invalid characters")
    return text


def _codes(values: list[str], allowed: frozenset[str], field: str) -> list[str]:
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise BadInput(detail=f"unknown {field}: {', '.join(v[:40] for v in unknown[:5])}")
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
    if scope.role not in SUBMITTING_ROLES:
        raise Forbidden()
    if submission.channel is ReportChannel.HOTLINE and scope.role not in TRIAGE_ROLES:
        raise Forbidden()


def validate(submission: ReportSubmission) -> dict[str, Any]:
    cats = catalogues()
    narrative = _bounded_text(submission.narrative, MAX_NARRATIVE, "narrative", required=True)
    if submission.persons_at_risk is not None and not 0 <= submission.persons_at_risk <= MAX_PERSONS:
        raise BadInput(detail="personsAtRisk out of range")
    if submission.occurred_on is not None and len(submission.occurred_on) > 10:
        raise BadInput(detail="occurredOn must be a date")
    return {
        "narrative": narrative,
        "governorate": submission.governorate.strip().upper()[:8],
        "place": _bounded_text(submission.place, MAX_PLACE, "place"),
        "occurredOn": submission.occurred_on,
        "exploitationForms": _codes(submission.exploitation_forms, cats.exploitation_forms, "exploitation forms"),
        "indicators": _codes(submission.indicators, cats.indicators, "indicators"),
        "personsAtRisk": submission.persons_at_risk,
        "minorsInvolved": submission.minors_involved,
        "urgency": submission.urgency.value,
        "reporterContact": _bounded_text(submission.reporter_contact, MAX_CONTACT, "reporterContact"),
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
    from api.sync.rules import client_id as checked_client_id
    from api.sync.rules import create_once

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
            raise BadInput(detail="unknown governorate") from exc
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
    text = _bounded_text(body, MAX_MESSAGE, "message", required=True)
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
    if not scope.authenticated:
        raise Unauthenticated()
    if scope.role not in TRIAGE_ROLES:
        raise Forbidden()


def require_reader(scope: Scope) -> None:
    if not scope.authenticated:
        raise Unauthenticated()
    if scope.role not in SUBMITTING_ROLES:
        raise Forbidden()


async def write_to_reporter_or_note(graph: Graph, sealer: Sealer, scope: Scope, report_id: str, body: str,
                                    direction: MessageDirection) -> str:
    require_triage(scope)
    text = _bounded_text(body, MAX_MESSAGE, "message", required=True)
    row = await repository.key_of_visible_report(graph, report_id, scope.params())
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
        raise BadInput(detail="use linkReportToCase or transmitReport for this status")
    current = await repository.status_of_visible_report(graph, report_id, scope.params())
    if current is None:
        raise NotFound()
    if status not in ALLOWED_TRANSITIONS[ReportStatus(current)]:
        raise Conflict("reports.illegal_transition", current=current, target=status.value)
    row = await repository.change_status(graph, report_id, current, status.value, False,
                                         _bounded_text(reason, 500, "reason"), _actor(scope), scope.params())
    if row is None:  # someone else moved it in between
        raise Conflict("reports.concurrent_change")
    return row


async def link_to_case(graph: Graph, scope: Scope, report_id: str, case_id: str) -> dict[str, Any]:
    require_triage(scope)
    current = await repository.status_of_visible_report(graph, report_id, scope.params())
    if current is None:
        raise NotFound()
    if ReportStatus.LINKED_TO_CASE not in ALLOWED_TRANSITIONS[ReportStatus(current)]:
        raise Conflict("reports.illegal_transition", current=current, target=ReportStatus.LINKED_TO_CASE.value)
    row = await repository.link_to_case(graph, report_id, current, case_id, _actor(scope), scope.params())
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
