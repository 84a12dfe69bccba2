"""The lint that keeps Cypher inside graph/**/repository.py and out of string formatting."""

from __future__ import annotations

from pathlib import Path

from ops.cypher_lint import lint, main

# Built from pieces so this test file itself holds no Cypher.
QUERY = "MAT" + "CH (c:Case {id: $id}) RET" + "URN c.reference AS reference"


def _write(root: Path, relative: str, body: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body)
    return path


def test_cypher_in_a_repository_is_allowed(tmp_path: Path) -> None:
    _write(tmp_path, "graph/cases/repository.py", f"Q = {QUERY!r}\n")
    assert lint([tmp_path]) == []


def test_cypher_in_a_resolver_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "api/cases/queries.py", f"Q = {QUERY!r}\n")
    violations = lint([tmp_path])
    assert len(violations) == 1
    assert "outside a repository" in violations[0].message


def test_fstring_cypher_is_refused_even_in_a_repository(tmp_path: Path) -> None:
    body = "label = 'Case'\nQ = f\"MAT" + "CH (c:{label} {{id: $id}}) RET" + "URN c.id AS id\"\n"
    _write(tmp_path, "graph/cases/repository.py", body)
    messages = [v.message for v in lint([tmp_path])]
    assert any("f-string" in m for m in messages)


def test_format_and_percent_cypher_are_refused(tmp_path: Path) -> None:
    body = f"A = {QUERY!r}.format(1)\nB = {QUERY!r} % (1,)\n"
    _write(tmp_path, "graph/cases/repository.py", body)
    messages = sorted(v.message for v in lint([tmp_path]))
    assert any("str.format" in m for m in messages)
    assert any("% formatting" in m for m in messages)


def test_docstrings_and_prose_are_not_cypher(tmp_path: Path) -> None:
    body = '"""We match cases to services; return what the caller may see."""\nX = "Return the match"\n'
    _write(tmp_path, "api/prose.py", body)
    assert lint([tmp_path]) == []


def test_main_exits_non_zero_on_violations(tmp_path: Path, capsys: object) -> None:
    _write(tmp_path, "seed/loader.py", f"Q = {QUERY!r}\n")
    assert main([str(tmp_path)]) == 1
    assert main([str(tmp_path / "nothing-here")]) == 0


def test_the_project_itself_is_clean() -> None:
    root = Path(__file__).resolve().parents[2]
    roots = [root / name for name in ("api", "graph", "seed", "ops", "tests")]
    assert lint(roots) == []
