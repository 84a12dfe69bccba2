"""Root and object fields described once: the resolver's one-line docstring is the GraphQL description.

``@field`` / ``@mutation`` are ``strawberry.field`` / ``strawberry.mutation`` with ``description`` taken from the
docstring, so the two never drift apart (pass ``strawberry.field(description=...)`` when they must differ).
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

import strawberry

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def _description(resolver: Callable[..., Any]) -> str:
    doc = inspect.getdoc(resolver)
    if not doc:
        raise TypeError(f"{resolver.__qualname__} needs a one-line docstring: it is the field's description")
    return doc


def field(resolver: F) -> F:
    """A field whose description is the resolver's docstring."""
    made: F = strawberry.field(resolver, description=_description(resolver))  # type: ignore[assignment]
    return made


def mutation(resolver: F) -> F:
    """A mutation whose description is the resolver's docstring."""
    made: F = strawberry.mutation(resolver, description=_description(resolver))  # type: ignore[assignment]
    return made


def later(answer: Awaitable[T]) -> T:
    """A DataLoader's pending answer returned from a plain (not ``async``) resolver: GraphQL awaits it. A resolver
    that usually has its object already (selection-aware reads) stays plain, so it costs no coroutine or task."""
    return cast(T, answer)
