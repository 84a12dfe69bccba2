"""The disclosure control: no published cell below k, and no withheld cell recomputable from the margins."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest
from pydantic import ValidationError

from api.settings import Settings
from api.statistics.disclosure import (
    MIN_K,
    DisclosureRule,
    Key,
    ProtectedTable,
    check_k,
    protect,
    protect_count,
)


def assert_safe(table: ProtectedTable, cells: dict[Key, int], k: int) -> None:
    """What a reader of the published table can do, and must not achieve."""
    published = [f.value for f in table.cells.values() if f.value is not None]
    published += [m.figure.value for m in table.margins if m.figure.value is not None]
    published += [table.total.value] if table.total.value is not None else []
    assert all(value >= k and value % k == 0 for value in published)
    width = len(next(iter(cells)))
    margins = {(m.dimension, m.key): m.figure for m in table.margins}
    groups = [(table.total, list(cells))]
    for axis in range(width):
        for value in {key[axis] for key in cells}:
            groups.append((margins[(axis, value)], [key for key in cells if key[axis] == value]))
    for figure, group in groups:
        hidden = [key for key in group if table.cells[key].withheld]
        if figure.value is not None:
            # a published margin never sums exactly one withheld cell: that cell cannot be recomputed
            assert len(hidden) != 1, (group, hidden)


def test_counts_below_k_are_withheld_and_the_rest_rounded_down() -> None:
    cells: dict[Key, int] = {("TN",): 57, ("CI",): 23, ("NG",): 4, ("SN",): 10}
    table = protect(cells, k=10)
    assert table.rule is DisclosureRule.K_ANONYMOUS
    assert table.k == 10
    values = {key[0]: figure.value for key, figure in table.cells.items()}
    # NG (4) is below k; SN (10) is the smallest published cell, withheld so NG cannot be got from the total
    assert values == {"TN": 50, "CI": 20, "NG": None, "SN": None}
    assert table.total.value == 90
    assert_safe(table, cells, 10)


def test_a_lone_withheld_cell_in_a_row_takes_a_complement_in_both_directions() -> None:
    cells: dict[Key, int] = {
        ("F", "TN"): 40, ("F", "CI"): 3, ("F", "NG"): 25,
        ("M", "TN"): 30, ("M", "CI"): 22, ("M", "NG"): 18,
    }
    table = protect(cells, k=5)
    withheld = {key for key, figure in table.cells.items() if figure.withheld}
    assert ("F", "CI") in withheld
    assert len(withheld) >= 4  # one more in row F, one more in column CI, and the cell closing that rectangle
    assert_safe(table, cells, 5)


def test_exact_counts_are_returned_unchanged_with_their_rule() -> None:
    cells: dict[Key, int] = {("F",): 3, ("M",): 12}
    table = protect(cells, k=None)
    assert table.rule is DisclosureRule.EXACT
    assert table.k is None
    assert {key: f.value for key, f in table.cells.items()} == cells
    assert table.total.value == 15


def test_a_table_too_small_to_publish_shows_nothing() -> None:
    cells: dict[Key, int] = {("F",): 3, ("M",): 4}
    table = protect(cells, k=10)
    assert all(f.withheld for f in table.cells.values())
    assert table.total.withheld
    assert all(m.figure.withheld for m in table.margins)


def test_single_counts_follow_the_same_rule() -> None:
    assert protect_count(7, k=10).value is None
    assert protect_count(27, k=10).value == 20
    assert protect_count(7, k=None).value == 7


def test_k_below_the_floor_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 5"):
        check_k(MIN_K - 1)
    with pytest.raises(ValueError, match="at least 5"):
        protect({("F",): 30}, k=3)


@pytest.mark.parametrize("seed", range(40))
def test_random_tables_never_publish_a_small_cell_nor_reveal_a_withheld_one(seed: int) -> None:
    rng = random.Random(seed)
    width = rng.randint(1, 3)
    k = rng.choice((5, 10, 20))
    values = [[f"v{axis}-{i}" for i in range(rng.randint(1, 5))] for axis in range(width)]
    cells: dict[Key, int] = {}
    for _ in range(rng.randint(1, 40)):
        key = tuple(rng.choice(choices) for choices in values)
        cells[key] = rng.choice((1, 2, 3, 4, 6, 9, 11, 15, 30, 80))
    table = protect(cells, k=k)
    assert_safe(table, cells, k)
    # the margins a reader sees are those of the exact table, controlled (published ones are exact, rounded down)
    sums: dict[tuple[int, str | None], int] = defaultdict(int)
    for key, value in cells.items():
        for axis in range(width):
            sums[(axis, key[axis])] += value
    for margin in table.margins:
        exact = sums[(margin.dimension, margin.key)]
        if exact < k:
            assert margin.figure.withheld
        if not margin.figure.withheld:
            assert margin.figure.value == exact - exact % k


def test_the_setting_refuses_k_below_the_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIMAYA_PUBLICATION_K", "4")
    with pytest.raises(ValidationError, match="publication_k"):
        Settings()
    monkeypatch.setenv("HIMAYA_PUBLICATION_K", "20")
    assert Settings().publication_k == 20
    monkeypatch.delenv("HIMAYA_PUBLICATION_K")
    assert Settings().publication_k == 10
