"""Errors users see: a stable code and a message in their language, never internals."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    RATE_LIMITED = "RATE_LIMITED"
    UNAVAILABLE = "UNAVAILABLE"
    INTERNAL = "INTERNAL_SERVER_ERROR"


class HimayaError(Exception):
    """A failure meant for the caller: the code is for programs, the message key for people."""

    code: ErrorCode = ErrorCode.INTERNAL
    message_key: str = "error.internal"

    def __init__(
        self,
        message_key: str | None = None,
        *,
        code: ErrorCode | None = None,
        extensions: dict[str, Any] | None = None,
        **params: object,
    ) -> None:
        self.message_key = message_key or self.message_key
        self.code = code or self.code
        self.params = params
        self.extra_extensions = extensions or {}
        super().__init__(self.message_key)


class BadInput(HimayaError):
    code = ErrorCode.BAD_USER_INPUT
    message_key = "error.bad_input"


class NotFound(HimayaError):
    code = ErrorCode.NOT_FOUND
    message_key = "error.not_found"


class Conflict(HimayaError):
    code = ErrorCode.CONFLICT
    message_key = "error.conflict"


class Forbidden(HimayaError):
    code = ErrorCode.FORBIDDEN
    message_key = "error.forbidden"


class Unauthenticated(HimayaError):
    code = ErrorCode.UNAUTHENTICATED
    message_key = "error.unauthenticated"


class Unavailable(HimayaError):
    code = ErrorCode.UNAVAILABLE
    message_key = "error.unavailable"


class RateLimited(HimayaError):
    """A limit was reached: the caller may try again after ``retry_after`` seconds (HTTP 429, Retry-After)."""

    code = ErrorCode.RATE_LIMITED
    message_key = "error.rate_limited"

    def __init__(self, message_key: str | None = None, *, retry_after: int = 60) -> None:
        super().__init__(message_key, extensions={"retryAfter": retry_after})
        self.retry_after = retry_after


class Busy(HimayaError):
    """Too much work at once: try again shortly (HTTP 503, Retry-After)."""

    code = ErrorCode.UNAVAILABLE
    message_key = "error.unavailable"

    def __init__(self, *, retry_after: int = 2) -> None:
        super().__init__(extensions={"retryAfter": retry_after})
        self.retry_after = retry_after
