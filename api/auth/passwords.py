"""Password hashing with argon2id; the plaintext never leaves this module's callers' memory."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from api.limits.hashing import SLOTS

# argon2-cffi's default profile is RFC 9106's "low memory" argon2id (t=3, m=64 MiB, p=4).
_HASHER = PasswordHasher()

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def verify_password_async(password_hash: str, password: str) -> bool:
    """Verify off the event loop, within the process-wide cap on hashing work (a verification costs tens of
    milliseconds of CPU)."""
    return await SLOTS.run(lambda: verify_password(password_hash, password))


async def hash_password_async(password: str) -> str:
    """Hash off the event loop, within the same cap."""
    return await SLOTS.run(lambda: hash_password(password))


def needs_rehash(password_hash: str) -> bool:
    try:
        return _HASHER.check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return True


def dummy_hash() -> str:
    """A hash of a random password, verified when a username is unknown so both paths cost the same."""
    return hash_password(secrets.token_urlsafe(24))
