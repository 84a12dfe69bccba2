"""Rules for perpetrators: HTCDS roles, the victim's relation (CTDC recruiterRelation), valid input, identity.

The identity (names, document or company registration number) is sealed under the perpetrator's own data key.
It is read, for a stated reason, by national roles and by the organisations owning a case that involves the
perpetrator (the read is audited); a court receives it only inside a transmission.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from api.common.codes import is_country
from api.common.text import clean_text
from api.errors import BadInput, Forbidden, NotFound
from api.identifiers import rules as identifiers
from api.victims.rules import AGE_BAND, MAX_ALIAS, SEXES, require_case_owner_role
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.identifiers import repository as identifier_repository
from graph.perpetrators import repository
from graph.protected.envelope import WrappedKey
from graph.protected.sealer import Sealer

IDENTITY_FIELDS = ("fullName", "otherNames", "documentNumber", "registrationNumber")


class PerpetratorKind(StrEnum):
    PERSON = "PERSON"
    COMPANY = "COMPANY"  # e.g. a recruitment agency


class PerpetratorRole(StrEnum):
    """HTCDS 2.0: a person's role in the trafficking process."""

    RECRUITER = "RECRUITER"
    TRANSPORTER = "TRANSPORTER"
    EXPLOITER = "EXPLOITER"
    BROKER = "BROKER"
    OTHER = "OTHER"


class VictimRelation(StrEnum):
    """CTDC recruiterRelation*: who the perpetrator was to the victim."""

    INTIMATE_PARTNER = "INTIMATE_PARTNER"
    FAMILY = "FAMILY"
    FRIEND = "FRIEND"
    OTHER = "OTHER"


def validated(fields: dict[str, Any]) -> dict[str, Any]:
    kind = PerpetratorKind(fields["kind"])
    sex = fields.get("sex") or "UNKNOWN"
    if sex not in SEXES:
        raise BadInput("casework.invalid_value", field="sex")
    nationality = clean_text(fields.get("nationality"), "nationality", maximum=2)
    if nationality is not None and not is_country(nationality):
        raise BadInput("casework.invalid_country")
    age_band = clean_text(fields.get("ageBand"), "ageBand", maximum=7)
    if age_band is not None and not AGE_BAND.match(age_band):
        raise BadInput("casework.invalid_age_band")
    return {"kind": kind.value, "alias": clean_text(fields.get("alias"), "alias", required=True, maximum=MAX_ALIAS),
            "sex": sex if kind is PerpetratorKind.PERSON else None, "nationality": nationality,
            "ageBand": age_band if kind is PerpetratorKind.PERSON else None}


def validated_identity(identity: dict[str, Any] | None) -> dict[str, str | None]:
    given = identity or {}
    return {name: clean_text(given.get(name), name, maximum=200) for name in IDENTITY_FIELDS}


async def add_perpetrator(graph: Graph, sealer: Sealer, scope: Scope, case_id: str, fields: dict[str, Any],
                          identity: dict[str, Any] | None, role: str, relation: str | None,
                          identifier_inputs: list[dict[str, Any]]) -> Record:
    """A new perpetrator in a case the caller may see, with sealed identity and identifiers, all or nothing."""
    require_case_owner_role(scope)
    values = validated(fields)
    plain = validated_identity(identity)
    rows = identifiers.sealed_rows(sealer, identifiers.canonical_all(identifier_inputs))
    perpetrator_id = str(uuid.uuid4())
    sealed = sealer.seal_subject(perpetrator_id, dict(plain))
    key = {"id": sealed.key.key_id, "kekId": sealed.key.kek_id, "wrapped": sealed.key.wrapped}
    name = plain.get("fullName")
    async with graph.transaction() as tx:
        record = await repository.create_perpetrator(tx, scope, {
            "caseId": case_id, "id": perpetrator_id, "fields": values, "sealed": sealed.fields, "key": key,
            "nameIndex": sealer.blind_index("name", name) if name else None,
            "role": PerpetratorRole(role).value, "relation": VictimRelation(relation).value if relation else None})
        if record is None:
            raise NotFound()
        if rows:
            await identifier_repository.attach_to_perpetrator(tx, scope, perpetrator_id, rows)
    return record


async def involve(graph: Graph, scope: Scope, case_id: str, perpetrator_id: str, role: str,
                  relation: str | None) -> Record:
    """The same perpetrator in another case (both must be visible to the caller)."""
    require_case_owner_role(scope)
    async with graph.transaction() as tx:
        record = await repository.involve_existing(tx, scope, case_id, perpetrator_id, PerpetratorRole(role).value,
                                                   VictimRelation(relation).value if relation else None)
    if record is None:
        raise NotFound()
    return record


def _reason(reason: str) -> str:
    why = clean_text(reason, "reason", required=True)
    if why is None or len(why) < 5:
        raise BadInput("casework.reason_required")
    return why


async def identity(graph: Graph, sealer: Sealer, scope: Scope, perpetrator_id: str, reason: str) -> dict[str, Any]:
    """National roles and owners of an involved case, for a stated reason (the guard audits the read)."""
    require_case_owner_role(scope)
    _reason(reason)
    row = await repository.read_identity(graph, scope, perpetrator_id)
    if row is None:
        raise NotFound()
    if row["key"] is None:
        return {}
    key = WrappedKey(key_id=row["key"]["id"], kek_id=row["key"]["kekId"], wrapped=row["key"]["wrapped"])
    return sealer.open_subject(key, perpetrator_id, row["sealed"])


async def erase_identity(graph: Graph, scope: Scope, perpetrator_id: str, reason: str) -> None:
    require_case_owner_role(scope)
    if not scope.national:
        raise Forbidden()
    _reason(reason)
    if not await repository.shred_identity(graph, scope, perpetrator_id):
        raise NotFound()


async def perpetrators_by_ids(graph: Graph, scope: Scope, ids: list[str]) -> dict[str, Record]:
    return {row["id"]: row for row in await repository.perpetrators_by_ids(graph, scope, ids)}
