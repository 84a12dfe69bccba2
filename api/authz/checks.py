"""The one check the rules make: the caller is signed in and their role holds a permission.

The vocabulary is ``graph/access/permissions.py``; this only turns a missing permission into the error the
caller gets (``UNAUTHENTICATED`` without a token, ``FORBIDDEN`` with one).
"""

from __future__ import annotations

from api.errors import Forbidden, Unauthenticated
from graph.access.permissions import Permission
from graph.access.scope import Scope


def require(scope: Scope, permission: Permission) -> None:
    if not scope.authenticated:
        raise Unauthenticated()
    if not scope.can(permission):
        raise Forbidden()
