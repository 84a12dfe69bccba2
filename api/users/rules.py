"""Accounts through the API (issue 13): the caller, an organisation's members, enrolment links, disabling, TOTP reset.

Username and password policy, and accounts made from the server shell, live in ``api/auth/accounts.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from neo4j.exceptions import ConstraintError

from api.auth import passwords, totp
from api.auth.accounts import check_password_policy, normalize_username, requires_totp, valid_username
from api.auth.session_cache import SESSION_CHECKS
from api.authz.matrix import MATRIX, OperationType
from api.errors import BadInput, Conflict, Forbidden, NotFound, Unauthenticated
from graph.access.permissions import Permission, Role, has
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.users import repository as users

__all__ = ["Enrolment", "complete_enrolment", "create_account", "disable_account", "hash_token", "me",
           "normalize_username", "organization_members", "reset_totp"]

# An organisation's own administrator is an ordinary member (any role but ANALYST) whose account carries
# ``organizationAdmin: true``: they manage their organisation's accounts only. ADMIN manages every account.
# Only MANAGE_ALL_ACCOUNTS (ADMIN) may create a role that signs in with TOTP (national reach, the data protection
# officer) or another organisation administrator.


def hash_token(token: str) -> str:
    """Enrolment links are stored only as this hash."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _require_signed_in(scope: Scope) -> None:
    if not scope.authenticated:
        raise Unauthenticated()


def _allowed(scope: Scope, operation_type: OperationType) -> list[str]:
    return sorted(name for name, access in MATRIX[operation_type].items()
                  if access.public or (access.permission is not None and scope.can(access.permission)))


async def me(graph: Graph, scope: Scope) -> dict[str, Any]:
    """The caller's account, organisation and the operations their role may call."""
    _require_signed_in(scope)
    row = await users.me(graph, scope.params())
    if row is None:
        raise NotFound()
    queries = _allowed(scope, OperationType.QUERY)
    mutations = _allowed(scope, OperationType.MUTATION)
    return {**row["user"], "organizationId": row["organizationId"], "queries": queries, "mutations": mutations}


async def organization_members(graph: Graph, scope: Scope, organization_id: str | None,
                               include_disabled: bool) -> list[Record]:
    _require_signed_in(scope)
    wanted = organization_id or scope.organization_id
    if wanted is None:
        return []
    if not scope.national and wanted != scope.organization_id:
        raise NotFound()
    return await users.organization_members(graph, wanted, include_disabled, scope.params())


@dataclass(frozen=True)
class Enrolment:
    user_id: str
    organization_id: str
    token: str
    expires_at: dt.datetime


def _new_link(hours: int) -> tuple[str, str, dt.datetime]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token), dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours)


async def create_account(graph: Graph, scope: Scope, *, username: str, role: Role, organization_code: str,
                         organization_admin: bool, link_hours: int) -> Enrolment:
    """A disabled account and its one-time enrolment link (the person sets their own password)."""
    _require_signed_in(scope)
    name = normalize_username(username)
    if not valid_username(name):
        raise BadInput("auth.invalid_username")
    if not scope.can(Permission.MANAGE_ALL_ACCOUNTS) and (requires_totp(role) or organization_admin):
        raise Forbidden("users.admin_only_role")
    if organization_admin and not has(role, Permission.MANAGE_ACCOUNTS):
        raise BadInput("casework.invalid_value", field="organizationAdmin")
    token, token_hash, expires = _new_link(link_hours)
    user_id = str(uuid.uuid4())
    try:
        row = await users.create_enrolling_user(graph, {
            "id": user_id, "username": name, "role": role.value, "organizationAdmin": organization_admin,
            "organizationCode": organization_code.strip(), "tokenHash": token_hash, "expiresAt": expires},
            scope.params())
    except ConstraintError as exc:
        raise Conflict("users.username_taken") from exc
    if row is None:
        raise NotFound("auth.unknown_organization")
    if not row["allowed"]:
        raise Forbidden("users.not_your_organization")
    return Enrolment(user_id=user_id, organization_id=row["organizationId"], token=token, expires_at=expires)


async def complete_enrolment(graph: Graph, token: str, password: str) -> dict[str, Any]:
    """Spend the link: set the password; national roles get their TOTP provisioning URI (shown once)."""
    cleaned = (token or "").strip()
    if not cleaned or len(cleaned) > 200:
        raise BadInput("users.enrolment_invalid")
    secret = totp.new_secret()
    row = await users.find_enrolment(graph, hash_token(cleaned))
    if row is None:
        raise BadInput("users.enrolment_invalid")
    check_password_policy(password, username=row["username"])
    role = Role(row["role"])
    with_totp = requires_totp(role)
    done = await users.complete_enrolment(graph, {"tokenHash": hash_token(cleaned),
                                                  "passwordHash": passwords.hash_password(password),
                                                  "withTotp": with_totp, "totpSecret": secret if with_totp else None})
    if done is None:
        raise BadInput("users.enrolment_invalid")
    if done["outcome"] == "USED":
        raise BadInput("users.enrolment_used")
    if done["outcome"] == "EXPIRED":
        raise BadInput("users.enrolment_expired")
    return {"username": done["username"], "role": done["role"],
            "otpauthUri": totp.provisioning_uri(secret, done["username"]) if with_totp else None}


async def disable_account(graph: Graph, scope: Scope, user_id: str) -> Record:
    _require_signed_in(scope)
    SESSION_CHECKS.forget_user(user_id)
    row = await users.disable_account(graph, user_id, scope.params())
    SESSION_CHECKS.forget_user(user_id)
    if row is None:
        raise NotFound()
    if not row["allowed"]:
        raise Forbidden("users.not_your_organization")
    record: Record = row["user"]
    return record


async def reset_totp(graph: Graph, scope: Scope, user_id: str, link_hours: int) -> tuple[Record, Enrolment]:
    """The account is suspended until its person enrols again through the new link (new password, new TOTP)."""
    _require_signed_in(scope)
    token, token_hash, expires = _new_link(link_hours)
    SESSION_CHECKS.forget_user(user_id)
    row = await users.reset_totp(graph, user_id, token_hash, expires, scope.params())
    SESSION_CHECKS.forget_user(user_id)
    if row is None:
        raise NotFound()
    if not row["allowed"]:
        raise Forbidden("users.not_your_organization")
    user: Record = row["user"]
    return user, Enrolment(user_id=user["id"], organization_id=user["organizationId"], token=token,
                           expires_at=expires)
