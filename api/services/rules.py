"""Rules for services: who may manage them, what a valid service is, capacity and coverage."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from api.common import cursors
from api.common.codes import is_country, is_language
from api.common.records import stale_version
from api.common.text import clean_text
from api.errors import BadInput, Forbidden, NotFound
from api.organizations.rules import require_network_reader, valid_code
from api.reference import catalogues
from graph.access.permissions import Permission
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.network import repository as network_repository
from graph.services import repository

GOVERNORATE_CODE = re.compile(r"^TN-[0-9]{2}$")
MAX_AGE = 120
MAX_CAPACITY = 100_000
MAX_DESCRIPTION = 2000
MAX_SCHEDULE = 500
MAX_LIST = 60


@cache
def exploitation_form_codes() -> frozenset[str]:
    return catalogues.codes("exploitation_forms.json")


@cache
def capacity_units() -> dict[str, str]:
    """The default capacity unit of each service category."""
    items = catalogues.items("service_categories.json")
    return {item["code"]: item.get("capacity_unit") or "SLOT" for item in items}


def require_service_manager(scope: Scope) -> None:
    """Creating and updating services: administrators, coordinators and partner agents (of the provider)."""
    require_network_reader(scope)
    if not scope.can(Permission.MANAGE_SERVICES):
        raise Forbidden()


def service_cursor(record: Record) -> str:
    return cursors.encode("service", record["name"], record["id"])


def _codes(values: list[str], check: Callable[[str], bool], field: str, message_key: str) -> list[str]:
    if len(values) > MAX_LIST:
        raise BadInput("text.field_too_long", field=field, maximum=MAX_LIST)
    cleaned = sorted({v.strip() for v in values})
    for value in cleaned:
        if not check(value):
            raise BadInput(message_key, field=field)
    return cleaned


def validated_service(fields: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise a new service; the server owns id, status, availability, timestamps and version."""
    min_age, max_age = fields.get("minAge"), fields.get("maxAge")
    for age in (min_age, max_age):
        if age is not None and not 0 <= age <= MAX_AGE:
            raise BadInput("network.age_range")
    if min_age is not None and max_age is not None and min_age > max_age:
        raise BadInput("network.age_range")
    latitude, longitude = fields["latitude"], fields["longitude"]
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise BadInput("network.invalid_coordinates")
    maximum = fields["capacityMaximum"]
    if not 0 <= maximum <= MAX_CAPACITY:
        raise BadInput("network.capacity_maximum_range", maximum=MAX_CAPACITY)
    governorate = fields["governorate"]
    area = sorted(set(fields.get("serviceArea") or [governorate]))
    if not GOVERNORATE_CODE.match(governorate) or not all(GOVERNORATE_CODE.match(code) for code in area):
        raise BadInput("network.unknown_governorate")
    if not valid_code(fields["organizationCode"]):
        raise NotFound()
    only = _codes(fields.get("nationalitiesOnly") or [], is_country, "nationalitiesOnly", "network.invalid_country")
    excluded = _codes(fields.get("nationalitiesExcluded") or [], is_country, "nationalitiesExcluded",
                      "network.invalid_country")
    if set(only) & set(excluded):
        raise BadInput("network.nationalities_overlap")
    return {
        "organizationCode": fields["organizationCode"],
        "name": clean_text(fields.get("name"), "name", required=True),
        "description": clean_text(fields.get("description"), "description", maximum=MAX_DESCRIPTION),
        "category": fields["category"],
        "sexes": sorted(set(fields.get("sexes") or [])),
        "minAge": min_age,
        "maxAge": max_age,
        "acceptsMinors": bool(fields.get("acceptsMinors")),
        "nationalitiesOnly": only,
        "nationalitiesExcluded": excluded,
        "exploitationForms": _codes(fields.get("exploitationForms") or [], exploitation_form_codes().__contains__,
                                    "exploitationForms", "network.invalid_exploitation_form"),
        "languages": _codes(fields.get("languages") or [], is_language, "languages", "network.invalid_language"),
        "latitude": float(latitude),
        "longitude": float(longitude),
        "governorate": governorate,
        "serviceArea": area,
        "schedule": clean_text(fields.get("schedule"), "schedule", maximum=MAX_SCHEDULE),
        "free": bool(fields.get("free", True)),
        "capacityUnit": fields.get("capacityUnit") or capacity_units().get(fields["category"], "SLOT"),
        "capacityMaximum": maximum,
    }


async def list_services(graph: Graph, scope: Scope, *, category: str | None, status: str | None,
                        governorate: str | None, after: str | None, limit: int) -> tuple[list[Record], int]:
    require_network_reader(scope)
    return await repository.list_services(graph, scope, category=category, status=status, governorate=governorate,
                                          after=cursors.decode(after, "service", str, str), limit=limit)


async def create_service(graph: Graph, scope: Scope, fields: dict[str, Any]) -> Record:
    require_service_manager(scope)
    values = validated_service(fields)
    outcome = await repository.create_service(graph, scope, values)
    if not outcome["organizationFound"]:
        raise NotFound()
    if not outcome["allowed"]:
        raise Forbidden()
    if not outcome["governorateFound"] or len(outcome["knownArea"]) != len(values["serviceArea"]):
        raise BadInput("network.unknown_governorate")
    service: Record = outcome["service"]
    return service


async def update_capacity(graph: Graph, scope: Scope, service_id: str, available: int,
                          expected_version: int | None = None, capacity_threshold: int = 1) -> Record:
    """Set how much of the capacity is free now; a service the caller may not manage reads as not found.

    With ``expected_version``, a service changed meanwhile is refused (CONFLICT, with its current state)."""
    require_service_manager(scope)
    if available < 0:
        raise BadInput("network.capacity_negative")
    outcome = await repository.update_capacity(graph, scope, service_id, available, expected_version,
                                               capacity_threshold)
    if outcome is None:
        raise NotFound()
    fits, current, service = outcome
    if not current:
        raise stale_version(expected_version, service, "Service")
    if not fits:
        raise BadInput("network.capacity_above_maximum", maximum=service["capacityMaximum"])
    return service


async def set_status(graph: Graph, scope: Scope, service_id: str, status: str) -> Record:
    require_service_manager(scope)
    service = await repository.set_status(graph, scope, service_id, status)
    if service is None:
        raise NotFound()
    return service


async def coverage_gaps(graph: Graph, scope: Scope, category: str, language: str | None) -> list[Record]:
    """Governorates no active service of the category with free capacity (and the language) covers."""
    require_network_reader(scope)
    if language is not None and not is_language(language):
        raise BadInput("network.invalid_language", field="language")
    return await network_repository.coverage_gaps(graph, scope, category, language)
