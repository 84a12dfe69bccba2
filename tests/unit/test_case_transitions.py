"""The case lifecycle against a table written out by hand (reviewed once), not derived from the rule itself."""

from __future__ import annotations

import itertools

from api.cases.rules import TRANSITIONS, CaseStatus, allowed_from

STATES = ["REPORTED", "PRESUMED", "IDENTIFIED", "ASSISTED", "CLOSED"]
# (from, to) a case may take. PRESUMED -> IDENTIFIED happens only through an approved identification request.
ALLOWED = {("REPORTED", "PRESUMED"), ("REPORTED", "CLOSED"), ("PRESUMED", "IDENTIFIED"), ("PRESUMED", "CLOSED"),
           ("IDENTIFIED", "ASSISTED"), ("IDENTIFIED", "CLOSED"), ("ASSISTED", "CLOSED")}


def test_every_pair_of_states_is_allowed_or_refused_as_the_table_says() -> None:
    assert sorted(s.value for s in CaseStatus) == sorted(STATES)
    for current, target in itertools.product(STATES, STATES):
        moves = CaseStatus(target) in TRANSITIONS[CaseStatus(current)]
        assert moves == ((current, target) in ALLOWED), (current, target)
        assert (current in allowed_from(CaseStatus(target))) == ((current, target) in ALLOWED), (current, target)


def test_a_closed_case_never_moves_again() -> None:
    assert allowed_from(CaseStatus.CLOSED) == ["ASSISTED", "IDENTIFIED", "PRESUMED", "REPORTED"]
    assert TRANSITIONS[CaseStatus.CLOSED] == frozenset()
