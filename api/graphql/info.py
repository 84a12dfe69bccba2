"""``Info``, what every resolver takes: ``info.context`` is the request's :class:`HimayaContext`.

Its own module, so types can import it without importing the context (which builds the loaders, which import
the types). Write ``info: Info`` in every resolver, never the untyped ``strawberry.Info``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

import strawberry

if TYPE_CHECKING:
    from api.graphql.context import HimayaContext

    Info: TypeAlias = strawberry.Info[HimayaContext, None]
else:  # Strawberry only needs to recognise the parameter; the checker sees the context type
    Info = strawberry.Info
