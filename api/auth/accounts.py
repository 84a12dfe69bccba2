"""User accounts (once api/users): username and password policy, creation, disabling, password change."""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass

from neo4j.exceptions import ConstraintError

from api.auth import passwords, totp
from api.auth.session_cache import SESSION_CHECKS
from api.errors import BadInput, Conflict, NotFound, Unauthenticated, Unavailable
from api.protection import default_sealer
from graph.access.permissions import Permission, Role, has
from graph.db import Graph, Record
from graph.protected.envelope import SealingError
from graph.protected.sealer import Sealer
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
    """National reach, and the data protection officer (who reads the whole audit trail), sign in with TOTP."""
    return has(role, Permission.SIGN_IN_WITH_TOTP)


logger = logging.getLogger("himaya.users")


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
                      with_totp: bool | None = None, sealer: Sealer | None = None) -> CreatedUser:
    """Create an account; national roles get a TOTP secret unless told otherwise."""
    username = normalize_username(username)
    if not valid_username(username):
        raise BadInput("auth.invalid_username")
    check_password_policy(password, username=username)
    secret = totp.new_secret() if (requires_totp(role) if with_totp is None else with_totp) else None
    password_hash = await passwords.hash_password_async(password)
    user_id = str(uuid.uuid4())
    totp_key, totp_sealed = (sealer or default_sealer()).seal_field(user_id, "totpSecret", secret)
    try:
        row = await users.create_user(graph, user_id=user_id, username=username, role=role.value,
                                      password_hash=password_hash, totp_secret_sealed=totp_sealed, totp_key=totp_key,
                                      organization_code=organization_code.strip())
    except ConstraintError as exc:
        raise Conflict("auth.username_taken") from exc
    if row is None:
        raise NotFound("auth.unknown_organization")
    return CreatedUser(id=row["id"], username=username, role=role, organization_id=row["organizationId"],
                       totp_secret=secret)


def totp_secret_of(sealer: Sealer, user: Record) -> str | None:
    """The account's TOTP seed, opened from its sealed form (a seed stored before sealing is read as it is)."""
    try:
        opened = sealer.open_field(user.get("totpKey"), str(user["id"]), "totpSecret", user.get("totpSecretSealed"))
    except SealingError:
        # Fail closed: a seed that cannot be opened (wrong keys) must never mean "no second factor".
        logger.error("a TOTP seed could not be opened: check the keys in HIMAYA_STATE_DIR")
        raise Unavailable() from None
    legacy = user.get("totpSecret")
    return opened if opened is not None else (str(legacy) if legacy else None)


async def disable_user(graph: Graph, username: str) -> int:
    """Disable the account and revoke its sessions; the number of sessions revoked."""
    row = await users.disable_user(graph, normalize_username(username))
    if row is None:
        raise NotFound("error.not_found")
    SESSION_CHECKS.forget_user(str(row["id"]))
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
    SESSION_CHECKS.forget_user(user_id)
    changed = await users.change_password(graph, user_id, await passwords.hash_password_async(new_password))
    SESSION_CHECKS.forget_user(user_id)
    if changed is None:
        raise NotFound("error.not_found")
