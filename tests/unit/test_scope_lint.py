"""The scoping lint: a repository statement on person-level or case-level nodes carries the caller's scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.settings import PROJECT_ROOT
from ops.scope_lint import lint, main, scoped_labels

# Built from pieces so this test file itself holds no Cypher.
MATCH = "MAT" + "CH"
RETURN = "RET" + "URN"
UNSCOPED = f"{MATCH} (v:Victim {{id: $id}}) {RETURN} v.alias AS alias"
WITH_SCOPE = f"{MATCH} (v:Victim {{id: $id}}) WHERE $scope.national {RETURN} v.alias AS alias"
NETWORK = f"{MATCH} (o:Organization {{id: $id}}) {RETURN} o.name AS name"


def _write(root: Path, relative: str, body: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def test_an_unscoped_statement_on_a_victim_fails_the_lint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, "graph/victims/repository.py", f"GET = {UNSCOPED!r}\n")
    violations = lint([tmp_path])
    assert len(violations) == 1
    assert ":Victim without the caller's scope" in violations[0].message
    assert main([str(tmp_path)]) == 1
    assert "scope-lint: 1 problem(s)" in capsys.readouterr().out


@pytest.mark.parametrize("body", [
    f"GET = {WITH_SCOPE!r}\n",
    f"from graph.access.repository import VICTIM_VISIBLE\nGET = {UNSCOPED!r} + VICTIM_VISIBLE\n",
    f"GET = {(UNSCOPED + chr(10) + '// unscoped: the retention job (system)')!r}\n",
    f"GET = {NETWORK!r}\n",
])
def test_scope_a_fragment_a_marker_or_network_data_pass(tmp_path: Path, body: str) -> None:
    _write(tmp_path, "graph/victims/repository.py", body)
    assert lint([tmp_path]) == []


def test_a_fragment_imported_from_another_repository_counts_with_its_scope(tmp_path: Path) -> None:
    _write(tmp_path, "graph/victims/repository.py", 'VISIBLE = "($scope.national)"\n')
    _write(tmp_path, "graph/consents/repository.py",
           f"from graph.victims.repository import VISIBLE\nGET = {UNSCOPED!r} + VISIBLE\n")
    assert lint([tmp_path / "graph" / "consents"]) == []


def test_the_labels_are_the_ones_graph_access_declares_and_a_new_label_is_checked(tmp_path: Path) -> None:
    assert {"Victim", "Identity", "Case", "Referral", "Report", "Consent", "Transmission", "Screening"} <= set(
        scoped_labels())
    _write(tmp_path, "graph/trafficking/repository.py", f"GET = {NETWORK!r}\n")
    assert len(lint([tmp_path], labels=(*scoped_labels(), "Organization"))) == 1


def test_the_project_repositories_are_all_scoped() -> None:
    assert lint([PROJECT_ROOT / "graph"]) == []
