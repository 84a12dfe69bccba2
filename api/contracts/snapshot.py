"""The SDL snapshot of the schema, and how it compares with the last released one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graphql import GraphQLSchema
from graphql import build_schema as build_sdl_schema
from graphql.utilities import find_breaking_changes, find_dangerous_changes

from api.graphql.schema import build_schema
from api.settings import PROJECT_ROOT

CONTRACTS_DIR = PROJECT_ROOT / "mobile_contracts"
SNAPSHOT_PATH = CONTRACTS_DIR / "schema.graphql"
RELEASED_PATH = CONTRACTS_DIR / "released" / "v1.graphql"
EXPORT_HINT = "run `himaya contracts export` and commit mobile_contracts/schema.graphql"


def current_sdl() -> str:
    """The SDL of the schema the code serves (development flavour: same types, no production-only limits)."""
    return str(build_schema()).rstrip("\n") + "\n"


def export_snapshot(path: Path = SNAPSHOT_PATH) -> bool:
    """Write the snapshot; True when it changed."""
    sdl = current_sdl()
    before = path.read_text(encoding="utf-8") if path.exists() else None
    if before == sdl:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(sdl, encoding="utf-8")
    return True


def snapshot_is_current(path: Path = SNAPSHOT_PATH) -> bool:
    return path.exists() and path.read_text(encoding="utf-8") == current_sdl()


@dataclass(frozen=True)
class Change:
    kind: str
    description: str

    def describe(self) -> str:
        return f"{self.kind}: {self.description}"


@dataclass(frozen=True)
class Comparison:
    breaking: list[Change]
    dangerous: list[Change]

    @property
    def compatible(self) -> bool:
        return not self.breaking


def _schema(sdl: str) -> GraphQLSchema:
    return build_sdl_schema(sdl)


def compare(released_sdl: str, current: str) -> Comparison:
    """What a client built against ``released_sdl`` would suffer from ``current``."""
    old, new = _schema(released_sdl), _schema(current)
    breaking = [Change(c.type.name, c.description) for c in find_breaking_changes(old, new)]
    dangerous = [Change(c.type.name, c.description) for c in find_dangerous_changes(old, new)]
    return Comparison(breaking=sorted(breaking, key=Change.describe), dangerous=sorted(dangerous, key=Change.describe))


def check_against_release(released: Path = RELEASED_PATH) -> Comparison:
    return compare(released.read_text(encoding="utf-8"), current_sdl())
