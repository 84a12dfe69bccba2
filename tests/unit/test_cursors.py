"""The one cursor codec: what a list hands out it takes back; anything else is a clear BAD_USER_INPUT."""

from __future__ import annotations

import base64

import pytest

from api.common import cursors
from api.errors import BadInput, ErrorCode
from api.sync.rules import decode_sync_cursor, encode_sync_cursor


def test_a_cursor_round_trips_its_position() -> None:
    assert cursors.decode(cursors.encode("case", 1700000000000, "c-1"), "case", int, str) == (1700000000000, "c-1")
    assert cursors.decode(cursors.encode("service", "Maison d'accueil", "s-1"), "service", str, str) == (
        "Maison d'accueil", "s-1")
    assert cursors.decode(None, "case", int, str) is None


@pytest.mark.parametrize("cursor", [
    "@@", "%%%not-a-cursor", base64.urlsafe_b64encode(b"not json").decode(),
    cursors.encode("case", "1", "c-1"),  # a string where a number belongs
    cursors.encode("case", 1),  # too short
    cursors.encode("referral", 1, "r-1"),  # another list's cursor
    "A" * (cursors.MAX_CURSOR + 4),
])
def test_a_malformed_or_foreign_cursor_is_bad_input(cursor: str) -> None:
    with pytest.raises(BadInput) as refused:
        cursors.decode(cursor, "case", int, str)
    assert refused.value.code is ErrorCode.BAD_USER_INPUT
    assert refused.value.message_key == "error.invalid_cursor"


def test_the_sync_cursor_is_a_sequence_position_and_an_old_one_restarts_the_sync() -> None:
    current = base64.urlsafe_b64encode(b'["s2", 42, "v-1"]').decode().rstrip("=")
    assert encode_sync_cursor(42, "v-1") == current
    assert decode_sync_cursor(current) == (42, "v-1", False)
    assert decode_sync_cursor(None) == (-1, "", False)
    # A cursor of the updatedAt format devices may still hold: a full resync from the start, flagged as such.
    legacy = base64.urlsafe_b64encode(b'["s1", 1700000000000, "v-1"]').decode().rstrip("=")
    assert decode_sync_cursor(legacy) == (-1, "", True)
    with pytest.raises(BadInput) as refused:
        decode_sync_cursor(cursors.encode("case", 1, "x"))
    assert refused.value.message_key == "sync.invalid_cursor"


@pytest.mark.parametrize(("first", "key"), [(0, "error.page_too_small"), (-3, "error.page_too_small"),
                                            (cursors.MAX_PAGE_SIZE + 1, "error.page_too_large")])
def test_page_sizes_outside_the_bounds_are_bad_input(first: int, key: str) -> None:
    with pytest.raises(BadInput) as refused:
        cursors.page_size(first)
    assert refused.value.message_key == key


def test_page_sizes_default_and_cap() -> None:
    assert cursors.page_size(None) == cursors.DEFAULT_PAGE_SIZE
    assert cursors.page_size(None, cursors.SYNC_PAGE_SIZE) == cursors.SYNC_PAGE_SIZE
    assert cursors.page_size(cursors.MAX_PAGE_SIZE) == cursors.MAX_PAGE_SIZE
