"""The one validator of free text a caller sends: trimmed, bounded, required or not, no control characters.

Its messages are one family (``text.*`` in the catalogue); every rule module cleans its text fields here.
"""

from __future__ import annotations

from api.errors import BadInput

DEFAULT_MAXIMUM = 200
# Control characters have no place in a name, a note or a narrative (tab and line breaks excepted).
_FORBIDDEN = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r") | {"\x7f"}


def clean_text(value: str | None, field: str, *, required: bool = False,
               maximum: int = DEFAULT_MAXIMUM) -> str | None:
    """The trimmed text, or None when empty and optional."""
    cleaned = (value or "").strip()
    if not cleaned:
        if required:
            raise BadInput("text.field_required", field=field)
        return None
    if len(cleaned) > maximum:
        raise BadInput("text.field_too_long", field=field, maximum=maximum)
    if not _FORBIDDEN.isdisjoint(cleaned):
        raise BadInput("text.invalid_characters", field=field)
    return cleaned
