"""User-facing text in French, Arabic and English, and the choice of language per request."""

from __future__ import annotations

import json
from enum import StrEnum
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError

MESSAGES_DIR = Path(__file__).parent / "messages"


class Language(StrEnum):
    FR = "fr"
    AR = "ar"
    EN = "en"


DEFAULT_LANGUAGE = Language.FR
_SUPPORTED = [language.value for language in Language]


def negotiate(accept_language: str | None) -> Language:
    """Pick fr, ar or en from an Accept-Language header (French, the authority's working language, by default)."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    preferred: list[tuple[float, str]] = []
    for index, part in enumerate(accept_language.split(",")[:20]):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().replace("_", "-")
        quality = 1.0
        for param in pieces[1:]:
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and quality > 0:
            preferred.append((quality - index * 1e-6, tag))
    tags = [tag for _, tag in sorted(preferred, reverse=True)]
    try:
        chosen = Locale.negotiate(tags, _SUPPORTED, sep="-")
    except (UnknownLocaleError, ValueError):
        chosen = None
    return Language(chosen.language) if chosen is not None else DEFAULT_LANGUAGE


@cache
def messages(language: Language) -> dict[str, str]:
    """One locale's messages, from ``api/i18n/messages/<language>.json`` (one file per locale, the same keys)."""
    loaded: dict[str, str] = json.loads((MESSAGES_DIR / f"{language.value}.json").read_text(encoding="utf-8"))
    return loaded


def translate(key: str, language: Language, **params: object) -> str:
    catalogue = messages(language)
    template = catalogue.get(key) or messages(Language.EN).get(key) or catalogue["error.internal"]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
