"""Country and language codes, checked against CLDR (through Babel): the one home of both checks."""

from __future__ import annotations

from functools import cache

from babel import Locale


@cache
def _babel_english() -> Locale:
    return Locale("en")


def is_language(code: str) -> bool:
    """An ISO 639-1 code (two lower-case letters) known to CLDR."""
    return len(code) == 2 and code.isascii() and code.islower() and code in _babel_english().languages


def is_country(code: str) -> bool:
    """An ISO 3166-1 alpha-2 code (two upper-case letters) known to CLDR."""
    return (len(code) == 2 and code.isascii() and code.isalpha() and code.isupper()
            and code in _babel_english().territories)
