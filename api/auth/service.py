"""Sign-in flows: login, refresh rotation, logout, and turning a bearer token into a caller."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from api.auth import accounts as user_rules
from api.auth import passwords, totp
from api.auth.keys import KeyDirectory, KeyRing, ring_from_pem
from api.auth.session_cache import SESSION_CHECKS
from api.auth.throttle import LoginThrottle
from api.auth.tokens import InvalidToken, TokenService, TokenType
from api.limits.store import SharedLimits, limits_key
from api.protection import protection_of
from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from graph.sessions import repository as sessions
from graph.users import repository as users

UNAUTHENTICATED = "UNAUTHENTICATED"
OTP_REQUIRED = "OTP_REQUIRED"
OTP_ALREADY_USED = "OTP_ALREADY_USED"
RATE_LIMITED = "RATE_LIMITED"
BAD_USER_INPUT = "BAD_USER_INPUT"


class AuthRejected(Exception):
    """A refusal the HTTP layer turns into ``{"error": {"code", "message"}}`` with this status."""

    def __init__(self, status: int, code: str, message_key: str, *, retry_after: int | None = None,
                 params: dict[str, object] | None = None) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message_key = message_key
        self.retry_after = retry_after
        self.params = params or {}


def unauthenticated(message_key: str = "error.unauthenticated") -> AuthRejected:
    return AuthRejected(401, UNAUTHENTICATED, message_key)


def load_key_ring(settings: Settings) -> KeyRing:
    if settings.jwt_private_keys is not None:
        return ring_from_pem(settings.jwt_private_keys.get_secret_value())
    return key_directory(settings).load_or_create()


def key_directory(settings: Settings) -> KeyDirectory:
    retention = max(settings.access_token_ttl_seconds, settings.refresh_token_ttl_seconds) + settings.jwt_leeway_seconds
    return KeyDirectory(settings.state_dir / "keys", retention_seconds=retention)


@dataclass
class AuthRuntime:
    """What sign-in keeps for the life of the process: keys, token service, throttle, the dummy hash."""

    settings: Settings
    keys: KeyRing
    tokens: TokenService
    throttle: LoginThrottle
    dummy_hash: str
    password_throttle: LoginThrottle | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> AuthRuntime:
        ring = load_key_ring(settings)
        shared = SharedLimits(limits_key(settings))
        return cls(
            settings=settings,
            keys=ring,
            tokens=TokenService(ring, issuer=settings.jwt_issuer, audience=settings.jwt_audience,
                                access_ttl_seconds=settings.access_token_ttl_seconds,
                                leeway_seconds=settings.jwt_leeway_seconds),
            throttle=LoginThrottle(shared, max_failures=settings.login_max_failures,
                                   max_failures_per_address=settings.login_max_failures_per_address,
                                   window_seconds=settings.login_failure_window_seconds,
                                   lock_seconds=settings.login_lock_seconds,
                                   max_lock_seconds=settings.login_max_lock_seconds),
            dummy_hash=passwords.dummy_hash(),
            password_throttle=LoginThrottle(shared, max_failures=settings.password_change_max_failures,
                                            max_failures_per_address=settings.login_max_failures_per_address,
                                            window_seconds=settings.login_failure_window_seconds,
                                            lock_seconds=settings.login_lock_seconds,
                                            max_lock_seconds=settings.login_max_lock_seconds,
                                            namespace="password", by_address=False),
        )


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    refresh_expires_in: int

    def as_json(self) -> dict[str, str | int]:
        return {"access_token": self.access_token, "refresh_token": self.refresh_token, "token_type": "bearer",
                "expires_in": self.expires_in, "refresh_expires_in": self.refresh_expires_in}


@dataclass(frozen=True)
class Principal:
    user_id: str
    session_id: str
    role: Role
    organization_id: str | None

    @property
    def scope(self) -> Scope:
        return Scope(user_id=self.user_id, role=self.role, organization_id=self.organization_id)


def _pair(runtime: AuthRuntime, *, user_id: str, session_id: str, refresh_jti: str,
          session_expires_at: datetime) -> TokenPair:
    now = datetime.now(UTC)
    access_expires = min(now + runtime.tokens.access_ttl, session_expires_at)
    access = runtime.tokens.issue(TokenType.ACCESS, subject=user_id, session_id=session_id,
                                  expires_at=access_expires, now=now)
    refresh = runtime.tokens.issue(TokenType.REFRESH, subject=user_id, session_id=session_id, jti=refresh_jti,
                                   expires_at=session_expires_at, now=now)
    return TokenPair(access_token=access, refresh_token=refresh,
                     expires_in=max(0, int((access_expires - now).total_seconds())),
                     refresh_expires_in=max(0, int((session_expires_at - now).total_seconds())))


async def login(runtime: AuthRuntime, graph: Graph, *, username: str, password: str, otp: str | None,
                address: str) -> TokenPair:
    """Check the credentials (same cost and answer whether or not the account exists) and open a session."""
    account = user_rules.normalize_username(username)
    wait = await runtime.throttle.retry_after(graph, account, address)
    if wait is not None:
        raise AuthRejected(429, RATE_LIMITED, "auth.rate_limited", retry_after=wait, params={"seconds": wait})
    user = await users.find_user_for_login(graph, account) if user_rules.valid_username(account) else None
    stored_hash = user["passwordHash"] if user and user["passwordHash"] else runtime.dummy_hash
    password_ok = await passwords.verify_password_async(stored_hash, password)
    role = _role(user["role"]) if user else None
    if user is None or not password_ok or user["disabled"] or role is None:
        await runtime.throttle.record_failure(graph, account, address)
        raise unauthenticated("auth.invalid_credentials")
    totp_step: int | None = None
    secret = user_rules.totp_secret_of(protection_of(runtime.settings).sealer, user)
    if secret and user_rules.requires_totp(role):
        # Without a code the answer is the same as for a wrong password: an OTP_REQUIRED here would tell an
        # attacker the password was right. National sign-in forms always ask for the code.
        totp_step = totp.matching_step(secret, otp) if otp else None
        if totp_step is None:
            await runtime.throttle.record_failure(graph, account, address)
            raise unauthenticated("auth.invalid_credentials")
    session_id, refresh_jti = str(uuid.uuid4()), uuid.uuid4().hex
    expires_at = datetime.now(UTC) + timedelta(seconds=runtime.settings.refresh_token_ttl_seconds)
    opened = await sessions.start_session(graph, user_id=user["id"], session_id=session_id, family=session_id,
                                          refresh_jti=refresh_jti, expires_at=expires_at, totp_step=totp_step)
    if opened is not sessions.Opening.OPENED:
        await runtime.throttle.record_failure(graph, account, address)
        if opened is sessions.Opening.CODE_USED:  # only said to someone holding the password and a valid code
            raise AuthRejected(401, OTP_ALREADY_USED, "auth.otp_already_used")
        raise unauthenticated("auth.invalid_credentials")
    await runtime.throttle.record_success(graph, account, address)
    if passwords.needs_rehash(stored_hash):
        await users.rehash_password(graph, user["id"], stored_hash, await passwords.hash_password_async(password))
    return _pair(runtime, user_id=user["id"], session_id=session_id, refresh_jti=refresh_jti,
                 session_expires_at=expires_at)


async def refresh(runtime: AuthRuntime, graph: Graph, refresh_token: str) -> TokenPair:
    """Rotate: the presented refresh token is spent; a spent one presented again ends its family."""
    try:
        claims = runtime.tokens.decode(refresh_token, TokenType.REFRESH)
    except InvalidToken as exc:
        raise unauthenticated() from exc
    new_jti = uuid.uuid4().hex
    outcome, expires_at = await sessions.rotate_refresh(graph, session_id=claims.session_id, user_id=claims.subject,
                                                        jti=claims.jti, new_jti=new_jti)
    if outcome is sessions.Rotation.REUSED:  # the family was revoked: forget its checks here at once
        SESSION_CHECKS.forget_user(claims.subject)
    if outcome is not sessions.Rotation.ROTATED or expires_at is None:
        raise unauthenticated()
    return _pair(runtime, user_id=claims.subject, session_id=claims.session_id, refresh_jti=new_jti,
                 session_expires_at=expires_at)


async def logout(graph: Graph, principal: Principal) -> None:
    await revoke_session(graph, principal.session_id, principal.user_id)


async def revoke_session(graph: Graph, session_id: str, user_id: str) -> None:
    """End one session; this process forgets its check at once."""
    SESSION_CHECKS.forget_session(session_id)
    await sessions.revoke_session(graph, session_id, user_id)
    SESSION_CHECKS.forget_session(session_id)


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer`` header; None without header; rejected when malformed."""
    if authorization is None:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        raise unauthenticated()
    return token


async def authenticate(runtime: AuthRuntime, graph: Graph, authorization: str | None, *,
                       fresh: bool = False) -> Principal | None:
    """The caller behind the Authorization header (None when there is none). The session check is one Cypher
    query, remembered for HIMAYA_SESSION_CHECK_CACHE_SECONDS (api/auth/session_cache.py); ``fresh`` always asks."""
    token = bearer_token(authorization)
    if token is None:
        return None
    try:
        claims = runtime.tokens.decode(token, TokenType.ACCESS)
    except InvalidToken as exc:
        raise unauthenticated() from exc
    seconds = runtime.settings.session_check_cache_seconds
    row = None if fresh or seconds <= 0 else SESSION_CHECKS.recall(claims.session_id, claims.subject)
    if row is None:
        generation = SESSION_CHECKS.generation()
        row = await sessions.live_session(graph, claims.session_id, claims.subject)
        if row is not None:
            SESSION_CHECKS.remember(claims.session_id, claims.subject, row, seconds, generation)
    role = _role(row["role"]) if row else None
    if row is None or role is None:
        raise unauthenticated()
    return Principal(user_id=claims.subject, session_id=claims.session_id, role=role,
                     organization_id=row["organizationId"])


def _role(value: object) -> Role | None:
    try:
        return Role(str(value))
    except ValueError:
        return None
