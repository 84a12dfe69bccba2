"""Selection-aware projections: what a read returns follows what the query selected.

Each type has a fixed map from its GraphQL field names to literal Cypher fragments of a map projection (bound to the
type's conventional variable: ``c`` case, ``v`` victim, ``r`` referral, ``s`` service, ``o`` organisation, ``g``
governorate). A builder joins the fragments of the selected fields, nothing else; nested objects are projected in
the same statement, each nested pattern with its ``graph/access`` fragment, so the caller sees through a nested
path only what it may see directly. A field a map does not know makes the builder answer None: the caller then
uses its full projection (and the DataLoaders), so a field added later is never left unfetched.

Temporal values leave the database as epoch microseconds (an integer: no DateTime structure to decode); the API
turns the selected ones into ``datetime`` values (``api/organizations/types.py`` ``native``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, LiteralString

from graph.access.repository import NETWORK_VISIBLE, REFERRAL_VISIBLE, VICTIM_VISIBLE

Tree = Mapping[str, Any]  # {fieldName: {child: {...}}}, GraphQL names (api/common/selection.py)
Fragment = LiteralString | Callable[[Tree], LiteralString | None]


def _build(variable: LiteralString, fields: Mapping[str, Fragment], tree: Tree) -> LiteralString | None:
    parts: list[LiteralString] = [".id"]
    for name, children in tree.items():
        fragment = fields.get(name)
        if fragment is None:
            return None
        text = fragment if isinstance(fragment, str) else fragment(children)
        if text is None:
            return None
        if text and text not in parts:
            parts.append(text)
    return variable + " {" + ", ".join(parts) + "}"


# ------------------------------------------------------------------------------------------------ governorate

GOVERNORATE_FIELDS: dict[str, Fragment] = {
    "code": ".code", "slug": ".slug", "name": ".nameFr, .nameAr, .nameEn",
    "latitude": "lat: g.centroid.latitude", "longitude": "lon: g.centroid.longitude",
    "adjacentCodes": "adjacent: [(g)-[:ADJACENT_TO]-(g_h:Governorate) | g_h.code]",
}


def governorate(tree: Tree) -> LiteralString | None:
    """A governorate bound to ``g``."""
    return _build("g", GOVERNORATE_FIELDS, tree)


# ------------------------------------------------------------------------------------------------ organisation


def _organization_governorate(tree: Tree) -> LiteralString | None:
    inner = governorate(tree)
    return None if inner is None else "governorate: [(o)-[:LOCATED_IN]->(g:Governorate) | " + inner + "][0]"


def _organization_services(tree: Tree) -> LiteralString | None:
    inner = service(tree)
    return None if inner is None else (
        "services: COLLECT { MATCH (s:Service)-[:PROVIDED_BY]->(o) WHERE " + NETWORK_VISIBLE
        + " WITH s ORDER BY s.name, s.id RETURN " + inner + " }")


ORGANIZATION_FIELDS: dict[str, Fragment] = {
    "id": "", "code": ".code", "kind": ".kind", "name": ".name, .nameAr, .nameEn",
    "names": ".name, .nameAr, .nameEn", "contact": ".contactEmail, .contactPhone",
    "version": "version: coalesce(o.version, 0)", "partners": "",
    "governorate": _organization_governorate, "services": _organization_services,
}


def organization(tree: Tree) -> LiteralString | None:
    """An organisation bound to ``o``, with its services (``s``) when selected."""
    return _build("o", ORGANIZATION_FIELDS, tree)


# ----------------------------------------------------------------------------------------------------- service


def _service_governorate(tree: Tree) -> LiteralString | None:
    inner = governorate(tree)
    return None if inner is None else "governorate: [(s)-[:LOCATED_IN]->(g:Governorate) | " + inner + "][0]"


def _service_organization(tree: Tree) -> LiteralString | None:
    inner = organization(tree)
    return None if inner is None else (
        "organization: [(s)-[:PROVIDED_BY]->(o:Organization) WHERE " + NETWORK_VISIBLE + " | " + inner + "][0]")


CAPACITY_FIELDS: dict[str, LiteralString] = {
    "unit": ".capacityUnit", "maximum": ".capacityMaximum", "available": ".capacityAvailable",
    "updatedAt": "capacityUpdatedAt: s.capacityUpdatedAt.epochSeconds * 1000000 + s.capacityUpdatedAt.microsecond",
}


def _capacity(tree: Tree) -> LiteralString | None:
    parts: list[LiteralString] = []
    for name in tree:
        fragment = CAPACITY_FIELDS.get(name)
        if fragment is None:
            return None
        parts.append(fragment)
    return ", ".join(parts)


SERVICE_FIELDS: dict[str, Fragment] = {
    "id": "", "name": ".name", "description": ".description", "category": ".category", "status": ".status",
    "eligibility": ".sexes, .minAge, .maxAge, .acceptsMinors, .nationalitiesOnly, .nationalitiesExcluded, "
                   ".exploitationForms",
    "languages": ".languages", "serviceArea": "serviceArea: [(s)-[:COVERS]->(s_a:Governorate) | s_a.code]",
    "latitude": "latitude: s.location.latitude", "longitude": "longitude: s.location.longitude",
    "schedule": ".schedule", "free": ".free", "version": ".version", "capacity": _capacity,
    "governorate": _service_governorate, "organization": _service_organization,
}


def service(tree: Tree) -> LiteralString | None:
    """A service bound to ``s``, with its organisation (``o``) when selected."""
    return _build("s", SERVICE_FIELDS, tree)


# ------------------------------------------------------------------------------------------------------ victim

VICTIM_FIELDS: dict[str, Fragment] = {
    "id": "", "alias": ".alias", "sex": ".sex", "ageBand": ".ageBand", "birthYear": ".birthYear",
    "birthDatePrecision": ".birthDatePrecision", "minor": ".minor", "nationality": ".nationality",
    "languages": ".languages", "specialNeeds": ".specialNeeds",
    "createdAt": "createdAt: v.createdAt.epochSeconds * 1000000 + v.createdAt.microsecond",
    "updatedAt": "updatedAt: v.updatedAt.epochSeconds * 1000000 + v.updatedAt.microsecond",
    "version": "version: coalesce(v.version, 0)", "consents": "",
}


def victim(tree: Tree) -> LiteralString | None:
    """A victim bound to ``v``."""
    return _build("v", VICTIM_FIELDS, tree)


# ---------------------------------------------------------------------------------------------------- referral


def _referral_service(tree: Tree) -> LiteralString | None:
    inner = service(tree)
    return None if inner is None else (
        "service: [(r)-[:TO_SERVICE]->(s:Service) WHERE " + NETWORK_VISIBLE + " | " + inner + "][0]")


REFERRAL_FIELDS: dict[str, Fragment] = {
    "id": "", "status": ".status", "urgency": ".urgency", "declineReason": ".declineReason", "outcome": ".outcome",
    "cancelReason": ".cancelReason",
    "note": ".note, .noteSealed, noteKey: [(r)-[:SEALED_WITH {field: 'note'}]->(r_k:DataKey) | "
            "r_k {.id, .kekId, .wrapped}][0]",
    "createdAt": "createdAt: r.createdAt.epochSeconds * 1000000 + r.createdAt.microsecond",
    "respondedAt": "respondedAt: r.respondedAt.epochSeconds * 1000000 + r.respondedAt.microsecond",
    "completedAt": "completedAt: r.completedAt.epochSeconds * 1000000 + r.completedAt.microsecond",
    "cancelledAt": "cancelledAt: r.cancelledAt.epochSeconds * 1000000 + r.cancelledAt.microsecond",
    "updatedAt": "updatedAt: r.updatedAt.epochSeconds * 1000000 + r.updatedAt.microsecond",
    "version": "version: coalesce(r.version, 0)", "emergencyOverride": ".emergencyOverride",
    "overrideReasonCode": ".overrideReasonCode", "case": "caseId: [(r)-[:FOR_CASE]->(r_c:Case) | r_c.id][0]",
    "sharedProfile": "", "timeline": "", "service": _referral_service,
}


def referral(tree: Tree) -> LiteralString | None:
    """A referral bound to ``r``, with its service (``s``) when selected."""
    return _build("r", REFERRAL_FIELDS, tree)


# -------------------------------------------------------------------------------------------------------- case


def _case_victim(tree: Tree) -> LiteralString | None:
    inner = victim(tree)
    return None if inner is None else (
        "victim: [(c)-[:CONCERNS]->(v:Victim) WHERE " + VICTIM_VISIBLE + " | " + inner + "][0]")


def _case_owner(tree: Tree) -> LiteralString | None:
    inner = organization(tree)
    return None if inner is None else (
        "owner: [(c)-[:OWNED_BY]->(o:Organization) WHERE " + NETWORK_VISIBLE + " | " + inner + "][0]")


def _case_referrals(tree: Tree) -> LiteralString | None:
    inner = referral(tree)
    return None if inner is None else (
        "referrals: COLLECT { MATCH (r:Referral)-[:FOR_CASE]->(c) WHERE " + REFERRAL_VISIBLE
        + " WITH r ORDER BY r.createdAt DESC, r.id DESC RETURN " + inner + " }")


CASE_FIELDS: dict[str, Fragment] = {
    "id": "", "reference": ".reference", "status": ".status", "exploitationForms": ".exploitationForms",
    "labourSector": ".labourSector", "meansOfControl": ".meansOfControl",
    "governorate": "governorate: [(c)-[:LOCATED_IN]->(c_g:Governorate) | c_g.code][0]",
    "openedAt": "openedAt: c.openedAt.epochSeconds * 1000000 + c.openedAt.microsecond",
    "closedAt": "closedAt: c.closedAt.epochSeconds * 1000000 + c.closedAt.microsecond",
    "updatedAt": "updatedAt: c.updatedAt.epochSeconds * 1000000 + c.updatedAt.microsecond",
    "version": "version: coalesce(c.version, 0)",
    "assignedUserId": "assigneeId: [(c)-[:ASSIGNED_TO]->(c_u:User) | c_u.id][0]",
    "closeReason": ".closeReason, .closeReasonSealed, closeReasonKey: [(c)-[:SEALED_WITH {field: 'closeReason'}]"
                   "->(c_k:DataKey) | c_k {.id, .kekId, .wrapped}][0]",
    "screenings": "", "approvals": "", "perpetrators": "", "identifiers": "", "route": "", "protectedPersons": "",
    "victim": _case_victim, "owner": _case_owner, "referrals": _case_referrals,
}


def case(tree: Tree) -> LiteralString | None:
    """A case bound to ``c``, with its victim, owner and referrals (services, organisations) when selected."""
    return _build("c", CASE_FIELDS, tree)
