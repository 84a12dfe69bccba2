"""Fail when Cypher appears outside ``graph/**/repository.py`` or is built with string formatting.

Run as ``python -m ops.cypher_lint [paths...]``; ``make test`` runs it over the whole project.
Cypher is recognised by its clause shapes (``MATCH (``, ``MERGE (``, ``UNWIND $``, ...), upper case as
this project writes it. Docstrings are prose and are not checked.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ops.lint_runner import Violation, iter_files, run

CYPHER = re.compile(
    r"\b(?:OPTIONAL\s+)?MATCH\s*\(|\bMERGE\s*\(|\bCREATE\s*\(|\bCREATE\s+(?:CONSTRAINT|INDEX|POINT\s+INDEX)\b"
    r"|\bUNWIND\s+[$\[\w]|\bDETACH\s+DELETE\b|\bCALL\s+(?:db|dbms|apoc|gds)\.|\bRETURN\s+\w+(?:\.\w+)?\s+AS\b"
    r"|\bWITH\s+\w+\s+WHERE\b|\bCALL\s*\{"
)
DEFAULT_ROOTS = ("api", "graph", "seed", "ops", "tests", "mobile_contracts")


def is_repository(path: Path) -> bool:
    parts = path.parts
    return path.name == "repository.py" and ("graph" in parts or "tests" in parts)


def looks_like_cypher(text: str) -> bool:
    return bool(CYPHER.search(text))


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _fstring_text(node: ast.JoinedStr) -> str:
    return "".join(v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else " x "
                   for v in node.values)


def check_source(path: Path, source: str) -> Iterator[Violation]:
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as exc:
        yield Violation(path, exc.lineno or 0, "cannot parse")
        return
    docstrings = _docstring_nodes(tree)
    in_repository = is_repository(path)
    inside_fstring: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for value in node.values:
                inside_fstring.add(id(value))
            if looks_like_cypher(_fstring_text(node)):
                yield Violation(path, node.lineno, "Cypher built with an f-string: pass values as $parameters")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            target = node.func.value
            if isinstance(target, ast.Constant) and isinstance(target.value, str) and looks_like_cypher(target.value):
                yield Violation(path, node.lineno, "Cypher built with str.format: pass values as $parameters")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            left = node.left
            if isinstance(left, ast.Constant) and isinstance(left.value, str) and looks_like_cypher(left.value):
                yield Violation(path, node.lineno, "Cypher built with % formatting: pass values as $parameters")
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
              and id(node) not in inside_fstring and not in_repository and looks_like_cypher(node.value)):
            yield Violation(path, node.lineno, "Cypher outside a repository: move it to graph/<domain>/repository.py")


def iter_python_files(roots: Iterable[Path]) -> Iterator[Path]:
    return iter_files(roots)


def lint(roots: Iterable[Path]) -> list[Violation]:
    violations: list[Violation] = []
    for path in iter_python_files(roots):
        violations.extend(check_source(path, path.read_text(encoding="utf-8")))
    return violations


def main(argv: list[str] | None = None) -> int:
    return run("cypher-lint", argv if argv is not None else sys.argv[1:], DEFAULT_ROOTS, lint, iter_python_files)


if __name__ == "__main__":
    sys.exit(main())
