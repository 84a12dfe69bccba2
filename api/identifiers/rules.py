"""Rules for identifiers: the valid formats, their canonical forms (for the blind index) and who reads the values.

Canonical forms: phones in E.164 (``phonenumbers``; national numbers are read as Tunisian), e-mail addresses
lower-cased, online accounts as platform + folded handle (no leading @, NFKC, case-folded), vehicle plates as
country (ISO-3) + letters and digits, bank and transfer references as upper-case letters and digits, addresses
folded like names. The blind index is the keyed HMAC of ``identifier:<KIND>`` and that canonical form; the sealed
value is the canonical form too, so every organisation reads the same normalised value.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import phonenumbers
import pycountry

from api.audit import log as audit
from api.errors import BadInput, NotFound
from api.logging_setup import request_id_var
from api.victims.rules import require_case_owner_role
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.identifiers import repository
from graph.protected.envelope import SealingError, WrappedKey
from graph.protected.sealer import Sealer, normalise

DEFAULT_PHONE_REGION = "TN"
MAX_IDENTIFIERS = 20
MAX_VALUE = 200
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
EMAIL = re.compile(r"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@" + _LABEL + r"(?:\." + _LABEL + r")+$")
TUNISIAN_PLATE = re.compile(r"^(\d{1,3})(?:TU|TN|تونس)(\d{1,4})$")
TUNISIAN_SPECIAL_PLATE = re.compile(r"^(\d{1,6})(RS|NT)$")
FOREIGN_PLATE = re.compile(r"^(?=.*\d)[A-Z0-9]{2,10}$")
HANDLE = re.compile(r"^[\w.\-]{1,100}$")
REFERENCE = re.compile(r"^[A-Z0-9]{4,40}$")


class IdentifierKind(StrEnum):
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    ONLINE_ACCOUNT = "ONLINE_ACCOUNT"
    VEHICLE_PLATE = "VEHICLE_PLATE"
    BANK_ACCOUNT = "BANK_ACCOUNT"
    MONEY_TRANSFER = "MONEY_TRANSFER"
    ADDRESS = "ADDRESS"


class Platform(StrEnum):
    """Where an online account lives (HTCDS: recruitment websites and apps)."""

    FACEBOOK = "FACEBOOK"
    INSTAGRAM = "INSTAGRAM"
    TIKTOK = "TIKTOK"
    WHATSAPP = "WHATSAPP"
    TELEGRAM = "TELEGRAM"
    SNAPCHAT = "SNAPCHAT"
    X = "X"
    VIBER = "VIBER"
    IMO = "IMO"
    JOB_SITE = "JOB_SITE"
    OTHER = "OTHER"


@dataclass(frozen=True)
class Canonical:
    kind: IdentifierKind
    value: str
    platform: str | None = None

    @property
    def index_subject(self) -> str:
        return f"{self.platform}:{self.value}" if self.platform else self.value


def is_iso3(code: str) -> bool:
    return len(code) == 3 and code.isascii() and code.isupper() and pycountry.countries.get(alpha_3=code) is not None


def _phone(value: str) -> str:
    try:
        parsed = phonenumbers.parse(value, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException as exc:
        raise BadInput("identifiers.invalid_phone") from exc
    if not phonenumbers.is_valid_number(parsed):
        raise BadInput("identifiers.invalid_phone")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _email(value: str) -> str:
    folded = unicodedata.normalize("NFKC", value).strip().lower()
    if len(folded) > 254 or not EMAIL.match(folded):
        raise BadInput("identifiers.invalid_email")
    return folded


def _plate(value: str, country: str | None) -> str:
    folded = re.sub(r"[\s\-·.]", "", unicodedata.normalize("NFKC", value)).upper()
    land = (country or "TUN").strip().upper()
    if not is_iso3(land):
        raise BadInput("identifiers.invalid_plate")
    if land == "TUN":
        regular = TUNISIAN_PLATE.match(folded)
        if regular:
            return f"TUN:{int(regular.group(1))}TU{int(regular.group(2))}"
        special = TUNISIAN_SPECIAL_PLATE.match(folded)
        if special:
            return f"TUN:{int(special.group(1))}{special.group(2)}"
        raise BadInput("identifiers.invalid_plate")
    if not FOREIGN_PLATE.match(folded):
        raise BadInput("identifiers.invalid_plate")
    return f"{land}:{folded}"


def _handle(value: str) -> str:
    folded = unicodedata.normalize("NFKC", value).strip().lstrip("@").casefold()
    if not HANDLE.match(folded):
        raise BadInput("identifiers.invalid_handle")
    return folded


def _reference(value: str) -> str:
    folded = re.sub(r"[\s\-/.]", "", unicodedata.normalize("NFKC", value)).upper()
    if not REFERENCE.match(folded):
        raise BadInput("identifiers.invalid_reference")
    return folded


def _address(value: str) -> str:
    text = " ".join(value.split())
    if len(text) < 5:
        raise BadInput("identifiers.invalid_address")
    return text


def canonical(kind: IdentifierKind, value: str | None, *, platform: str | None = None,
              country: str | None = None) -> Canonical:
    """The canonical form of an identifier, or a BAD_USER_INPUT naming the valid format."""
    raw = (value or "").strip()
    if not raw:
        raise BadInput("identifiers.value_required")
    if len(raw) > MAX_VALUE:
        raise BadInput("text.field_too_long", field="value", maximum=MAX_VALUE)
    if kind is IdentifierKind.PHONE:
        return Canonical(kind, _phone(raw))
    if kind is IdentifierKind.EMAIL:
        return Canonical(kind, _email(raw))
    if kind is IdentifierKind.VEHICLE_PLATE:
        return Canonical(kind, _plate(raw, country))
    if kind is IdentifierKind.ONLINE_ACCOUNT:
        if platform is None:
            raise BadInput("identifiers.platform_required")
        return Canonical(kind, _handle(raw), Platform(platform).value)
    if kind in {IdentifierKind.BANK_ACCOUNT, IdentifierKind.MONEY_TRANSFER}:
        return Canonical(kind, _reference(raw))
    return Canonical(kind, _address(raw))


def index_key(item: Canonical) -> str:
    """What the blind index is computed over: addresses are folded like names (case, accents, punctuation)."""
    if item.kind is IdentifierKind.ADDRESS:
        return normalise("address", item.value)
    return item.index_subject


def sealed_rows(sealer: Sealer, items: list[Canonical]) -> list[dict[str, Any]]:
    """Rows for the repository: blind index, and the value sealed under a fresh key (used only if the node is new)."""
    if len(items) > MAX_IDENTIFIERS:
        raise BadInput("text.field_too_long", field="identifiers", maximum=MAX_IDENTIFIERS)
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in items:
        blind = sealer.keyed_index(f"identifier:{item.kind.value}", index_key(item))
        if blind in seen:
            continue
        seen.add(blind)
        identifier_id = str(uuid.uuid4())
        subject = sealer.seal_subject(identifier_id, {"value": item.value})
        rows.append({"id": identifier_id, "kind": item.kind.value, "platform": item.platform, "blindIndex": blind,
                     "sealed": subject.fields["value"],
                     "key": {"id": subject.key.key_id, "kekId": subject.key.kek_id, "wrapped": subject.key.wrapped}})
    return rows


def opened_value(sealer: Sealer, row: Record) -> str | None:
    """The identifier's value, or None when its key is gone (erased)."""
    identifier, key = row["identifier"], row.get("key")
    if key is None or identifier.get("valueSealed") is None:
        return None
    try:
        return sealer.open_subject(WrappedKey(key_id=key["id"], kek_id=key["kekId"], wrapped=key["wrapped"]),
                                   identifier["id"], {"value": identifier["valueSealed"]})["value"]
    except SealingError:
        return None


async def audit_read(graph: Graph, scope: Scope, action: str, targets: list[str]) -> None:
    """Detail reads of the trafficking graph (identifier values, identities) leave a trace in the audit log.

    This is where the read-audit hook of issue 13 takes over: every call site goes through here."""
    if not targets:
        return
    await audit.append(graph, audit.AuditEntry.of(scope, action, audit.OK, target=targets,
                                                  request_id=request_id_var.get()))


def canonical_all(inputs: list[dict[str, Any]]) -> list[Canonical]:
    return [canonical(IdentifierKind(item["kind"]), item.get("value"), platform=item.get("platform"),
                      country=item.get("country")) for item in inputs]


async def add_to_case(graph: Graph, sealer: Sealer, scope: Scope, case_id: str, inputs: list[dict[str, Any]]) -> None:
    """Case owners record identifiers on a case they may see; the same value meets the same node."""
    require_case_owner_role(scope)
    if not inputs:
        raise BadInput("identifiers.value_required")
    rows = sealed_rows(sealer, canonical_all(inputs))
    async with graph.transaction() as tx:
        if not await repository.attach_to_case(tx, scope, case_id, rows):
            raise NotFound()


async def add_to_perpetrator(graph: Graph, sealer: Sealer, scope: Scope, perpetrator_id: str,
                             inputs: list[dict[str, Any]]) -> None:
    require_case_owner_role(scope)
    if not inputs:
        raise BadInput("identifiers.value_required")
    rows = sealed_rows(sealer, canonical_all(inputs))
    async with graph.transaction() as tx:
        if not await repository.attach_to_perpetrator(tx, scope, perpetrator_id, rows):
            raise NotFound()


def input_dicts(items: list[Any]) -> list[dict[str, Any]]:
    """GraphQL IdentifierInput objects as plain dicts for the rules."""
    return [{"kind": getattr(i.kind, "value", i.kind), "value": i.value,
             "platform": getattr(i.platform, "value", i.platform), "country": i.country} for i in items]
