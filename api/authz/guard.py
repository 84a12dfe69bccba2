"""The guard on every root field: the matrix decides before the resolver runs, and the audit log records.

Recorded: every mutation (whatever its outcome), every read of identity-class data (with the stated
reason), and every refusal (FORBIDDEN or UNAUTHENTICATED, from the matrix or from the rules). A call
anyone may make (a public report, the reporter's receipt) is recorded as made by nobody: no user, no
organisation, no request id, exactly as the rules record the public reporter.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry.extensions import FieldExtension
from strawberry.types.base import StrawberryContainer, get_object_definition
from strawberry.types.field import StrawberryField

from api.audit import log as audit
from api.audit import reads, refusals
from api.authz.matrix import Access, Decision, OperationType, access_of, decide, is_public_call
from api.errors import ErrorCode, Forbidden, HimayaError, Unauthenticated, Unavailable
from api.graphql.info import Info
from api.logging_setup import request_id_var
from graph.access.scope import ANONYMOUS, Scope

logger = logging.getLogger("himaya.audit")

_DENIALS = {ErrorCode.FORBIDDEN, ErrorCode.UNAUTHENTICATED}


def _collect_ids(value: Any, annotation: Any, found: list[str]) -> None:
    """The values of ``ID`` arguments (also inside input objects and lists): ids, never personal values."""
    if value is None or value is strawberry.UNSET:
        return
    if isinstance(annotation, StrawberryContainer):
        if isinstance(value, list | tuple):
            for item in value:
                _collect_ids(item, annotation.of_type, found)
        else:
            _collect_ids(value, annotation.of_type, found)
        return
    if annotation is strawberry.ID:
        found.append(str(value))
        return
    definition = get_object_definition(annotation)
    if definition is not None and definition.is_input:
        for input_field in definition.fields:
            _collect_ids(getattr(value, input_field.python_name, None), input_field.type, found)


class RootGuard(FieldExtension):
    """Applied to each root Query and Mutation field by :func:`guard_root_fields`."""

    def __init__(self, operation_type: OperationType) -> None:
        self.operation_type = operation_type
        self.argument_types: dict[str, Any] = {}

    def apply(self, field: StrawberryField) -> None:
        self.argument_types = {argument.python_name: argument.type for argument in field.arguments}

    def targets(self, arguments: dict[str, Any], result: Any = None) -> list[str]:
        found: list[str] = []
        for name, annotation in self.argument_types.items():
            _collect_ids(arguments.get(name), annotation, found)
        result_id = getattr(result, "id", None)
        if isinstance(result_id, str) and result_id not in found:
            found.append(result_id)
        return found

    async def resolve_async(self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info,
                            **kwargs: Any) -> Any:
        name = info.field_name
        access = access_of(self.operation_type, name)
        scope: Scope = info.context.scope
        decision = decide(access, scope, kwargs)
        public_call = is_public_call(access, kwargs)
        if decision is not Decision.ALLOW:
            code = ErrorCode.FORBIDDEN if decision is Decision.FORBIDDEN else ErrorCode.UNAUTHENTICATED
            await self._record(info, scope, name, audit.outcome_of(code.value), self.targets(kwargs),
                               access, kwargs, public_call=False)
            raise Forbidden() if decision is Decision.FORBIDDEN else Unauthenticated()

        mutation = self.operation_type is OperationType.MUTATION
        identity = access is not None and access.identity
        try:
            result = next_(source, info, **kwargs)
            if inspect.isawaitable(result):
                result = await result
        except HimayaError as exc:
            if mutation or identity or exc.code in _DENIALS:
                await self._record(info, scope, name, audit.outcome_of(exc.code.value), self.targets(kwargs),
                                   access, kwargs, public_call=public_call)
            raise
        except Exception:
            if mutation or identity:
                await self._record(info, scope, name, audit.outcome_of(ErrorCode.INTERNAL.value),
                                   self.targets(kwargs), access, kwargs, public_call=public_call)
            raise
        if mutation or identity:
            written = await self._record(info, scope, name, audit.OK,
                                         self.targets(kwargs, None if public_call else result), access, kwargs,
                                         public_call=public_call)
            if identity and not written:
                raise Unavailable()  # no audit record, no identity
        else:
            # Appended with the request's other reads, in one statement (api/audit/reads.py).
            reads.note_read(info, name, scope, result, self.targets(kwargs))
        return result

    async def _record(self, info: Info, scope: Scope, action: str, outcome: str, target: list[str],
                      access: Access | None, arguments: dict[str, Any], *, public_call: bool) -> bool:
        if outcome == audit.outcome_of(ErrorCode.UNAUTHENTICATED.value) and not scope.authenticated:
            refusals.TALLY.note(action)  # counted, written as one event per interval (api/audit/refusals.py)
            return True
        reason_argument = access.reason_argument if access is not None else None
        reason = arguments.get(reason_argument) if reason_argument else None
        entry = audit.AuditEntry.of(
            ANONYMOUS if public_call else scope, action, outcome, target=target,
            reason=reason if isinstance(reason, str) else None,
            request_id=None if public_call else request_id_var.get())
        try:
            await audit.append(info.context.graph, entry)
        except Exception:
            logger.exception("audit event not written", extra={"action": action, "outcome": outcome})
            return False
        return True


def guard_root_fields(*types: tuple[OperationType, type]) -> None:
    """Guard every root field of these types (once, however many schemas are built).

    Strawberry makes the last extension of a field the outermost, so the guard is appended: it decides before
    any other extension or the resolver runs."""
    for operation_type, root in types:
        for field in get_object_definition(root, strict=True).fields:
            if not any(isinstance(extension, RootGuard) for extension in field.extensions):
                field.extensions.append(RootGuard(operation_type))
