"""Load the reference data in ``seed/reference/*.json`` (idempotent: re-running updates changed rows)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from api.reference import catalogues
from graph.db import Graph
from graph.reference import repository

# Catalogues stored as ReferenceItem nodes, by file name and kind.
CATALOGUES = {
    "service_categories.json": "SERVICE_CATEGORY",
    "exploitation_forms.json": "EXPLOITATION_FORM",
    "means_of_control.json": "MEANS_OF_CONTROL",
    "indicators.json": "INDICATOR",
    "actor_types.json": "ACTOR_TYPE",
}
# Stable ids for reference organisations, so every installation names the same court the same way.
_COURT_NAMESPACE = uuid.UUID("6f1c8f7e-2b1a-4c55-9a0e-0d7d6a1f4c11")


def read_reference(name: str) -> dict[str, Any]:
    """A reference file, through the one cached accessor the rules use."""
    return catalogues.catalogue(name)


def court_id(code: str) -> str:
    return str(uuid.uuid5(_COURT_NAMESPACE, code))


def _catalogue_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        labels = item.get("labels") or item.get("title") or {}
        extra = {k: v for k, v in item.items() if k not in {"code", "labels"}}
        rows.append({"code": item["code"], "labels": labels, "data": json.dumps(extra, ensure_ascii=False)})
    return rows


async def load_reference(graph: Graph) -> str:
    governorates = read_reference("governorates.json")
    await repository.upsert_governorates(graph, governorates["items"])
    courts = read_reference("courts.json")
    await repository.upsert_courts(graph, [{**c, "id": court_id(c["code"])} for c in courts["items"]])
    counts = [f"{len(governorates['items'])} governorates", f"{len(courts['items'])} courts"]
    for file_name, kind in CATALOGUES.items():
        catalogue = read_reference(file_name)
        await repository.upsert_catalogue(graph, kind, str(catalogue["version"]), _catalogue_items(catalogue["items"]))
        counts.append(f"{len(catalogue['items'])} {kind.lower()}")
    guidelines = read_reference("guidelines.json")
    guideline_items = [{"code": g["actor_type"], "labels": g["title"],
                        **{k: v for k, v in g.items() if k not in {"actor_type", "title"}}}
                       for g in guidelines["items"]]
    await repository.upsert_catalogue(graph, "GUIDELINE", str(guidelines["version"]), _catalogue_items(guideline_items))
    counts.append(f"{len(guideline_items)} guidelines")
    return "reference data loaded: " + ", ".join(counts)
