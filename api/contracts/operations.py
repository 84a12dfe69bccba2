"""Persisted operations: the documents the mobile apps send, known to the server by their sha256.

Each app's operations live in ``mobile_contracts/operations/<app>/<Name>.graphql``, one operation per file;
``manifest.json`` maps the sha256 of each file's exact bytes (hex) to ``{name, app, file}``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from api.contracts.snapshot import CONTRACTS_DIR

OPERATIONS_DIR = CONTRACTS_DIR / "operations"
MANIFEST_PATH = OPERATIONS_DIR / "manifest.json"


@dataclass(frozen=True)
class PersistedOperation:
    sha256: str
    name: str
    app: str
    file: str
    document: str


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def scan(directory: Path = OPERATIONS_DIR) -> dict[str, dict[str, str]]:
    """The manifest the documents on disk call for, ordered by app and name."""
    entries: dict[str, dict[str, str]] = {}
    for path in sorted(directory.glob("*/*.graphql")):
        relative = path.relative_to(directory).as_posix()
        entries[digest(path.read_bytes())] = {"name": path.stem, "app": path.parent.name, "file": relative}
    return dict(sorted(entries.items(), key=lambda item: (item[1]["app"], item[1]["name"])))


def manifest_text(entries: dict[str, dict[str, str]]) -> str:
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def write_manifest(directory: Path = OPERATIONS_DIR) -> bool:
    """Rewrite manifest.json from the documents; True when it changed."""
    text = manifest_text(scan(directory))
    path = directory / "manifest.json"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def load(directory: Path = OPERATIONS_DIR) -> dict[str, PersistedOperation]:
    """The manifest's operations by hash; a document whose bytes do not match its hash is refused."""
    raw: dict[str, dict[str, str]] = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    operations: dict[str, PersistedOperation] = {}
    for sha, entry in raw.items():
        data = (directory / entry["file"]).read_bytes()
        if digest(data) != sha:
            raise ValueError(f"persisted operation {entry['file']} does not match its hash in manifest.json")
        operations[sha] = PersistedOperation(sha256=sha, name=entry["name"], app=entry["app"], file=entry["file"],
                                             document=data.decode("utf-8"))
    return operations


@cache
def registry() -> dict[str, PersistedOperation]:
    """The operations this server accepts by id (read once per process)."""
    return load()
