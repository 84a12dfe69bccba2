"""Rules for referrals (lifecycle, who acts, capacity) and for finding assistance (reasons in plain words)."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from functools import cache
from typing import Any

from babel import Locale

from api.audit import log as audit
from api.common import cursors
from api.common.records import client_id as checked_client_id
from api.common.records import create_once
from api.common.text import clean_text
from api.errors import BadInput, Conflict, Forbidden, NotFound
from api.graphql.relay import to_global_id
from api.i18n import Language, translate
from api.logging_setup import request_id_var
from api.protection import default_sealer
from api.reference import catalogues
from api.victims.rules import require_case_owner_role, require_casework
from graph.access.permissions import Permission
from graph.access.scope import Scope
from graph.assistance import repository as assistance
from graph.db import Graph, Record
from graph.protected.sealer import Sealer
from graph.referrals import repository


class ReferralStatus(StrEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class Urgency(StrEnum):
    ROUTINE = "ROUTINE"
    PRIORITY = "PRIORITY"
    URGENT = "URGENT"


class DeclineReason(StrEnum):
    """The catalogue in seed/reference/decline_reasons.json (labels in fr, ar, en)."""

    NO_CAPACITY = "NO_CAPACITY"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    NOT_ELIGIBLE_AGE = "NOT_ELIGIBLE_AGE"
    NOT_ELIGIBLE_SEX = "NOT_ELIGIBLE_SEX"
    NOT_ELIGIBLE_LANGUAGE = "NOT_ELIGIBLE_LANGUAGE"
    NOT_ELIGIBLE_NATIONALITY = "NOT_ELIGIBLE_NATIONALITY"
    OUT_OF_AREA = "OUT_OF_AREA"
    SAFETY_RISK = "SAFETY_RISK"
    VICTIM_REFUSED = "VICTIM_REFUSED"
    UNREACHABLE = "UNREACHABLE"
    DUPLICATE = "DUPLICATE"
    OTHER = "OTHER"


class OverrideReason(StrEnum):
    """Why a referral is made without the victim's consent (an emergency override)."""

    IMMINENT_DANGER = "IMMINENT_DANGER"
    MEDICAL_EMERGENCY = "MEDICAL_EMERGENCY"
    UNACCOMPANIED_MINOR = "UNACCOMPANIED_MINOR"
    UNABLE_TO_CONSENT = "UNABLE_TO_CONSENT"


# Who may refer without consent in an emergency: Permission.REFER_WITHOUT_CONSENT (the people doing casework, not
# technical administrators). Every override is audited and told to the coordinators.
MIN_OVERRIDE_REASON = 10
# Why createReferral was refused, by the state of the victim's consent to the receiving organisation.
CONSENT_REFUSALS = {"NONE": "consent.referral_none", "EXPIRED": "consent.referral_expired",
                    "REVOKED": "consent.referral_revoked", "WRONG_PURPOSE": "consent.referral_wrong_purpose"}


TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.PENDING: frozenset({ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.CANCELLED}),
    ReferralStatus.ACCEPTED: frozenset({ReferralStatus.COMPLETED, ReferralStatus.CANCELLED}),
    ReferralStatus.DECLINED: frozenset(),
    ReferralStatus.COMPLETED: frozenset(),
    ReferralStatus.CANCELLED: frozenset(),
}
# Who may make each move: the provider of the service, or the organisation that owns the case.
PROVIDER, SENDER = "PROVIDER", "SENDER"
MAX_CATEGORIES = 14
MAX_MATCHES = 50


def allowed_from(target: ReferralStatus) -> list[str]:
    return sorted(state.value for state, nexts in TRANSITIONS.items() if target in nexts)


def referral_cursor(row: Record) -> str:
    return cursors.encode("referral", row["cursorMillis"], row["item"]["id"])


def checked_override(scope: Scope, code: OverrideReason | None, reason: str | None) -> tuple[str, str] | None:
    """An emergency override: allowed roles only, with a reason code and a reason in words."""
    if code is None:
        return None
    if not scope.can(Permission.REFER_WITHOUT_CONSENT):
        raise Forbidden("consent.override_not_allowed")
    why = clean_text(reason, "reason", maximum=500)
    if why is None or len(why) < MIN_OVERRIDE_REASON:
        raise BadInput("consent.override_reason_required")
    return code.value, why


async def create_referral(graph: Graph, scope: Scope, case_id: str, service_id: str, urgency: Urgency,
                          note: str | None, client_id: object | None = None,
                          override: tuple[str, str] | None = None, *, sealer: Sealer | None = None) -> Record:
    """Needs the victim's REFERRAL consent to the receiving organisation, or an emergency override (audited).
    With a client id, referring again returns the referral made the first time. The note is stored sealed."""
    require_case_owner_role(scope)
    cleaned_note = clean_text(note, "note", maximum=1000)

    async def create(chosen_id: str | None) -> Record:
        referral_id = chosen_id or str(uuid.uuid4())
        note_key, note_sealed = (sealer or default_sealer()).seal_field(referral_id, "note", cleaned_note)
        row = await repository.create_referral(graph, scope, {
            "id": referral_id, "caseId": case_id, "serviceId": service_id,
            "urgency": urgency.value, "noteSealed": note_sealed, "noteKey": note_key, "alertId": str(uuid.uuid4()),
            "override": override is not None, "overrideCode": override[0] if override else None,
            "overrideReason": override[1] if override else None})
        if row is None or row["outcome"] == "SERVICE_NOT_FOUND":
            raise NotFound()
        if row["outcome"] == "CASE_CLOSED":
            raise Conflict("casework.case_closed")
        if row["outcome"] == "SERVICE_INACTIVE":
            raise Conflict("casework.service_inactive")
        if row["outcome"] == "NO_CONSENT":
            raise Forbidden(CONSENT_REFUSALS[row["consent"]])
        if row["outcome"] == "DUPLICATE":
            raise Conflict("casework.referral_duplicate")
        record: Record = row["referral"]
        if record.get("emergencyOverride"):
            await audit_override(graph, scope, record["id"], case_id, override)
        return record

    return await create_once(graph, scope, "Referral", checked_client_id(client_id), create, lambda found: found)


async def audit_override(graph: Graph, scope: Scope, referral_id: str, case_id: str,
                         override: tuple[str, str] | None) -> None:
    """An emergency override gets its own audit entry, with its code and reason."""
    code, why = override or ("", "")
    await audit.append(graph, audit.AuditEntry.of(scope, "referral.emergencyOverride", audit.OK,
                                                  target=[to_global_id("Referral", referral_id),
                                                          to_global_id("Case", case_id)], reason=f"{code}: {why}",
                                                  request_id=request_id_var.get()))


async def _transition(graph: Graph, scope: Scope, referral_id: str, *, actor: str, to: ReferralStatus,
                      fields: dict[str, Any], reserve: bool = False, release: bool = False,
                      step_code: str | None = None, capacity_threshold: int = 0) -> Record:
    row = await repository.transition_referral(graph, scope, referral_id, actor=actor, allowed_from=allowed_from(to),
                                               to=to.value, fields=fields, reserve=reserve, release=release,
                                               step_code=step_code, capacity_threshold=capacity_threshold)
    if row is None:
        raise NotFound()
    if row["outcome"] == "FORBIDDEN":
        raise Forbidden()
    if row["outcome"] == "ILLEGAL":
        raise Conflict("casework.referral_transition", current=row["previous"], target=to.value)
    if row["outcome"] == "NO_CAPACITY":
        raise Conflict("casework.no_capacity")
    record: Record = row["referral"]
    return record


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def respond_to_referral(graph: Graph, scope: Scope, referral_id: str, accept: bool,
                              reason: DeclineReason | None, *, capacity_low_threshold: int) -> Record:
    """Accepting reserves one unit of the service's capacity, atomically; declining records why."""
    require_casework(scope)
    if accept:
        fields: dict[str, Any] = {"respondedAt": _now(), "respondedBy": scope.user_id}
        return await _transition(graph, scope, referral_id, actor=PROVIDER, to=ReferralStatus.ACCEPTED,
                                 fields=fields, reserve=True, capacity_threshold=capacity_low_threshold)
    if reason is None:
        raise BadInput("casework.decline_reason_required")
    fields = {"respondedAt": _now(), "respondedBy": scope.user_id, "declineReason": reason.value}
    return await _transition(graph, scope, referral_id, actor=PROVIDER, to=ReferralStatus.DECLINED, fields=fields,
                             step_code=reason.value)


async def complete_referral(graph: Graph, scope: Scope, referral_id: str, outcome: str) -> Record:
    """The service was delivered: the reserved unit is released."""
    require_casework(scope)
    fields = {"completedAt": _now(), "completedBy": scope.user_id,
              "outcome": clean_text(outcome, "outcome", required=True, maximum=1000)}
    return await _transition(graph, scope, referral_id, actor=PROVIDER, to=ReferralStatus.COMPLETED, fields=fields,
                             release=True)


async def cancel_referral(graph: Graph, scope: Scope, referral_id: str, reason: str) -> Record:
    """The sending side withdraws: a reserved unit is released."""
    require_case_owner_role(scope)
    fields = {"cancelledAt": _now(), "cancelledBy": scope.user_id,
              "cancelReason": clean_text(reason, "reason", required=True, maximum=500)}
    return await _transition(graph, scope, referral_id, actor=SENDER, to=ReferralStatus.CANCELLED, fields=fields,
                             release=True)


async def list_referrals(graph: Graph, scope: Scope, *, status: str | None, direction: str | None,
                         after: str | None, limit: int) -> tuple[int, list[Record]]:
    require_casework(scope)
    return await repository.list_referrals(graph, scope, status=status, direction=direction,
                                           after=cursors.decode(after, "referral", int, str), limit=limit)


async def referrals_by_case_ids(graph: Graph, scope: Scope, ids: list[str]) -> dict[str, list[Record]]:
    found: dict[str, list[Record]] = {i: [] for i in ids}
    for row in await repository.referrals_by_case_ids(graph, scope, ids):
        found.setdefault(row["caseId"], []).append(row)
    return found


# ----- finding assistance -----


def _categories(categories: list[str], first: int) -> None:
    if not categories:
        raise BadInput("casework.categories_required")
    if len(categories) > MAX_CATEGORIES:
        raise BadInput("text.field_too_long", field="categories", maximum=MAX_CATEGORIES)
    if not 1 <= first <= MAX_MATCHES:
        raise BadInput("error.page_too_large", maximum=MAX_MATCHES)


async def find_assistance(graph: Graph, scope: Scope, case_id: str, categories: list[str], first: int,
                          language: Language) -> list[Record]:
    """Eligible services ranked best first, each with its reasons in the caller's language."""
    require_casework(scope)
    _categories(categories, first)
    rows = await assistance.find_assistance(graph, scope, case_id, sorted(set(categories)), first)
    if rows is None:
        raise NotFound()
    return [{**row, "reasons": match_reasons(row, language)} for row in rows]


async def assistance_exclusions(graph: Graph, scope: Scope, case_id: str, categories: list[str], first: int,
                                language: Language) -> list[Record]:
    """The nearest services left out, each with why, in the caller's language."""
    require_casework(scope)
    _categories(categories, first)
    rows = await assistance.assistance_exclusions(graph, scope, case_id, sorted(set(categories)), first)
    if rows is None:
        raise NotFound()
    result = []
    for row in rows:
        codes = [key for key in CHECK_ORDER if not row["checks"].get(key, True)]
        result.append({**row, "codes": codes, "reasons": [exclusion_reason(code, row, language) for code in codes]})
    return result


CHECK_ORDER = ("active", "capacity", "area", "sex", "minAge", "maxAge", "minors", "nationalityExcluded",
               "nationalityOnly", "language", "exploitation")


@cache
def _locale(language: Language) -> Locale:
    return Locale(language.value)


@cache
def _exploitation_labels() -> dict[str, dict[str, str]]:
    return {item["code"]: item["labels"] for item in catalogues.items("exploitation_forms.json")}


def _governorate_name(governorate: dict[str, Any] | None, language: Language) -> str:
    if not governorate:
        return ""
    key = {"fr": "nameFr", "ar": "nameAr", "en": "nameEn"}[language.value]
    return str(governorate.get(key) or governorate.get("code") or "")


def _language_names(codes: list[str], language: Language) -> str:
    names = _locale(language).languages
    return ", ".join(str(names.get(code, code)) for code in codes)


def _country_names(codes: list[str], language: Language) -> str:
    names = _locale(language).territories
    return ", ".join(str(names.get(code, code)) for code in codes)


def match_reasons(row: Record, language: Language) -> list[str]:
    case_place = _governorate_name(row["caseGovernorate"], language)
    reasons = []
    if row["inGovernorate"]:
        reasons.append(translate("assistance.reason.same_governorate", language, governorate=case_place))
    elif row["covers"]:
        reasons.append(translate("assistance.reason.covers", language, governorate=case_place))
    else:
        reasons.append(translate("assistance.reason.adjacent", language,
                                 governorate=_governorate_name(row["home"], language)))
    if row["distanceKm"] is not None:
        reasons.append(translate("assistance.reason.distance", language, km=round(row["distanceKm"])))
    reasons.append(translate("assistance.reason.capacity", language, count=row["capacityAvailable"]))
    if row["sharedLanguages"]:
        reasons.append(translate("assistance.reason.language", language,
                                 languages=_language_names(row["sharedLanguages"], language)))
    key = "assistance.reason.consent_on_file" if row["hasConsent"] else "assistance.reason.needs_consent"
    reasons.append(translate(key, language, organization=row["organizationName"] or ""))
    return reasons


def exclusion_reason(code: str, row: Record, language: Language) -> str:
    service, victim = row["service"], row["victim"]
    params: dict[str, object] = {}
    if code == "area":
        params["governorate"] = _governorate_name(row["caseGovernorate"], language)
    elif code == "sex":
        params["sex"] = translate(f"casework.sex.{victim['sex'] or 'UNKNOWN'}", language)
    elif code == "minAge":
        params["age"] = service["minAge"]
    elif code == "maxAge":
        params["age"] = service["maxAge"]
    elif code == "nationalityExcluded":
        params["country"] = _country_names([victim["nationality"]], language)
    elif code == "nationalityOnly":
        params["countries"] = _country_names(service["nationalitiesOnly"] or [], language)
    elif code == "language":
        params["languages"] = _language_names(victim["languages"], language)
    elif code == "exploitation":
        labels = _exploitation_labels()
        params["forms"] = ", ".join(labels.get(f, {}).get(language.value, f) for f in victim["exploitationForms"])
    return translate(f"assistance.excluded.{code}", language, **params)


async def referral(graph: Graph, scope: Scope, referral_id: str) -> Record | None:
    """A referral the caller may see, or None."""
    require_casework(scope)
    return await repository.referral_by_id(graph, scope, referral_id)


async def profiles_by_referral_ids(graph: Graph, scope: Scope, ids: list[str]) -> dict[str, Record]:
    """The need-to-know profile behind each referral the caller may see it for (see graph/access)."""
    return await repository.profiles_by_referral_ids(graph, scope, ids)


async def steps_by_referral_ids(graph: Graph, scope: Scope, ids: list[str]) -> dict[str, list[Record]]:
    return await repository.steps_by_referral_ids(graph, scope, ids)
