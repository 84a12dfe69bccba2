"""Figures in the annual report keep their digit groups together in Arabic (right-to-left) pages."""

from __future__ import annotations

import unicodedata

from api.statistics.report import WITHHELD, _value


def test_thousands_are_set_apart_by_a_separator_that_keeps_the_number_whole_in_arabic() -> None:
    shown = _value(11840)
    assert shown == "11\u00a0840"
    # A common number separator (CS) between digits joins them in the bidirectional algorithm (rule W4); a
    # plain space (WS) split "11 840" into two numbers that an Arabic page showed as "840 11".
    assert unicodedata.bidirectional(shown[2]) == "CS"
    assert _value(1234567) == "1\u00a0234\u00a0567"
    assert _value(999) == "999"
    assert _value(None) == WITHHELD
