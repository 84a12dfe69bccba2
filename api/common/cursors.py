"""The one cursor codec, and the page sizes: every list (relay connections and delta sync) pages through here.

A cursor is ``base64url(json([kind, *position]))`` without padding: opaque to clients, tagged with what it pages
(``"case"``, ``"service"``, ...; ``"s2"`` for delta sync, ``"s1"`` its older format that devices may still hold)
so a cursor of one list is refused by another. A malformed, foreign or mistyped cursor is ``BAD_USER_INPUT`` with
one message.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from api.errors import BadInput

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
SYNC_PAGE_SIZE = 100  # a device catching up takes bigger pages (still at most MAX_PAGE_SIZE)
MAX_CURSOR = 512

Position = str | int


def page_size(first: int | None, default: int = DEFAULT_PAGE_SIZE) -> int:
    """The page size asked for (``first``), within 1..MAX_PAGE_SIZE."""
    size = default if first is None else first
    if size < 1:
        raise BadInput("error.page_too_small")
    if size > MAX_PAGE_SIZE:
        raise BadInput("error.page_too_large", maximum=MAX_PAGE_SIZE)
    return size


def encode(kind: str, *position: Position) -> str:
    return base64.urlsafe_b64encode(json.dumps([kind, *position], ensure_ascii=False).encode()).decode().rstrip("=")


def decode(cursor: str | None, kind: str, *shape: type[Position],
           message_key: str = "error.invalid_cursor") -> tuple[Any, ...] | None:
    """The position a cursor of ``kind`` holds, checked against ``shape`` (the type of each part); None for none."""
    if cursor is None:
        return None
    try:
        if len(cursor) > MAX_CURSOR:
            raise ValueError(cursor)
        raw = json.loads(base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()))
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise BadInput(message_key) from exc
    if not (isinstance(raw, list) and len(raw) == len(shape) + 1 and raw[0] == kind
            and all(type(value) is expected for value, expected in zip(raw[1:], shape, strict=True))):
        raise BadInput(message_key)
    return tuple(raw[1:])
