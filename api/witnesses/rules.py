"""Rules for protected persons (witnesses, whistleblowers), their risk assessment and protection measures.

Identity (name, contact) is sealed under the person's own key and opened only by national roles and the recording
organisation, for a stated reason (audited). A transmission carries it only when an ACTIVE measure
IDENTITY_DISCLOSURE_TO_COURT allows it and no ACTIVE IDENTITY_WITHHELD measure forbids it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from api.common.text import clean_text
from api.errors import BadInput, Forbidden, NotFound
from api.protection import default_sealer
from api.settings import Settings
from api.victims.rules import MAX_ALIAS, require_case_owner_role, require_casework
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.protected.envelope import WrappedKey
from graph.protected.sealer import Sealer
from graph.witnesses import repository

MAX_FACTORS = 10


class ProtectedRole(StrEnum):
    WITNESS = "WITNESS"
    WHISTLEBLOWER = "WHISTLEBLOWER"


class RiskLevel(StrEnum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    CRITICAL = "CRITICAL"


class RiskFactor(StrEnum):
    THREATS_RECEIVED = "THREATS_RECEIVED"
    PERPETRATOR_AT_LARGE = "PERPETRATOR_AT_LARGE"
    PERPETRATOR_KNOWS_IDENTITY = "PERPETRATOR_KNOWS_IDENTITY"
    FAMILY_AT_RISK = "FAMILY_AT_RISK"
    PRIOR_VIOLENCE = "PRIOR_VIOLENCE"
    MINOR = "MINOR"
    OTHER = "OTHER"


class MeasureKind(StrEnum):
    IDENTITY_WITHHELD = "IDENTITY_WITHHELD"
    IDENTITY_DISCLOSURE_TO_COURT = "IDENTITY_DISCLOSURE_TO_COURT"
    RELOCATION = "RELOCATION"
    POLICE_PROTECTION = "POLICE_PROTECTION"
    PSYCHOLOGICAL_SUPPORT = "PSYCHOLOGICAL_SUPPORT"
    LEGAL_AID = "LEGAL_AID"
    REMOTE_TESTIMONY = "REMOTE_TESTIMONY"
    OTHER = "OTHER"


class MeasureStatus(StrEnum):
    PLANNED = "PLANNED"
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    ENDED = "ENDED"


def identity_may_travel(measures: list[dict[str, Any]]) -> bool:
    """Whether a transmission may carry this person's identity: an active measure must allow it, none forbid it."""
    active = {m.get("kind") for m in measures if m.get("status") == MeasureStatus.ACTIVE.value}
    allowed = MeasureKind.IDENTITY_DISCLOSURE_TO_COURT.value in active
    return allowed and MeasureKind.IDENTITY_WITHHELD.value not in active


def _factors(values: list[str]) -> list[str]:
    factors = sorted({RiskFactor(v).value for v in values})
    if len(factors) > MAX_FACTORS:
        raise BadInput("text.field_too_long", field="riskFactors", maximum=MAX_FACTORS)
    return factors


def _review(review_due: dt.date | None) -> dt.date | None:
    if review_due is not None and review_due < dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1):
        raise BadInput("witnesses.review_in_past")
    return review_due


async def record(graph: Graph, sealer: Sealer, scope: Scope, *, case_id: str | None, report_id: str | None,
                 fields: dict[str, Any], identity: dict[str, Any] | None) -> Record:
    """A witness or whistleblower, in a case the caller may see or (national roles) a report."""
    require_case_owner_role(scope)
    if (case_id is None) == (report_id is None):
        raise BadInput("witnesses.one_target")
    if report_id is not None and not scope.national:
        raise Forbidden()
    given = identity or {}
    plain = {"fullName": clean_text(given.get("fullName"), "fullName", maximum=200),
             "contact": clean_text(given.get("contact"), "contact", maximum=200)}
    person_id = str(uuid.uuid4())
    sealed = sealer.seal_subject(person_id, plain)
    values = {"role": ProtectedRole(fields["role"]).value,
              "alias": clean_text(fields.get("alias"), "alias", required=True, maximum=MAX_ALIAS),
              "riskLevel": RiskLevel(fields["riskLevel"]).value,
              "riskFactors": _factors(fields.get("riskFactors") or [])}
    row = await repository.record(graph, scope, "Case" if case_id else "Report", case_id or report_id or "", {
        "id": person_id, "fields": values, "sealed": sealed.fields,
        "key": {"id": sealed.key.key_id, "kekId": sealed.key.kek_id, "wrapped": sealed.key.wrapped}})
    if row is None:
        raise NotFound()
    return row


async def add_measure(graph: Graph, scope: Scope, person_id: str, fields: dict[str, Any], *,
                      sealer: Sealer | None = None) -> Record:
    """A measure for a person the caller may protect; its note (where the person went, who guards them) sealed."""
    require_case_owner_role(scope)
    measure_id = str(uuid.uuid4())
    note_key, note_sealed = (sealer or default_sealer()).seal_field(
        measure_id, "note", clean_text(fields.get("note"), "note", maximum=500))
    measure = {"id": measure_id, "kind": MeasureKind(fields["kind"]).value,
               "status": MeasureStatus(fields.get("status") or "PLANNED").value,
               "responsibleBody": clean_text(fields.get("responsibleBody"), "responsibleBody", required=True,
                                             maximum=120),
               "reviewDue": _review(fields.get("reviewDue")), "noteSealed": note_sealed, "noteKey": note_key}
    row = await repository.add_measure(graph, scope, person_id, measure)
    if row is None:
        raise NotFound()
    return row


async def update_measure(graph: Graph, scope: Scope, measure_id: str, status: str | None,
                         review_due: dt.date | None) -> Record:
    require_case_owner_role(scope)
    if status is None and review_due is None:
        raise BadInput("witnesses.nothing_to_change")
    row = await repository.update_measure(graph, scope, measure_id, MeasureStatus(status).value if status else None,
                                          _review(review_due))
    if row is None:
        raise NotFound()
    return row


async def assess_risk(graph: Graph, scope: Scope, person_id: str, level: str, factors: list[str]) -> Record:
    require_case_owner_role(scope)
    row = await repository.assess_risk(graph, scope, person_id, RiskLevel(level).value, _factors(factors))
    if row is None:
        raise NotFound()
    return row


async def person(graph: Graph, scope: Scope, person_id: str) -> Record | None:
    require_casework(scope)
    return await repository.by_id(graph, scope, person_id)


async def identity(graph: Graph, sealer: Sealer, scope: Scope, person_id: str, reason: str) -> dict[str, Any]:
    """National roles and the recording organisation, for a stated reason (the guard audits the read)."""
    require_case_owner_role(scope)
    why = clean_text(reason, "reason", required=True)
    if why is None or len(why) < 5:
        raise BadInput("casework.reason_required")
    row = await repository.read_identity(graph, scope, person_id)
    if row is None:
        raise NotFound()
    if row["key"] is None:
        return {}
    key = WrappedKey(key_id=row["key"]["id"], kek_id=row["key"]["kekId"], wrapped=row["key"]["wrapped"])
    return sealer.open_subject(key, person_id, row["sealed"])


async def raise_reviews_due(graph: Graph, settings: Settings, *, limit: int = 200) -> int:
    """PROTECTION_REVIEW_DUE, once per measure and review date, within HIMAYA_PROTECTION_REVIEW_NOTICE_DAYS."""
    return await repository.raise_reviews_due(graph, notice_days=settings.protection_review_notice_days, limit=limit)
