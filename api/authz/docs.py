"""ACCESS_MATRIX.md, generated from the matrix (``himaya authz matrix --write``; a test fails when stale)."""

from __future__ import annotations

from pathlib import Path

from api.authz.matrix import MATRIX, Access, OperationType
from api.settings import PROJECT_ROOT
from graph.access.permissions import Permission, Role, has

DOCUMENT = PROJECT_ROOT / "ACCESS_MATRIX.md"
ALLOWED = "✅"
DENIED = "—"

INTRODUCTION = """\
# Access matrix

Generated from `api/authz/matrix.py` by `himaya authz matrix --write`; do not edit by hand (a test fails
when this file and the matrix disagree).

Every root Query and Mutation field names one permission (`graph/access/permissions.py`, where
`ROLE_PERMISSIONS` grants permissions to roles) and is checked before its resolver runs. An
operation missing from the table is refused to everybody (deny by default). A refused signed-in caller
gets `FORBIDDEN`; a caller without a token gets `UNAUTHENTICATED`. The rules behind each operation still
decide which records a caller may see or change (their organisation, the record's state), so an allowed
caller may still get `NOT_FOUND`, `CONFLICT` or `BAD_USER_INPUT`.

Audited (hash-chained `:AuditEvent`, checked by `himaya audit verify`): every mutation, every read of
identity-class data (🔒), and every refusal. ANALYST sees aggregates and reference data only.
"""


def _row(name: str, access: Access) -> str:
    cells = [f"`{name}`" + (" 🔒" if access.identity else "")]
    cells.append(f"`{access.permission.value}`" if access.permission is not None else "")
    cells += [ALLOWED if access.public or role in access.roles else DENIED for role in Role]
    if access.public:
        cells.append(ALLOWED)
    elif access.public_when is not None:
        cells.append(f"{ALLOWED} ({access.public_when.describe()})")
    else:
        cells.append(DENIED)
    notes = [access.note] if access.note else []
    if access.reason_argument:
        notes.append(f"reason: `{access.reason_argument}`")
    cells.append("; ".join(notes))
    return "| " + " | ".join(cells) + " |"


def _permissions() -> str:
    header = "| permission | " + " | ".join(role.value for role in Role) + " |"
    rule = "|" + "---|" * (len(Role) + 1)
    rows = [f"| `{permission.value}` | " + " | ".join(ALLOWED if has(role, permission) else DENIED for role in Role)
            + " |" for permission in Permission]
    return f"\n## Permissions ({len(Permission)})\n\n{header}\n{rule}\n" + "\n".join(rows)


def render() -> str:
    header = "| operation | permission | " + " | ".join(role.value for role in Role) + " | anonymous | notes |"
    rule = "|" + "---|" * (len(Role) + 4)
    parts = [INTRODUCTION]
    for operation_type, title in ((OperationType.QUERY, "Queries"), (OperationType.MUTATION, "Mutations")):
        operations = MATRIX[operation_type]
        parts.append(f"\n## {title} ({len(operations)})\n\n{header}\n{rule}")
        parts.extend(_row(name, operations[name]) for name in sorted(operations))
    parts.append(_permissions())
    return "\n".join(parts) + "\n"


def write(path: Path = DOCUMENT) -> bool:
    """Write the document; whether it changed."""
    text = render()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
