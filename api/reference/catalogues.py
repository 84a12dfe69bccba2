"""The one accessor for reference catalogues (``seed/reference/*.json``): read once per process, then cached.

Rules ask here for the codes and labels they validate against (exploitation forms, indicators, service
categories, ...); no rule module imports ``seed``. The seed loads the same files into the graph through this.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from api.settings import PROJECT_ROOT

REFERENCE_DIR = PROJECT_ROOT / "seed" / "reference"


@cache
def catalogue(name: str) -> dict[str, Any]:
    """A reference file as parsed JSON (``{"version": ..., "items": [...]}``); treat it as read-only."""
    data: dict[str, Any] = json.loads((REFERENCE_DIR / name).read_text(encoding="utf-8"))
    return data


@cache
def codes(name: str) -> frozenset[str]:
    """The codes of a catalogue's items."""
    return frozenset(item["code"] for item in catalogue(name)["items"])


def items(name: str) -> list[dict[str, Any]]:
    """A catalogue's items."""
    found: list[dict[str, Any]] = catalogue(name)["items"]
    return found
