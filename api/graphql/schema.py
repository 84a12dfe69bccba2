"""The GraphQL schema: each domain contributes its queries and mutations."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig

from api.graphql.errors import PresentErrors
from api.graphql.reference.queries import ReferenceQueries

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2000


@strawberry.type(description="Read operations.")
class Query(ReferenceQueries):
    pass


def build_schema(*, production: bool = False) -> strawberry.Schema:
    """The schema with its limits; production also hides introspection and field suggestions."""
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: PresentErrors(hide_suggestions=production),
    ]
    if production:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(query=Query, config=StrawberryConfig(auto_camel_case=True), extensions=extensions)
