"""Turn every GraphQL error into a stable code and a translated message; mask everything unexpected."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.error import GraphQLError
from neo4j.exceptions import (
    DatabaseUnavailable,
    ForbiddenOnReadOnlyDatabase,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionResult as StrawberryExecutionResult

from api.errors import ErrorCode, HimayaError
from api.i18n import DEFAULT_LANGUAGE, Language, translate
from api.logging_setup import request_id_var

logger = logging.getLogger("himaya.graphql")


def _language_of(context: Any) -> Language:
    return getattr(context, "language", DEFAULT_LANGUAGE)


_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def present_error(error: GraphQLError, language: Language, *, hide_suggestions: bool = False) -> GraphQLError:
    original = error.original_error
    if isinstance(original, HimayaError):
        message = translate(original.message_key, language, **original.params)
        extensions: dict[str, Any] = {"code": original.code.value, **original.extra_extensions}
    elif is_database_unavailable(original):
        logger.warning("neo4j unavailable", extra={"error": type(original).__name__})
        message = translate("error.unavailable", language)
        extensions = {"code": ErrorCode.UNAVAILABLE.value, "retryAfter": DATABASE_RETRY_AFTER}
    elif original is None or error.path is None:
        # Errors about the request itself (syntax, unknown field, a variable of the wrong type or an unknown enum
        # value), raised before any resolver ran. Their text quotes only the caller's input and our public schema.
        message = _SUGGESTION.sub("", error.message) if hide_suggestions else error.message
        default = "BAD_USER_INPUT" if message.startswith("Variable ") else "GRAPHQL_VALIDATION_FAILED"
        extensions = {"code": (error.extensions or {}).get("code", default)}
    else:
        logger.error("unexpected error while resolving", exc_info=original,
                     extra={"path": ".".join(str(p) for p in (error.path or []))})
        message = translate("error.internal", language)
        # The request id lets the caller quote the failure to support; the log line carries the same id.
        extensions = {"code": ErrorCode.INTERNAL.value, "requestId": request_id_var.get()}
    return GraphQLError(message=message, nodes=error.nodes, source=error.source, positions=error.positions,
                        path=error.path, original_error=None, extensions=extensions)


class PresentErrors(SchemaExtension):
    """Rewrites the result's errors after the operation ran."""

    def __init__(self, *, hide_suggestions: bool = False) -> None:
        self.hide_suggestions = hide_suggestions

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if isinstance(result, GraphQLExecutionResult | StrawberryExecutionResult) and result.errors:
            language = _language_of(self.execution_context.context)
            _answer_limits(self.execution_context.context, result.errors)
            result.errors = [present_error(error, language, hide_suggestions=self.hide_suggestions)
                             for error in result.errors]


# A limit answers with its HTTP status and Retry-After, so clients and proxies back off without reading the body.
_LIMIT_STATUS = {ErrorCode.RATE_LIMITED: 429, ErrorCode.UNAVAILABLE: 503}


def _answer_limits(context: Any, errors: list[GraphQLError]) -> None:
    response = getattr(context, "response", None)
    limited: list[tuple[int, int]] = []  # (status, retry after)
    for error in errors:
        original = error.original_error
        if isinstance(original, HimayaError) and original.code in _LIMIT_STATUS \
                and "retryAfter" in original.extra_extensions:
            limited.append((_LIMIT_STATUS[original.code], int(original.extra_extensions["retryAfter"])))
        elif is_database_unavailable(original):
            limited.append((503, DATABASE_RETRY_AFTER))
    if response is None or not limited:
        return
    response.status_code = max(status for status, _ in limited)
    response.headers["retry-after"] = str(max(wait for _, wait in limited))


# Neo4j down, restarting, read-only or out of resources: the caller should come back, nothing was half-written
# (each statement is its own transaction, or one explicit transaction that rolled back).
DATABASE_RETRY_AFTER = 5
_UNAVAILABLE = (ServiceUnavailable, SessionExpired, TransientError, DatabaseUnavailable,
                ForbiddenOnReadOnlyDatabase)


def is_database_unavailable(error: BaseException | None) -> bool:
    if isinstance(error, _UNAVAILABLE):
        return True
    code = getattr(error, "code", None)
    return isinstance(error, Neo4jError) and isinstance(code, str) and (
        code.endswith("ForbiddenOnReadOnlyDatabase") or "OutOfDisk" in code or "DiskFull" in code
        or code.startswith("Neo.TransientError"))
