"""The one free-text validator: trimmed, bounded, required or not, no control characters; one message family."""

from __future__ import annotations

import pytest

from api.common.text import clean_text
from api.errors import BadInput, ErrorCode
from api.i18n import Language, translate


def test_text_is_trimmed_and_empty_optional_text_is_none() -> None:
    assert clean_text("  Sfax  ", "place") == "Sfax"
    assert clean_text("   ", "place") is None
    assert clean_text(None, "place") is None
    assert clean_text("ligne 1\nligne 2\tfin", "note") == "ligne 1\nligne 2\tfin"


@pytest.mark.parametrize(("value", "maximum", "key"), [
    (None, 10, "text.field_required"), ("  ", 10, "text.field_required"),
    ("x" * 11, 10, "text.field_too_long"), ("a\x00b", 10, "text.invalid_characters"),
    ("a\x1bb", 10, "text.invalid_characters"),
])
def test_bad_text_is_bad_input_with_one_message_family(value: str | None, maximum: int, key: str) -> None:
    with pytest.raises(BadInput) as refused:
        clean_text(value, "alias", required=True, maximum=maximum)
    assert refused.value.code is ErrorCode.BAD_USER_INPUT
    assert refused.value.message_key == key
    assert refused.value.params["field"] == "alias"
    for language in Language:
        assert "alias" in translate(key, language, **refused.value.params)
