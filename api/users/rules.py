"""Rules for user accounts: username and password policy, creation, disabling, password change."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from neo4j.exceptions import ConstraintError

from api.auth import passwords, totp
from api.errors import BadInput, Conflict, Forbidden, NotFound, Unauthenticated
from graph.access.scope import NATIONAL_ROLES, Role, Scope
from graph.db import Graph, Record
from graph.users import repository as users

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


def normalize_username(username: str) -> str:
    return username.strip().casefold()


def valid_username(username: str) -> bool:
    return bool(_USERNAME.match(username))


def check_password_policy(password: str, *, username: str) -> None:
    if len(password) < passwords.MIN_PASSWORD_LENGTH:
        raise BadInput("auth.password_too_short", minimum=passwords.MIN_PASSWORD_LENGTH)
    if len(password) > passwords.MAX_PASSWORD_LENGTH:
        raise BadInput("auth.password_too_long", maximum=passwords.MAX_PASSWORD_LENGTH)
    if username and username in password.casefold():
        raise BadInput("auth.password_contains_username")


def requires_totp(role: Role) -> bool:
    """National roles, and the data protection officer (who reads the whole audit trail), sign in with TOTP."""
    return role in NATIONAL_ROLES or role is Role.DATA_PROTECTION_OFFICER


@dataclass(frozen=True)
class CreatedUser:
    id: str
    username: str
    role: Role
    organization_id: str
    totp_secret: str | None

    @property
    def otpauth_uri(self) -> str | None:
        return totp.provisioning_uri(self.totp_secret, self.username) if self.totp_secret else None


async def create_user(graph: Graph, *, username: str, password: str, role: Role, organization_code: str,
                      with_totp: bool | None = None) -> CreatedUser:
    """Create an account; national roles get a TOTP secret unless told otherwise."""
    username = normalize_username(username)
    if not valid_username(username):
        raise BadInput("auth.invalid_username")
    check_password_policy(password, username=username)
    secret = totp.new_secret() if (requires_totp(role) if with_totp is None else with_totp) else None
    password_hash = passwords.hash_password(password)
    try:
        row = await users.create_user(graph, user_id=str(uuid.uuid4()), username=username, role=role.value,
                                      password_hash=password_hash, totp_secret=secret,
                                      organization_code=organization_code.strip())
    except ConstraintError as exc:
        raise Conflict("error.conflict", detail="username") from exc
    if row is None:
        raise NotFound("auth.unknown_organization")
    return CreatedUser(id=row["id"], username=username, role=role, organization_id=row["organizationId"],
                       totp_secret=secret)


async def disable_user(graph: Graph, username: str) -> int:
    """Disable the account and revoke its sessions; the number of sessions revoked."""
    row = await users.disable_user(graph, normalize_username(username))
    if row is None:
        raise NotFound("error.not_found")
    return int(row["revokedSessions"])


async def change_password(graph: Graph, *, user_id: str, current_password: str, new_password: str) -> None:
    """Check the current password, store the new hash and end every session of the user."""
    row = await users.find_credentials(graph, user_id)
    if row is None or not await passwords.verify_password_async(row["passwordHash"], current_password):
        raise Unauthenticated("auth.invalid_credentials")
    check_password_policy(new_password, username=row["username"])
    await set_password(graph, user_id=user_id, new_password=new_password)


async def set_password(graph: Graph, *, user_id: str, new_password: str) -> None:
    """Store a new password hash and revoke every session (administrative reset, or after checks)."""
    if await users.change_password(graph, user_id, passwords.hash_password(new_password)) is None:
        raise NotFound("error.not_found")


# ----- the caller, members, and account administration through the API (issue 13) -----
# An organisation's own administrator is an ordinary member (any role but ANALYST) whose account carries
# ``organizationAdmin: true``: they manage their organisation's accounts only. ADMIN manages every account.
# Only ADMIN may create national roles, the data protection officer, or other organisation administrators.
ADMIN_ONLY_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR, Role.DATA_PROTECTION_OFFICER})


def hash_token(token: str) -> str:
    """Enrolment links are stored only as this hash."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _require_signed_in(scope: Scope) -> None:
    if not scope.authenticated:
        raise Unauthenticated()


async def me(graph: Graph, scope: Scope) -> dict[str, Any]:
    """The caller's account, organisation and the operations their role may call."""
    from api.authz.matrix import MATRIX, OperationType

    _require_signed_in(scope)
    row = await users.me(graph, scope.params())
    if row is None:
        raise NotFound()
    queries = sorted(name for name, access in MATRIX[OperationType.QUERY].items()
                     if access.public or scope.role in access.roles)
    mutations = sorted(name for name, access in MATRIX[OperationType.MUTATION].items()
                       if access.public or scope.role in access.roles)
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
    if scope.role is not Role.ADMIN and (role in ADMIN_ONLY_ROLES or organization_admin):
        raise Forbidden("users.admin_only_role")
    if role is Role.ANALYST and organization_admin:
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
    row = await users.disable_account(graph, user_id, scope.params())
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
    row = await users.reset_totp(graph, user_id, token_hash, expires, scope.params())
    if row is None:
        raise NotFound()
    if not row["allowed"]:
        raise Forbidden("users.not_your_organization")
    user: Record = row["user"]
    return user, Enrolment(user_id=user["id"], organization_id=user["organizationId"], token=token,
                           expires_at=expires)
