"""Fail when a repository statement touches person-level or case-level nodes without the caller's scope.

Like the organisation-scoping lint of the models this project follows: every Cypher statement in
``graph/**/repository.py`` that names one of the labels in ``SCOPED_LABELS`` (``graph/access/repository.py``,
which domains extend) must embed a ``graph/access`` fragment (a name imported from ``graph.access.repository``)
or use ``$scope``, or carry an explicit ``// unscoped: <why>`` line (the system worker, the anonymous reporter
with a receipt, the seed). Run as ``python -m ops.scope_lint [paths...]``; ``make lint`` runs it.

A statement is a module-level assignment (string constants joined with ``+`` and names of fragments) or a
function building Cypher from fixed fragments; the text of the module's own fragments it names is included.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ops.cypher_lint import looks_like_cypher
from ops.lint_runner import Violation, iter_files, run

DEFAULT_ROOTS = ("graph",)
ACCESS_MODULE = "graph.access.repository"
LABELS_FILE = Path(__file__).resolve().parent.parent / "graph" / "access" / "repository.py"
MARKER = re.compile(r"//\s*unscoped:\s*\S")


def scoped_labels(source: Path = LABELS_FILE) -> tuple[str, ...]:
    """``SCOPED_LABELS`` as written in graph/access/repository.py (read, not imported: ops sits below graph)."""
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "SCOPED_LABELS"
                                                 for t in node.targets)):
            labels: tuple[str, ...] = tuple(ast.literal_eval(node.value))
            return labels
    raise LookupError(f"SCOPED_LABELS not found in {source}")


def _label_pattern(labels: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"[:|]\s*(" + "|".join(re.escape(label) for label in labels) + r")\b")


def _access_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == ACCESS_MODULE:
            names |= {alias.asname or alias.name for alias in node.names}
        if isinstance(node, ast.ImportFrom) and node.module == "graph.access" and any(
                alias.name == "repository" for alias in node.names):
            names |= {alias.asname or alias.name for alias in node.names if alias.name == "repository"}
    return names


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _parts(node: ast.AST, docstrings: set[int]) -> tuple[list[str], set[str]]:
    """The string constants and the names an expression or a function is built from."""
    texts: list[str] = []
    names: set[str] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str) and id(child) not in docstrings:
            texts.append(child.value)
        elif isinstance(child, ast.Name):
            names.add(child.id)
        elif isinstance(child, ast.Attribute) and isinstance(child.value, ast.Name):
            names.add(child.value.id)
    return texts, names


def _module_constants(tree: ast.Module, docstrings: set[int]) -> dict[str, str]:
    """The text of each module-level string constant, its own fragments included (one level)."""
    raw: dict[str, tuple[str, set[str]]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    texts, names = _parts(node.value, docstrings)
                    raw[target.id] = ("".join(texts), names)
    return {name: text + "".join(raw[n][0] for n in names if n in raw) for name, (text, names) in raw.items()}


def _imported_fragments(tree: ast.Module, root: Path) -> dict[str, str]:
    """Fragments imported from other repositories (``from graph.x.repository import NAME``), by local name."""
    found: dict[str, str] = {}
    for node in tree.body:
        if not (isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("graph.")
                and node.module != ACCESS_MODULE):
            continue
        source = root.joinpath(*node.module.split(".")).with_suffix(".py")
        if not source.is_file():
            continue
        other = ast.parse(source.read_text(encoding="utf-8"))
        constants = _module_constants(other, _docstrings(other))
        for alias in node.names:
            if alias.name in constants:
                found[alias.asname or alias.name] = constants[alias.name]
    return found


def _project_root(path: Path) -> Path:
    parts = path.resolve().parts
    return Path(*parts[:len(parts) - 1 - parts[::-1].index("graph")]) if "graph" in parts else path.parent


def check_source(path: Path, text: str, labels: tuple[str, ...] | None = None) -> list[Violation]:
    tree = ast.parse(text, filename=str(path))
    pattern = _label_pattern(labels if labels is not None else scoped_labels())
    access = _access_names(tree)
    docstrings = _docstrings(tree)
    statements: list[tuple[ast.stmt, str | None]] = []
    constants: dict[str, str] = _imported_fragments(tree, _project_root(path))  # fragments, by name
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            name = next((t.id for t in targets if isinstance(t, ast.Name)), None)
            statements.append((node, name))
            if name is not None:
                constants[name] = "".join(_parts(node.value, docstrings)[0])
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            statements.append((node, None))
    found: list[Violation] = []
    for node, _name in statements:
        body = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else node
        assert body is not None
        texts, names = _parts(body, docstrings)
        own = "".join(texts)
        if not looks_like_cypher(own) or not pattern.search(own):
            continue
        embedded = own + "".join(constants.get(n, "") for n in names)
        if "$scope" in embedded or names & access or MARKER.search(embedded):
            continue
        label = pattern.search(own)
        assert label is not None
        found.append(Violation(path, node.lineno, f"a statement on :{label.group(1)} without the caller's scope: "
                                                  "embed a graph/access fragment or $scope, or add "
                                                  "'// unscoped: <why>'"))
    return found


def iter_repositories(roots: Iterable[Path]) -> Iterator[Path]:
    return iter_files(roots, "repository.py", keep=lambda path: path.resolve() != LABELS_FILE)


def lint(roots: Iterable[Path], labels: tuple[str, ...] | None = None) -> list[Violation]:
    chosen = labels if labels is not None else scoped_labels()
    violations: list[Violation] = []
    for path in iter_repositories(roots):
        violations.extend(check_source(path, path.read_text(encoding="utf-8"), chosen))
    return violations


def main(argv: list[str] | None = None) -> int:
    return run("scope-lint", argv if argv is not None else sys.argv[1:], DEFAULT_ROOTS, lint, iter_repositories,
               "repositories")


if __name__ == "__main__":
    sys.exit(main())
