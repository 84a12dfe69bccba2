"""Rules for organisations, partnerships and the network views: who may do what, and what input is valid."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from api.common import cursors
from api.common.selection import Tree
from api.common.text import clean_text
from api.errors import BadInput, Conflict, Forbidden, NotFound, Unauthenticated
from graph.access.permissions import Permission
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.network import repository as network_repository
from graph.organizations import repository

ORGANIZATION_CODE = re.compile(r"^[A-Z][A-Z0-9-]{1,29}$")
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$")
PHONE = re.compile(r"^\+?[0-9 ]{6,20}$")
MAX_NAME = 200
MAX_AGREEMENT = 500


def require_network_reader(scope: Scope) -> None:
    """Reading the network needs a signed-in caller."""
    if scope.role is None:
        raise Unauthenticated()


def require_network_admin(scope: Scope) -> None:
    """Creating organisations and partnerships: administrators and coordinators."""
    require_network_reader(scope)
    if not scope.can(Permission.MANAGE_NETWORK):
        raise Forbidden()


def valid_code(code: str) -> bool:
    return bool(ORGANIZATION_CODE.match(code))


def organization_cursor(row: Record) -> str:
    return cursors.encode("organization", row["code"])


async def list_organizations(graph: Graph, scope: Scope, *, kind: str | None, governorate: str | None,
                             after: str | None, limit: int, fields: Tree | None = None) -> tuple[list[Record], int]:
    """``fields``: what the query selected on each organisation (its services come in the same statement)."""
    require_network_reader(scope)
    position = cursors.decode(after, "organization", str)
    return await repository.list_organizations(graph, scope, kind=kind, governorate=governorate,
                                               after=position[0] if position else None, limit=limit,
                                               fields=fields)


async def organization_by_code(graph: Graph, scope: Scope, code: str) -> Record | None:
    require_network_reader(scope)
    if not valid_code(code):
        return None
    return await repository.organization_by_code(graph, scope, code)


async def create_organization(graph: Graph, scope: Scope, fields: dict[str, Any]) -> Record:
    require_network_admin(scope)
    code = (fields.get("code") or "").strip()
    if not valid_code(code):
        raise BadInput("network.organization_code_invalid")
    email = clean_text(fields.get("contactEmail"), "contactEmail", maximum=254)
    if email is not None and not EMAIL.match(email):
        raise BadInput("network.invalid_email")
    phone = clean_text(fields.get("contactPhone"), "contactPhone", maximum=32)
    if phone is not None and not PHONE.match(phone):
        raise BadInput("network.invalid_phone")
    values = {
        "code": code,
        "name": clean_text(fields.get("name"), "name", required=True),
        "nameAr": clean_text(fields.get("nameAr"), "nameAr"),
        "nameEn": clean_text(fields.get("nameEn"), "nameEn"),
        "kind": fields["kind"],
        "governorate": fields["governorate"],
        "contactEmail": email,
        "contactPhone": phone,
    }
    try:
        created = await repository.create_organization(graph, values)
    except repository.DuplicateCode as exc:
        raise Conflict("network.organization_code_taken", organization=code) from exc
    if created is None:
        raise BadInput("network.unknown_governorate")
    return created


async def add_partnership(graph: Graph, scope: Scope, *, code: str, partner_code: str, since: dt.date | None,
                          agreement: str | None) -> Record:
    require_network_admin(scope)
    if code == partner_code:
        raise BadInput("network.partnership_with_itself")
    if since is not None and since > dt.datetime.now(dt.UTC).date():
        raise BadInput("network.date_in_future", field="since")
    agreement_text = clean_text(agreement, "agreement", maximum=MAX_AGREEMENT)
    if not (valid_code(code) and valid_code(partner_code)):
        raise NotFound()
    outcome = await repository.add_partnership(graph, code, partner_code, since, agreement_text)
    if outcome is None:
        raise NotFound()
    already, organization = outcome
    if already:
        raise Conflict("network.already_partners")
    return organization


async def organization_network(graph: Graph, scope: Scope, code: str) -> Record | None:
    require_network_reader(scope)
    if not valid_code(code):
        return None
    return await network_repository.organization_network(graph, scope, code)


async def partnership_path(graph: Graph, scope: Scope, from_code: str, to_code: str) -> list[Record] | None:
    """The chain of organisations from one to the other, both included; None when they are not connected."""
    require_network_reader(scope)
    if not (valid_code(from_code) and valid_code(to_code)):
        return None
    if from_code == to_code:
        organization = await repository.organization_by_code(graph, scope, from_code)
        return None if organization is None else [organization]
    return await network_repository.partnership_path(graph, scope, from_code, to_code)


def acceptance_rate(accepted: int, declined: int) -> float | None:
    """Share of answered referrals that were accepted; None before any answer."""
    answered = accepted + declined
    return None if answered == 0 else accepted / answered
