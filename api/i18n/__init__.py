"""User-facing text in French, Arabic and English, and the choice of language per request."""

from __future__ import annotations

from enum import StrEnum

from babel import Locale, UnknownLocaleError

from api.i18n.catalog import MESSAGES


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


def translate(key: str, language: Language, **params: object) -> str:
    entry = MESSAGES.get(key) or MESSAGES["error.internal"]
    template = entry.get(language.value) or entry["en"]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
