"""The schema snapshot follows the code, and breaking changes against the released contract are caught."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from api.cli import main
from api.contracts.snapshot import (
    EXPORT_HINT,
    RELEASED_PATH,
    SNAPSHOT_PATH,
    compare,
    current_sdl,
    export_snapshot,
    snapshot_is_current,
)


def test_snapshot_matches_the_code() -> None:
    assert snapshot_is_current(), f"mobile_contracts/schema.graphql differs from the code's schema: {EXPORT_HINT}"


def test_export_is_stable(tmp_path: Path) -> None:
    target = tmp_path / "schema.graphql"
    assert export_snapshot(target) is True
    assert export_snapshot(target) is False
    assert target.read_text(encoding="utf-8") == SNAPSHOT_PATH.read_text(encoding="utf-8")


def test_current_schema_is_compatible_with_the_release() -> None:
    comparison = compare(RELEASED_PATH.read_text(encoding="utf-8"), current_sdl())
    assert comparison.breaking == [], [c.describe() for c in comparison.breaking]
    result = CliRunner().invoke(main, ["contracts", "check"])
    assert result.exit_code == 0, result.output
    assert "compatible with v1.graphql" in result.output


def _without_line(sdl: str, line: str) -> str:
    assert f"\n{line}\n" in sdl
    return sdl.replace(f"\n{line}\n", "\n", 1)


def test_a_removed_field_is_breaking(tmp_path: Path) -> None:
    released = current_sdl()
    changed = _without_line(released, "  reference: String!")  # Case.reference is the first such line
    comparison = compare(released, changed)
    assert not comparison.compatible
    assert any("reference was removed" in c.description for c in comparison.breaking)


def test_a_changed_field_type_is_breaking() -> None:
    released = current_sdl()
    changed = released.replace("  version: Int!\n  victim: Victim\n", "  version: String!\n  victim: Victim\n", 1)
    assert changed != released
    comparison = compare(released, changed)
    assert [c.kind for c in comparison.breaking] == ["FIELD_CHANGED_KIND"]
    assert "Case.version changed type from Int! to String!" in comparison.breaking[0].description


def test_a_new_enum_value_is_dangerous_not_breaking() -> None:
    released = current_sdl()
    changed = released.replace("enum Urgency {\n  ROUTINE\n", "enum Urgency {\n  ROUTINE\n  CRITICAL\n", 1)
    comparison = compare(released, changed)
    assert comparison.compatible
    assert [c.kind for c in comparison.dangerous] == ["VALUE_ADDED_TO_ENUM"]


def test_the_check_command_fails_and_lists_breaking_changes(tmp_path: Path) -> None:
    # A "released" contract with a field the code no longer has: removing it broke old clients.
    released = tmp_path / "v0.graphql"
    with_legacy = re.sub(r"(\ntype Case\b[^{]*\{\n)", r"\1  legacyNumber: String!\n", current_sdl(), count=1)
    assert "legacyNumber" in with_legacy
    released.write_text(with_legacy, encoding="utf-8")
    result = CliRunner().invoke(main, ["contracts", "check", "--released", str(released)])
    assert result.exit_code == 1
    assert "BREAKING" in result.output and "Case.legacyNumber was removed" in result.output
