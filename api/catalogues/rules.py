"""The fixed catalogues a client needs to fill forms, each code with its fr/ar/en labels (seed/reference)."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Any

from api.errors import BadInput, Unauthenticated
from api.reference import catalogues as reference
from graph.access.scope import Scope


class CatalogueName(StrEnum):
    EXPLOITATION_FORMS = "EXPLOITATION_FORMS"
    MEANS_OF_CONTROL = "MEANS_OF_CONTROL"
    SERVICE_CATEGORIES = "SERVICE_CATEGORIES"
    DECLINE_REASONS = "DECLINE_REASONS"
    CONSENT_PURPOSES = "CONSENT_PURPOSES"
    LABOUR_SECTORS = "LABOUR_SECTORS"


FILES = {CatalogueName.EXPLOITATION_FORMS: "exploitation_forms.json",
         CatalogueName.MEANS_OF_CONTROL: "means_of_control.json",
         CatalogueName.SERVICE_CATEGORIES: "service_categories.json",
         CatalogueName.DECLINE_REASONS: "decline_reasons.json",
         CatalogueName.CONSENT_PURPOSES: "consent_purposes.json",
         CatalogueName.LABOUR_SECTORS: "labour_sectors.json"}
MAX_LISTED = 40


@cache
def catalogue(name: CatalogueName) -> tuple[str, tuple[dict[str, Any], ...]]:
    """(version, items with code and labels)."""
    data = reference.catalogue(FILES[name])
    items = tuple({"code": item["code"], "labels": item.get("labels") or item.get("title") or {}}
                  for item in data["items"])
    return str(data["version"]), items


def codes(name: CatalogueName) -> list[str]:
    return [item["code"] for item in catalogue(name)[1]]


def unknown_code(field: str, code: str, name: CatalogueName) -> BadInput:
    """An error that names the valid codes."""
    valid = codes(name)
    listed = ", ".join(valid[:MAX_LISTED]) + (" …" if len(valid) > MAX_LISTED else "")
    return BadInput("consent.unknown_code", field=field, value=code[:60], valid=listed)


def catalogues(scope: Scope, wanted: list[CatalogueName] | None) -> list[tuple[CatalogueName, str, list[Any]]]:
    if not scope.authenticated:
        raise Unauthenticated()
    names = wanted or list(CatalogueName)
    return [(name, *_entry(name)) for name in dict.fromkeys(names)]


def _entry(name: CatalogueName) -> tuple[str, list[Any]]:
    version, items = catalogue(name)
    return version, list(items)
