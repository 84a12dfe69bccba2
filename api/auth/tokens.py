"""Access and refresh tokens: EdDSA JWTs whose ``kid`` selects among our own keys and nothing else.

Decoding pins the algorithm, requires every registered claim we rely on and a ``typ`` claim, so a
refresh token never works as an access token and the other way round. Header fields that point at
other keys (``jku``, ``x5u``, ``jwk``, ``x5c``) are never read.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

import jwt

from api.auth.keys import KeyRing

ALGORITHM = "EdDSA"
MAX_TOKEN_LENGTH = 4096
_REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub", "jti", "typ", "sid"]


class TokenType(StrEnum):
    ACCESS = "access"
    REFRESH = "refresh"


class InvalidToken(Exception):
    """Any reason at all: the caller only ever learns UNAUTHENTICATED."""


@dataclass(frozen=True)
class TokenClaims:
    subject: str
    session_id: str
    jti: str
    token_type: TokenType
    expires_at: datetime


class TokenService:
    def __init__(self, ring: KeyRing, *, issuer: str, audience: str, access_ttl_seconds: int,
                 leeway_seconds: int) -> None:
        self.ring = ring
        self.issuer = issuer
        self.audience = audience
        self.access_ttl = timedelta(seconds=access_ttl_seconds)
        self.leeway = leeway_seconds

    def issue(self, token_type: TokenType, *, subject: str, session_id: str, expires_at: datetime | None = None,
              jti: str | None = None, now: datetime | None = None) -> str:
        issued_at = now or datetime.now(UTC)
        if expires_at is None:
            expires_at = issued_at + self.access_ttl
        payload = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject,
            "sid": session_id,
            "jti": jti or uuid.uuid4().hex,
            "typ": token_type.value,
            "iat": int(issued_at.timestamp()),
            "exp": int(expires_at.timestamp()),
        }
        key = self.ring.active
        assert key.private_key is not None
        return jwt.encode(payload, key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid, "typ": "JWT"})

    def decode(self, token: str, expected: TokenType) -> TokenClaims:
        if not token or len(token) > MAX_TOKEN_LENGTH or token.count(".") != 2:
            raise InvalidToken
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken from exc
        kid = header.get("kid")
        if header.get("alg") != ALGORITHM or not isinstance(kid, str):
            raise InvalidToken
        key = self.ring.get(kid)
        if key is None:
            raise InvalidToken
        try:
            claims = jwt.decode(
                token,
                key.public_key,
                algorithms=[ALGORITHM],
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": _REQUIRED_CLAIMS, "verify_signature": True, "verify_exp": True,
                         "verify_iat": True, "verify_nbf": True, "verify_aud": True, "verify_iss": True,
                         "strict_aud": True},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken from exc
        now = datetime.now(UTC).timestamp()
        iat = claims.get("iat")
        if not isinstance(iat, int) or iat > now + self.leeway:
            raise InvalidToken
        if claims.get("typ") != expected.value:
            raise InvalidToken
        subject, session_id, jti, exp = claims.get("sub"), claims.get("sid"), claims.get("jti"), claims.get("exp")
        if not (isinstance(subject, str) and isinstance(session_id, str) and isinstance(jti, str)
                and isinstance(exp, int)):
            raise InvalidToken
        if expected is TokenType.ACCESS and exp - iat > self.access_ttl.total_seconds():
            raise InvalidToken
        return TokenClaims(subject=subject, session_id=session_id, jti=jti, token_type=expected,
                           expires_at=datetime.fromtimestamp(exp, UTC))
