"""Fail when a set of roles, or a check against one role, is written outside the permission vocabulary.

Every check asks for a permission (``graph/access/permissions.py``: ``Permission`` and ``ROLE_PERMISSIONS``);
this lint, run by ``make lint`` as ``python -m ops.role_lint [paths...]``, finds what would bypass it:

- a set of roles: a ``{...}`` / ``set(...)`` / ``frozenset(...)`` naming a ``Role`` member, a list or tuple
  made only of ``Role`` members, or a list, tuple or set made only of role names as strings;
- a comparison with a ``Role`` member (``scope.role is Role.X``, ``role in {...}``, ``== Role.X``);
- Cypher comparing a user's role with a literal (``role = 'X'``, ``role IN ['X']``, ``{role: 'X'}``).

Writing one role is fine (``Scope(role=Role.CASE_WORKER)`` in a seed). Tests are not linted: they state the
expected roles independently of the vocabulary. A line may carry ``# roles: <why>`` to be skipped.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ops.lint_runner import Violation, iter_files, run

DEFAULT_ROOTS = ("api", "graph", "seed", "ops")
VOCABULARY = Path("graph/access/permissions.py")
ROLE_NAMES = frozenset({  # roles: the names this lint looks for
    "ADMIN", "COORDINATOR", "CASE_WORKER", "PARTNER_AGENT", "JUDICIAL_OFFICER", "ANALYST",
    "DATA_PROTECTION_OFFICER"})
MARKER = re.compile(r"#\s*roles:\s*\S")
CYPHER_ROLE = re.compile(
    r"\brole\s*(?:=|<>|\bIN\b)\s*[\['\"]|\{\s*role\s*:\s*['\"]", re.IGNORECASE)
ADVICE = "ask for a Permission (graph/access/permissions.py) instead"


def _is_role_member(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Role"
            and node.attr in ROLE_NAMES)


def _is_role_name(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ROLE_NAMES


def _elements(node: ast.AST) -> list[ast.expr] | None:
    if isinstance(node, ast.Set | ast.List | ast.Tuple):
        return list(node.elts)
    return None


def _role_set(node: ast.AST) -> str | None:
    """Why this expression is a set of roles, or None."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"set", "frozenset"}
            and node.args):
        inner = _elements(node.args[0])
        if inner is not None and any(_is_role_member(e) or _is_role_name(e) for e in inner):
            return f"a {node.func.id} of roles"
        return None
    elements = _elements(node)
    if not elements:
        return None
    if isinstance(node, ast.Set) and any(_is_role_member(e) for e in elements):
        return "a set of roles"
    if all(_is_role_member(e) for e in elements):
        return "a collection of roles"
    if all(_is_role_name(e) for e in elements):
        return "a collection of role names"
    return None


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def check_source(path: Path, text: str) -> list[Violation]:
    if path.as_posix().endswith(VOCABULARY.as_posix()):
        return []
    tree = ast.parse(text, filename=str(path))
    lines = text.splitlines()
    docstrings = _docstrings(tree)
    found: list[Violation] = []
    reported: set[int] = set()  # one problem per expression (a role set inside a comparison counts once)

    def report(node: ast.AST, message: str) -> None:
        line = getattr(node, "lineno", 0)
        if MARKER.search(lines[line - 1] if 0 < line <= len(lines) else ""):
            return
        if id(node) not in reported:
            reported.add(id(node))
            found.append(Violation(path, line, f"{message}: {ADVICE}"))

    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_is_role_member(operand) for operand in operands):
                report(node, "a comparison with a role")
                reported.update(id(operand) for operand in operands)
            continue
        why = _role_set(node)
        if why is not None:
            report(node, why)
            reported.update(id(child) for child in ast.walk(node))
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
              and CYPHER_ROLE.search(node.value)):
            report(node, "Cypher comparing a role with a literal (pass the roles of a permission as a $parameter)")
    return sorted(found, key=lambda v: v.line)


def iter_python_files(roots: Iterable[Path]) -> Iterator[Path]:
    return iter_files(roots)


def lint(roots: Iterable[Path]) -> list[Violation]:
    violations: list[Violation] = []
    for path in iter_python_files(roots):
        violations.extend(check_source(path, path.read_text(encoding="utf-8")))
    return violations


def main(argv: list[str] | None = None) -> int:
    return run("role-lint", argv if argv is not None else sys.argv[1:], DEFAULT_ROOTS, lint, iter_python_files)


if __name__ == "__main__":
    sys.exit(main())
