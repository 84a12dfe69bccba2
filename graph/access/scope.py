"""Who is asking, reduced to what Cypher needs to decide which records they may see.

Every repository query that touches organisation-owned records receives ``scope.params()`` and
uses the fragments in ``graph/access/repository.py``: the decision is made inside the database,
never by filtering results in Python afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    ADMIN = "ADMIN"
    COORDINATOR = "COORDINATOR"
    CASE_WORKER = "CASE_WORKER"
    PARTNER_AGENT = "PARTNER_AGENT"
    JUDICIAL_OFFICER = "JUDICIAL_OFFICER"
    ANALYST = "ANALYST"
    # Reads the audit trail (who read or changed what, when, why); no casework, no personal data.
    DATA_PROTECTION_OFFICER = "DATA_PROTECTION_OFFICER"


# Roles whose work is national: they see every organisation's records.
NATIONAL_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR})


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
        return self.role in NATIONAL_ROLES

    def params(self) -> dict[str, Any]:
        """The ``$scope`` parameter every scoped query takes."""
        return {
            "scope": {
                "user": self.user_id,
                "role": self.role.value if self.role else None,
                "org": self.organization_id,
                "national": self.national,
            }
        }


ANONYMOUS = Scope(user_id=None, role=None, organization_id=None)


def system_scope() -> Scope:
    """The scope of the system itself (migrations, seeding, the dispatcher): national, no user."""
    return Scope(user_id=None, role=Role.ADMIN, organization_id=None)
