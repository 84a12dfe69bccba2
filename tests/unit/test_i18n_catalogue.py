"""The message catalogue: every locale has the same keys and placeholders, and every key the code uses exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel import Locale

from api.i18n import Language, Message, messages, plural_category, translate
from api.settings import PROJECT_ROOT


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def forms(message: Message) -> dict[str, str]:
    return {"other": message} if isinstance(message, str) else message


def test_every_locale_has_the_same_keys_and_placeholders() -> None:
    reference = messages(Language.EN)
    for language in Language:
        catalogue = messages(language)
        assert set(catalogue) == set(reference), f"{language}: keys differ from en"
        for key, message in catalogue.items():
            assert isinstance(message, str) == isinstance(reference[key], str), f"{language}:{key} plural or not"
            expected = placeholders(forms(reference[key])["other"])
            for category, template in forms(message).items():
                assert template.strip(), f"{language}:{key}:{category} is empty"
                # a form naming its number in words ("مكانان") may leave {count} out, never add a placeholder
                assert placeholders(template) <= expected, f"{language}:{key}:{category} placeholders differ"
            assert placeholders(forms(message)["other"]) == expected, f"{language}:{key} placeholders differ"


def test_a_counted_message_has_every_plural_form_of_its_locale() -> None:
    for language in Language:
        needed = set(Locale.parse(language.value).plural_form.tags) | {"other"}
        for key, message in messages(language).items():
            if isinstance(message, dict):
                assert set(message) == needed, f"{language}:{key} has {sorted(message)}, CLDR has {sorted(needed)}"


@pytest.mark.parametrize(("language", "count", "category"), [
    (Language.AR, 0, "zero"), (Language.AR, 1, "one"), (Language.AR, 2, "two"), (Language.AR, 3, "few"),
    (Language.AR, 11, "many"), (Language.AR, 100, "other"), (Language.FR, 0, "one"), (Language.FR, 2, "other"),
    (Language.EN, 1, "one"), (Language.EN, 0, "other"),
])
def test_plural_categories_follow_cldr(language: Language, count: int, category: str) -> None:
    assert plural_category(language, count) == category


def test_a_counted_message_takes_the_form_of_its_count() -> None:
    assert translate("assistance.reason.capacity", Language.EN, count=1) == "1 place available"
    assert translate("assistance.reason.capacity", Language.EN, count=3) == "3 places available"
    assert translate("assistance.reason.capacity", Language.FR, count=0) == "0 place disponible"
    assert translate("assistance.reason.capacity", Language.AR, count=2) == "مكانان متاحان"
    assert translate("assistance.reason.capacity", Language.AR, count=5) == "5 أماكن متاحة"
    assert "(s)" not in "".join(str(m) for m in messages(Language.EN).values())


def test_no_english_sentence_is_passed_into_a_translated_error() -> None:
    offenders = [f"{path.relative_to(PROJECT_ROOT)}:{number}"
                 for path in (PROJECT_ROOT / "api").rglob("*.py")
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if re.search(r"""(BadInput|Conflict|NotFound|Forbidden)\([^)]*detail=["']""", line)]
    assert offenders == []


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
