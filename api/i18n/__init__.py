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


# A message is a template, or (when it counts something) one template per CLDR plural category of the locale
# ({"one": ..., "other": ...}; Arabic has zero, one, two, few, many and other), chosen by the ``count`` parameter.
Message = str | dict[str, str]


@cache
def messages(language: Language) -> dict[str, Message]:
    """One locale's messages, from ``api/i18n/messages/<language>.json`` (one file per locale, the same keys)."""
    loaded: dict[str, Message] = json.loads((MESSAGES_DIR / f"{language.value}.json").read_text(encoding="utf-8"))
    return loaded


@cache
def _locale(language: Language) -> Locale:
    return Locale.parse(language.value)


def plural_category(language: Language, count: int | float) -> str:
    """The CLDR plural category of ``count`` in the language (Babel's rules)."""
    category: str = _locale(language).plural_form(abs(count))
    return category


def _template(message: Message, language: Language, params: dict[str, object]) -> str:
    if isinstance(message, str):
        return message
    count = params.get("count")
    category = plural_category(language, count) if isinstance(count, int | float) else "other"
    return message.get(category) or message["other"]


def translate(key: str, language: Language, **params: object) -> str:
    catalogue = messages(language)
    message = catalogue.get(key) or messages(Language.EN).get(key) or catalogue["error.internal"]
    template = _template(message, language, params)
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
