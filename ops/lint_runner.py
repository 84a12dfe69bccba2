"""What the project's own lints share: their findings, the files they read and how they report.

Each lint (``ops/cypher_lint.py``, ``ops/role_lint.py``, ``ops/scope_lint.py``) keeps only its rule; walking the
tree, printing findings and the exit status live here once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SKIP_DIRS = frozenset({".venv", ".himaya", "__pycache__", ".git", "node_modules"})


@dataclass(frozen=True)
class Violation:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def iter_files(roots: Iterable[Path], pattern: str = "*.py", *,
               keep: Callable[[Path], bool] = lambda _: True) -> Iterator[Path]:
    """The files matching ``pattern`` under each root (a root may be a file), sorted, outside tool folders."""
    for root in roots:
        if root.is_file() and root.match(pattern):
            yield root
        elif root.is_dir():
            for path in sorted(root.rglob(pattern)):
                if not SKIP_DIRS.intersection(path.parts) and keep(path):
                    yield path


def run(name: str, argv: list[str], default_roots: Iterable[str], lint: Callable[[list[Path]], list[Violation]],
        files: Callable[[list[Path]], Iterator[Path]], unit: str = "files") -> int:
    """Lint the given paths (or the default roots), print each finding, and answer the exit status."""
    roots = [Path(a) for a in argv] if argv else [Path(r) for r in default_roots if Path(r).exists()]
    violations = lint(roots)
    for violation in violations:
        print(violation)
    if violations:
        print(f"{name}: {len(violations)} problem(s)")
        return 1
    print(f"{name}: ok ({sum(1 for _ in files(roots))} {unit})")
    return 0
