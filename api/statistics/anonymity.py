"""k-anonymity of a row file: every combination of quasi-identifiers appears at least k times.

Rows in a group smaller than k are generalised one step at a time along a fixed ladder (each step blanks or
coarsens one quasi-identifier, for those rows only); rows still in a group smaller than k after the last step
are suppressed (left out of the file). Pure functions: no Neo4j.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Row = dict[str, str]
Step = Callable[[Row], None]


@dataclass(frozen=True)
class Anonymised:
    rows: list[Row]
    suppressed: int
    generalised: int


def groups(rows: Sequence[Row], quasi_identifiers: Sequence[str]) -> Counter[tuple[str, ...]]:
    return Counter(tuple(row.get(q, "") for q in quasi_identifiers) for row in rows)


def k_anonymise(rows: Sequence[Row], quasi_identifiers: Sequence[str], ladder: Sequence[Step], k: int) -> Anonymised:
    """Generalise the rows of small groups along ``ladder``, then suppress what is still in a group below k."""
    work = [dict(row) for row in rows]
    touched: set[int] = set()
    for step in ladder:
        counts = groups(work, quasi_identifiers)
        small = [i for i, row in enumerate(work) if counts[tuple(row.get(q, "") for q in quasi_identifiers)] < k]
        if not small:
            break
        for i in small:
            step(work[i])
            touched.add(i)
    counts = groups(work, quasi_identifiers)
    kept = [row for row in work if counts[tuple(row.get(q, "") for q in quasi_identifiers)] >= k]
    return Anonymised(rows=kept, suppressed=len(work) - len(kept), generalised=len(touched))


def blank(column: str) -> Step:
    def step(row: Row) -> None:
        row[column] = ""
    return step


def replace(column: str, mapping: Callable[[str], str]) -> Step:
    def step(row: Row) -> None:
        row[column] = mapping(row.get(column, ""))
    return step
