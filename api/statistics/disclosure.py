"""The one disclosure control: every figure that leaves the national roles goes through :func:`protect`.

Method (k-anonymous publication, as the Synthetic Data Showcase used for CTDC's published data):

1. *Primary suppression*: a count below the resolution ``k`` (but above zero) is withheld.
2. *Rounding*: every published count is rounded down to a multiple of ``k``.
3. *Complementary suppression*: a table's margins (one per value of each dimension, summed over the others, and
   the grand total) are published too. Each published margin sums a group of cells (a row or column of a
   two-way table, a plane of a three-way one, all cells for the total); in a group holding exactly one withheld
   cell, that cell could be recomputed as ``margin - sum(published)``. So the smallest published cell of such a
   group is withheld as well, and this repeats until no group whose margin is published holds exactly one
   withheld cell (a cell withheld for one group may single out another).

Zero cells are absent from a table (nothing is there to protect). Margins are sums of the exact cells, then
controlled like cells: withheld below ``k``, rounded down otherwise, and withheld too when their group still holds
exactly one withheld cell (a group of one cell, whose margin is that cell).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from api.settings import DEFAULT_K as DEFAULT_K  # the default of HIMAYA_PUBLICATION_K
from api.settings import MIN_K as MIN_K  # its floor

Key = tuple[str | None, ...]


class DisclosureRule(StrEnum):
    EXACT = "EXACT"  # national roles asked for exact counts
    K_ANONYMOUS = "K_ANONYMOUS"  # withheld below k, rounded down to a multiple of k, complementary suppression


@dataclass(frozen=True)
class Figure:
    """A published count: ``value`` is None when withheld."""

    value: int | None

    @property
    def withheld(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Margin:
    dimension: int  # the position of the dimension in the key
    key: str | None
    figure: Figure


@dataclass(frozen=True)
class ProtectedTable:
    rule: DisclosureRule
    k: int | None
    cells: dict[Key, Figure]
    margins: list[Margin]
    total: Figure


def check_k(k: int) -> int:
    """The resolution, refused below the floor."""
    if k < MIN_K:
        raise ValueError(f"the publication resolution k must be at least {MIN_K}")
    return k


def round_down(value: int, k: int) -> int | None:
    """A count as published: None below k, else rounded down to a multiple of k."""
    if value < k:
        return None
    return value - value % k


def margin_groups(keys: Iterable[Key], width: int) -> list[list[Key]]:
    """The cells each published margin sums: one group per value of each dimension, and all cells (the total)."""
    every = list(keys)
    groups: list[list[Key]] = [every] if every else []
    for axis in range(width):
        grouped: dict[str | None, list[Key]] = defaultdict(list)
        for key in every:
            grouped[key[axis]].append(key)
        groups.extend(grouped.values())
    return groups


def _margins(cells: Mapping[Key, int], width: int) -> tuple[dict[tuple[int, str | None], int], int]:
    sums: dict[tuple[int, str | None], int] = defaultdict(int)
    for key, value in cells.items():
        for axis in range(width):
            sums[(axis, key[axis])] += value
    return dict(sums), sum(cells.values())


def withheld_cells(cells: Mapping[Key, int], k: int) -> set[Key]:
    """Primary suppression (0 < n < k) and complementary suppression until no line has exactly one withheld."""
    width = len(next(iter(cells))) if cells else 0
    withheld = {key for key, value in cells.items() if 0 < value < k}
    groups = margin_groups(cells, width)
    changed = True
    while changed:
        changed = False
        for group in groups:
            hidden = [key for key in group if key in withheld]
            if len(hidden) != 1:
                continue
            if sum(cells[key] for key in group) < k:
                continue  # the group's margin is withheld itself: nothing to recompute from
            shown = sorted((key for key in group if key not in withheld), key=lambda key: (cells[key], _text(key)))
            if shown:
                withheld.add(shown[0])
                changed = True
    return withheld


def protect(cells: Mapping[Key, int], *, k: int | None) -> ProtectedTable:
    """Cells, margins and total as published: exact when ``k`` is None, otherwise k-anonymous."""
    cells = {key: int(value) for key, value in cells.items() if int(value) > 0}
    width = len(next(iter(cells))) if cells else 0
    margins, total = _margins(cells, width)
    if k is None:
        return ProtectedTable(
            rule=DisclosureRule.EXACT, k=None, cells={key: Figure(v) for key, v in cells.items()},
            margins=[Margin(axis, value_key, Figure(v))
                     for (axis, value_key), v in sorted(margins.items(), key=_order)],
            total=Figure(total))
    check_k(k)
    withheld = withheld_cells(cells, k)
    published = {key: Figure(None if key in withheld else round_down(value, k)) for key, value in cells.items()}
    hidden_in: dict[tuple[int, str | None], int] = defaultdict(int)
    for key in withheld:
        for axis in range(width):
            hidden_in[(axis, key[axis])] += 1

    def margin(value: int, hidden: int) -> Figure:
        # a margin summing exactly one withheld cell would give it away: it is withheld with it
        return Figure(None if hidden == 1 else round_down(value, k))

    return ProtectedTable(
        rule=DisclosureRule.K_ANONYMOUS, k=k, cells=published,
        margins=[Margin(axis, value_key, margin(v, hidden_in[(axis, value_key)])) for (axis, value_key), v in
                 sorted(margins.items(), key=_order)],
        total=margin(total, len(withheld)))


def protect_count(value: int, *, k: int | None) -> Figure:
    """One count on its own (a KPI): exact, or withheld below k and rounded down."""
    return Figure(int(value) if k is None else round_down(int(value), check_k(k)))


def _text(key: Key) -> tuple[str, ...]:
    return tuple(part or "" for part in key)


def _order(item: tuple[tuple[int, str | None], int]) -> tuple[int, str]:
    (axis, key), _ = item
    return axis, key or ""
