"""Time-based one-time passwords (RFC 6238) for the national roles."""

from __future__ import annotations

import hmac
import time

import pyotp

ISSUER = "Himaya"
# One step either side of now tolerates a phone clock up to 30 s off.
_WINDOW = 1


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def matching_step(secret: str, code: str, *, now: float | None = None) -> int | None:
    """The time step the code belongs to, or None. The step lets the caller refuse a replayed code."""
    code = code.strip()
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = int((time.time() if now is None else now) // totp.interval)
    found: int | None = None
    for step in range(current - _WINDOW, current + _WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            found = step
    return found


def code_at(secret: str, when: float) -> str:
    return pyotp.TOTP(secret).at(int(when))
