"""What a GraphQL query selected below a field, as a plain tree of field names, for selection-aware reads.

``selection(info)`` merges fragments, inline fragments and aliases into ``{fieldName: {child: {...}}}`` (GraphQL
names, camelCase). Repositories turn such a tree into a projection assembled from their fixed per-field Cypher
fragments (``graph/<domain>/repository.py``); a name they do not know makes them fall back to their full
projection, so a new field can never be left unfetched.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Tree = dict[str, "Tree"]


def _merge(selections: Iterable[Any], into: Tree) -> Tree:
    for item in selections:
        name = getattr(item, "name", None)
        children = list(getattr(item, "selections", None) or [])
        if name is None or not hasattr(item, "alias"):  # a fragment spread or an inline fragment
            _merge(children, into)
            continue
        if name.startswith("__"):
            continue
        _merge(children, into.setdefault(name, {}))
    return into


def selection(info: Any) -> Tree:
    """The fields selected below the resolver's field (every occurrence of it in the operation merged)."""
    tree: Tree = {}
    for field in info.selected_fields:
        _merge(list(field.selections or []), tree)
    return tree


def page_nodes(tree: Tree) -> Tree:
    """The fields selected on the items of a connection (``edges { node }`` and ``nodes`` merged)."""
    merged: Tree = {}
    for part in (tree.get("edges", {}).get("node", {}), tree.get("nodes", {})):
        _merge_trees(part, merged)
    return merged


def _merge_trees(source: Tree, into: Tree) -> None:
    for name, children in source.items():
        _merge_trees(children, into.setdefault(name, {}))


def value(row: dict[str, Any], key: str) -> Any:
    """A value of a row that a selection-aware read may have left out: absent only when the query did not select
    it, so the object built from it never reads it (typed ``Any`` for the non-null fields it fills)."""
    return row.get(key)
