"""The GraphQL schema: each domain contributes its queries and mutations."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from api.authz.guard import guard_root_fields
from api.authz.matrix import OperationType
from api.graphql.alerts.mutations import AlertMutations
from api.graphql.alerts.queries import AlertQueries
from api.graphql.assistance.queries import AssistanceQueries
from api.graphql.cases.mutations import CaseMutations
from api.graphql.cases.queries import CaseQueries
from api.graphql.errors import PresentErrors
from api.graphql.network.queries import NetworkQueries
from api.graphql.node import NodeQueries
from api.graphql.organizations.mutations import OrganizationMutations
from api.graphql.organizations.queries import OrganizationQueries
from api.graphql.reference.queries import ReferenceQueries
from api.graphql.referrals.mutations import ReferralMutations
from api.graphql.referrals.queries import ReferralQueries
from api.graphql.reports.mutations import ReportMutations
from api.graphql.reports.queries import ReportQueries
from api.graphql.screening.mutations import ScreeningMutations
from api.graphql.screening.queries import ScreeningQueries
from api.graphql.services.mutations import ServiceMutations
from api.graphql.services.queries import ServiceQueries
from api.graphql.sync.queries import SyncQueries
from api.graphql.transmissions.mutations import TransmissionMutations
from api.graphql.transmissions.queries import TransmissionQueries
from api.graphql.victims.mutations import VictimMutations
from api.graphql.victims.queries import VictimQueries

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2000


@strawberry.type(description="Read operations.")
class Query(NodeQueries, ReferenceQueries, OrganizationQueries, ServiceQueries, NetworkQueries, CaseQueries,
            VictimQueries,
            ReferralQueries, AssistanceQueries,
            ReportQueries, TransmissionQueries, ScreeningQueries, AlertQueries,
            SyncQueries):
    pass


@strawberry.type(description="Write operations.")
class Mutation(OrganizationMutations, ServiceMutations, VictimMutations, CaseMutations, ReferralMutations,
               ReportMutations, TransmissionMutations, ScreeningMutations, AlertMutations):
    pass


class HimayaSchema(strawberry.Schema):
    """Leaves error logging to PresentErrors, which logs only the unexpected ones (never user mistakes)."""

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        return None


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
    guard_root_fields((OperationType.QUERY, Query), (OperationType.MUTATION, Mutation))  # deny by default
    return HimayaSchema(query=Query, mutation=Mutation, config=StrawberryConfig(auto_camel_case=True),
                             extensions=extensions)
