"""Turn every GraphQL error into a stable code and a translated message; mask everything unexpected."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.error import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionResult as StrawberryExecutionResult

from api.errors import ErrorCode, HimayaError
from api.i18n import DEFAULT_LANGUAGE, Language, translate

logger = logging.getLogger("himaya.graphql")


def _language_of(context: Any) -> Language:
    return getattr(context, "language", DEFAULT_LANGUAGE)


_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def present_error(error: GraphQLError, language: Language, *, hide_suggestions: bool = False) -> GraphQLError:
    original = error.original_error
    if isinstance(original, HimayaError):
        message = translate(original.message_key, language, **original.params)
        extensions: dict[str, Any] = {"code": original.code.value, **original.extra_extensions}
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
        extensions = {"code": ErrorCode.INTERNAL.value}
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
    limited = [error.original_error for error in errors
               if isinstance(error.original_error, HimayaError) and error.original_error.code in _LIMIT_STATUS
               and "retryAfter" in error.original_error.extra_extensions]
    if response is None or not limited:
        return
    worst = max(limited, key=lambda exc: _LIMIT_STATUS[exc.code])
    response.status_code = _LIMIT_STATUS[worst.code]
    response.headers["retry-after"] = str(max(int(exc.extra_extensions["retryAfter"]) for exc in limited))
