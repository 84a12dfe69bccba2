"""Rules for victims: who may record and read them, what a valid victim is, and access to identity."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from api.authz.checks import require
from api.common.codes import is_country, is_language
from api.common.records import client_id as checked_client_id
from api.common.records import create_once
from api.common.text import clean_text
from api.errors import BadInput, Conflict, Forbidden, NotFound
from graph.access.permissions import Permission
from graph.access.scope import Scope
from graph.consents import repository as consents
from graph.db import Graph, Record
from graph.protected.sealer import Sealer
from graph.victims import repository

SEXES = frozenset({"FEMALE", "MALE", "OTHER", "UNKNOWN"})
PRECISIONS = frozenset({"YEAR", "MONTH", "DAY", "UNKNOWN"})
AGE_BAND = re.compile(r"^([0-9]{1,3})(?:-([0-9]{1,3})|\+)$")
MAX_ALIAS = 80
MAX_TEXT = 500
MAX_LIST = 20
MAX_AGE = 120
ADULT_AGE = 18


def require_casework(scope: Scope) -> None:
    """Person-level data needs a signed-in caller whose role works with people."""
    require(scope, Permission.READ_CASEWORK)


def require_case_owner_role(scope: Scope) -> None:
    """Recording victims and opening cases: case workers, coordinators and administrators."""
    require(scope, Permission.MANAGE_CASES)


def age_range(age_band: str | None, birth_year: int | None, today: dt.date) -> tuple[int | None, int | None]:
    """The youngest and oldest the victim may be (None when unknown)."""
    if birth_year is not None:
        return today.year - birth_year - 1, today.year - birth_year
    if age_band is None:
        return None, None
    match = AGE_BAND.match(age_band)
    assert match is not None
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def validated_victim(fields: dict[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    today = today or dt.datetime.now(dt.UTC).date()
    sex = fields.get("sex") or "UNKNOWN"
    if sex not in SEXES:
        raise BadInput("casework.invalid_value", field="sex")
    age_band = clean_text(fields.get("ageBand"), "ageBand", maximum=7)
    if age_band is not None:
        match = AGE_BAND.match(age_band)
        if match is None or (match.group(2) and int(match.group(2)) < int(match.group(1))) or int(
                match.group(1)) > MAX_AGE:
            raise BadInput("casework.invalid_age_band")
    birth_year = fields.get("birthYear")
    if birth_year is not None and not today.year - MAX_AGE <= birth_year <= today.year:
        raise BadInput("casework.invalid_birth_year")
    precision = fields.get("birthDatePrecision") or ("YEAR" if birth_year is not None else "UNKNOWN")
    if precision not in PRECISIONS:
        raise BadInput("casework.invalid_value", field="birthDatePrecision")
    _, high = age_range(age_band, birth_year, today)
    minor = fields.get("minor")
    if minor is None:
        minor = high is not None and high < ADULT_AGE
    elif not minor and high is not None and high < ADULT_AGE:
        raise BadInput("casework.minor_mismatch")
    nationality = clean_text(fields.get("nationality"), "nationality", maximum=2)
    if nationality is not None and not is_country(nationality):
        raise BadInput("casework.invalid_country")
    languages = sorted({code.strip() for code in fields.get("languages") or []})
    if len(languages) > MAX_LIST or not all(is_language(code) for code in languages):
        raise BadInput("casework.invalid_language")
    needs = sorted({n for n in (clean_text(x, "specialNeeds", maximum=100) for x in fields.get("specialNeeds") or [])
                    if n})
    if len(needs) > MAX_LIST:
        raise BadInput("text.field_too_long", field="specialNeeds", maximum=MAX_LIST)
    return {
        "alias": clean_text(fields.get("alias"), "alias", required=True, maximum=MAX_ALIAS),
        "sex": sex, "ageBand": age_band, "birthYear": birth_year, "birthDatePrecision": precision,
        "minor": bool(minor), "nationality": nationality, "languages": languages, "specialNeeds": needs,
    }


def validated_identity(fields: dict[str, Any] | None) -> dict[str, Any] | None:
    if fields is None:
        return None
    identity = {key: clean_text(fields.get(key), key, maximum=200)
                for key in ("fullName", "documentNumber", "phone", "address")}
    if all(value is None for value in identity.values()):
        return None
    return identity


async def register_victim(graph: Graph, sealer: Sealer, scope: Scope, fields: dict[str, Any],
                          identity: dict[str, Any] | None, client_id: object | None = None) -> Record:
    """With a client id, registering again returns the victim made the first time (see api/sync/rules.py)."""
    require_case_owner_role(scope)
    if scope.organization_id is None:
        raise Forbidden("casework.no_organization")
    victim = validated_victim(fields)
    sealed = validated_identity(identity)

    async def create(chosen_id: str | None) -> Record:
        async with graph.transaction() as tx:
            record = await repository.create_victim(tx, scope, {**victim, "clientId": chosen_id})
            if sealed is not None:
                await repository.write_identity(tx, sealer, record["id"], sealed)
        return record

    return await create_once(graph, scope, "Victim", checked_client_id(client_id), create, lambda found: found)


async def victim(graph: Graph, scope: Scope, victim_id: str) -> Record | None:
    require_casework(scope)
    return await repository.victim_by_id(graph, scope, victim_id)


async def victim_identity(graph: Graph, sealer: Sealer, scope: Scope, victim_id: str,
                          reason: str) -> dict[str, Any]:
    """National roles, or the organisation owning the victim's case, for a stated reason (kept on the victim's
    record; the guard audits the read). Another organisation's victim is not found."""
    require_casework(scope)
    if not scope.can(Permission.READ_RECORDED_IDENTITY):
        raise Forbidden()
    why = clean_text(reason, "reason", required=True, maximum=MAX_TEXT)
    if why is None or len(why) < 5:
        raise BadInput("casework.reason_required")
    identity = await repository.read_identity(graph, sealer, scope, victim_id, why)
    if identity is None:
        raise NotFound()
    return identity


async def identity_matches(graph: Graph, scope: Scope, victim_id: str) -> list[Record]:
    """National roles only: possible duplicates of a victim across organisations, by blind index."""
    require_casework(scope)
    if not scope.national:
        raise Forbidden()
    return await repository.identity_matches(graph, scope, victim_id)


async def erase_identity(graph: Graph, scope: Scope, victim_id: str, reason: str) -> None:
    """National roles only: destroy the identity's data key so its ciphertext can never be read again."""
    require_casework(scope)
    if not scope.national:
        raise Forbidden()
    why = clean_text(reason, "reason", required=True, maximum=MAX_TEXT)
    if why is None or len(why) < 5:
        raise BadInput("casework.reason_required")
    if not await repository.shred_identity(graph, scope, victim_id):
        raise NotFound()


CONSENT_PURPOSES = frozenset({"REFERRAL", "INFORMATION_SHARING", "ASSISTANCE", "PROSECUTION"})


async def record_consent(graph: Graph, scope: Scope, victim_id: str, organization_code: str, purpose: str,
                         expires_at: dt.datetime | None) -> Record:
    require_case_owner_role(scope)
    if purpose not in CONSENT_PURPOSES:
        raise BadInput("casework.invalid_value", field="purpose")
    if expires_at is not None:
        if expires_at.tzinfo is None:
            raise BadInput("casework.invalid_value", field="expiresAt")
        if expires_at <= dt.datetime.now(dt.UTC):
            raise BadInput("casework.expiry_in_past")
    code = (organization_code or "").strip()
    if not re.fullmatch(r"[A-Z][A-Z0-9-]{1,29}", code):
        raise NotFound()
    row = await consents.record_consent(graph, scope, {"victimId": victim_id, "organizationCode": code,
                                                       "purpose": purpose, "expiresAt": expires_at,
                                                       "id": str(uuid.uuid4())})
    if row is None or not row["organizationFound"]:
        raise NotFound()
    record: Record = row["consent"]
    return record


async def revoke_consent(graph: Graph, scope: Scope, consent_id: str) -> Record:
    require_case_owner_role(scope)
    row = await consents.revoke_consent(graph, scope, consent_id)
    if row is None:
        raise NotFound()
    if row["alreadyRevoked"]:
        raise Conflict("casework.consent_already_revoked")
    record: Record = row["consent"]
    return record


async def consents_by_victim_ids(graph: Graph, scope: Scope, ids: list[str]) -> dict[str, list[Record]]:
    found: dict[str, list[Record]] = {i: [] for i in ids}
    for row in await consents.consents_by_victim_ids(graph, scope, ids):
        found.setdefault(row["victimId"], []).append(row)
    return found
