"""The lint that keeps every role set inside the permission vocabulary (graph/access/permissions.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.settings import PROJECT_ROOT
from ops.role_lint import DEFAULT_ROOTS, lint, main


def _write(root: Path, relative: str, body: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body)
    return path


@pytest.mark.parametrize(("body", "why"), [
    ("X = frozenset({Role.ADMIN, Role.COORDINATOR})\n", "frozenset of roles"),
    ("def f(scope):\n    return scope.role not in {Role.ADMIN}\n", "set of roles"),
    ("def f(scope):\n    return scope.role is Role.JUDICIAL_OFFICER\n", "comparison with a role"),
    ("X = (Role.CASE_WORKER, Role.PARTNER_AGENT)\n", "collection of roles"),
    ('X = ["ADMIN", "COORDINATOR"]\n', "collection of role names"),
    ("Q = \"WHERE u.role = 'COORDINATOR'\"\n", "Cypher comparing a role"),
    ("Q = \"(u:User {role: 'COORDINATOR'})\"\n", "Cypher comparing a role"),
])
def test_a_planted_role_set_fails_the_lint(tmp_path: Path, body: str, why: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, "api/cases/rules.py", body)
    violations = lint([tmp_path])
    assert len(violations) == 1
    assert why in violations[0].message
    assert "Permission" in violations[0].message
    assert main([str(tmp_path)]) == 1
    assert "role-lint: 1 problem(s)" in capsys.readouterr().out


def test_one_role_a_permission_check_or_a_marked_line_pass(tmp_path: Path) -> None:
    _write(tmp_path, "seed/demo.py", "S = Scope(user_id=None, role=Role.CASE_WORKER, organization_id=None)\n"
                                     "USERS = [('demo.admin', Role.ADMIN, 'INLTP')]\n"
                                     "OK = scope.can(Permission.MANAGE_CASES)\n"
                                     "Q = 'WHERE u.role IN $authorityRoles'\n"
                                     "X = {Role.ADMIN}  # roles: a documented exception\n")
    assert lint([tmp_path]) == []


def test_the_vocabulary_itself_may_name_roles(tmp_path: Path) -> None:
    _write(tmp_path, "graph/access/permissions.py", "X = frozenset({Role.ADMIN, Role.COORDINATOR})\n")
    assert lint([tmp_path]) == []


def test_the_project_has_no_role_set_outside_the_vocabulary() -> None:
    assert lint([PROJECT_ROOT / root for root in DEFAULT_ROOTS]) == []
