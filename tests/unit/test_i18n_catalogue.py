"""The message catalogue: every locale has the same keys and placeholders, and every key the code uses exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from api.i18n import Language, messages, translate
from api.settings import PROJECT_ROOT


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_locale_has_the_same_keys_and_placeholders() -> None:
    reference = messages(Language.EN)
    for language in Language:
        catalogue = messages(language)
        assert set(catalogue) == set(reference), f"{language}: keys differ from en"
        for key, template in catalogue.items():
            assert template.strip(), f"{language}:{key} is empty"
            assert placeholders(template) == placeholders(reference[key]), f"{language}:{key} placeholders differ"


def test_every_key_the_code_uses_exists() -> None:
    known = set(messages(Language.EN))
    families = sorted({key.split(".")[0] for key in known})
    key_in_code = re.compile(r"""["']((?:""" + "|".join(families) + r""")\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)["']""")
    used: set[str] = set()
    for path in list((PROJECT_ROOT / "api").rglob("*.py")) + list((PROJECT_ROOT / "graph").rglob("*.py")):
        used |= set(key_in_code.findall(Path(path).read_text(encoding="utf-8")))
    assert len(used) > 20  # the scan itself works
    assert sorted(used - known) == []


@pytest.mark.parametrize("language", list(Language))
def test_translate_fills_placeholders_in_each_locale(language: Language) -> None:
    text = translate("error.page_too_large", language, maximum=100)
    assert "100" in text
    assert "{" not in text


def test_unknown_key_falls_back_to_the_internal_error_text() -> None:
    assert translate("no.such.key", Language.FR) == messages(Language.FR)["error.internal"]
