"""Who is asking, reduced to what Cypher needs to decide which records they may see.

Every repository query that touches organisation-owned records receives ``scope.params()`` and
uses the fragments in ``graph/access/repository.py``: the decision is made inside the database,
never by filtering results in Python afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.access.permissions import ROLE_PERMISSIONS, Permission, Role, has

__all__ = ["ANONYMOUS", "Role", "Scope", "system_scope"]  # Role is defined with the permissions


@dataclass(frozen=True)
class Scope:
    user_id: str | None
    role: Role | None
    organization_id: str | None

    @property
    def authenticated(self) -> bool:
        return self.user_id is not None and self.role is not None

    @property
    def national(self) -> bool:
        """National work: every organisation's records."""
        return has(self.role, Permission.SEE_ALL_ORGANISATIONS)

    def can(self, permission: Permission) -> bool:
        """Whether the caller's role holds the permission (an anonymous caller holds none)."""
        return has(self.role, permission)

    def params(self) -> dict[str, Any]:
        """The ``$scope`` parameter every scoped query takes."""
        return {
            "scope": {
                "user": self.user_id,
                "role": self.role.value if self.role else None,
                "org": self.organization_id,
                "national": self.national,
                "permissions": sorted(ROLE_PERMISSIONS[self.role]) if self.role else [],
            }
        }


ANONYMOUS = Scope(user_id=None, role=None, organization_id=None)


def system_scope() -> Scope:
    """The scope of the system itself (migrations, seeding, the dispatcher): national, no user."""
    return Scope(user_id=None, role=Role.ADMIN, organization_id=None)
