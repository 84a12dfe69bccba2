"""The GraphQL schema: each domain contributes its queries and mutations."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import strawberry
from graphql import GraphQLError, parse
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from api.alerts.mutations import AlertMutations
from api.alerts.queries import AlertQueries
from api.approvals.mutations import ApprovalMutations
from api.approvals.queries import ApprovalQueries
from api.assistance.queries import AssistanceQueries
from api.audit.reads import FlushReadAudit
from api.audit_trail.queries import AuditQueries
from api.authz.guard import guard_root_fields
from api.authz.matrix import OperationType
from api.campaigns.mutations import CampaignMutations
from api.campaigns.queries import CampaignQueries
from api.cases.mutations import CaseMutations
from api.cases.queries import CaseQueries
from api.catalogues.queries import CatalogueQueries
from api.graphql.errors import PresentErrors
from api.graphql.node import NodeQueries
from api.guidelines.mutations import GuidelineMutations
from api.guidelines.queries import GuidelineQueries
from api.identifiers.mutations import IdentifierMutations
from api.links.mutations import LinkMutations
from api.links.queries import LinkQueries
from api.network.queries import NetworkQueries
from api.organizations.mutations import OrganizationMutations
from api.organizations.queries import OrganizationQueries
from api.perpetrators.mutations import PerpetratorMutations
from api.perpetrators.queries import PerpetratorQueries
from api.programmes.mutations import ProgrammeMutations
from api.programmes.queries import ProgrammeQueries
from api.reference.queries import ReferenceQueries
from api.referrals.mutations import ReferralMutations
from api.referrals.queries import ReferralQueries
from api.reports.mutations import ReportMutations
from api.reports.queries import ReportQueries
from api.routes.mutations import RouteMutations
from api.screening.mutations import ScreeningMutations
from api.screening.queries import ScreeningQueries
from api.services.mutations import ServiceMutations
from api.services.queries import ServiceQueries
from api.statistics.mutations import StatisticsMutations
from api.statistics.queries import StatisticsQueries
from api.strategy.mutations import StrategyMutations
from api.strategy.queries import StrategyQueries
from api.sync.queries import SyncQueries
from api.training.mutations import TrainingMutations
from api.training.queries import TrainingQueries
from api.transmissions.mutations import TransmissionMutations
from api.transmissions.queries import TransmissionQueries
from api.users.mutations import UserMutations
from api.users.queries import UserQueries
from api.victims.mutations import VictimMutations
from api.victims.queries import VictimQueries
from api.witnesses.mutations import WitnessMutations
from api.witnesses.queries import WitnessQueries

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2000
# Parsed and validated documents kept per worker, least recently used first out. Re-validating the same document
# was a third of the GraphQL time of a small read; the bound keeps unique documents sent by anybody from growing
# memory (a document is at most MAX_TOKENS tokens).
DOCUMENT_CACHE_SIZE = 256

# The depth and alias rules are made once: QueryDepthLimiter and MaxAliasesLimiter make a new rule class per
# request, and a new class in the rules would make every cached validation miss.
_LIMIT_RULES = (depth_rule(MAX_DEPTH, None, None), aliases_rule(MAX_ALIASES))


parse_cached = functools.lru_cache(maxsize=DOCUMENT_CACHE_SIZE)(parse)


class CachedParse(SchemaExtension):
    """Documents parsed once per worker. One that does not parse is left to the normal path, which reports the
    syntax error as every other refusal (Strawberry's ParserCache raises it outside the error handling)."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query:
            try:
                context.graphql_document = parse_cached(context.query, **context.parse_options)
            except Exception:  # parsed again by the normal path, where the error is answered
                context.graphql_document = None
        yield


class RequestLimits(AddValidationRules):
    """The depth and alias limits, as validation rules made once so validated documents can be cached."""

    def __init__(self) -> None:
        super().__init__(list(_LIMIT_RULES))


@strawberry.type(description="Read operations.")
class Query(NodeQueries, ReferenceQueries, OrganizationQueries, ServiceQueries, NetworkQueries, CaseQueries,
            VictimQueries,
            ReferralQueries, AssistanceQueries,
            ReportQueries, TransmissionQueries, ScreeningQueries, AlertQueries,
            SyncQueries, StatisticsQueries, ApprovalQueries, AuditQueries, UserQueries, CatalogueQueries,
            PerpetratorQueries, WitnessQueries, LinkQueries, StrategyQueries, GuidelineQueries, TrainingQueries,
            CampaignQueries, ProgrammeQueries):
    pass


@strawberry.type(description="Write operations.")
class Mutation(OrganizationMutations, ServiceMutations, VictimMutations, CaseMutations, ReferralMutations,
               ReportMutations, TransmissionMutations, ScreeningMutations, AlertMutations, StatisticsMutations,
               ApprovalMutations, UserMutations,
               PerpetratorMutations, IdentifierMutations, RouteMutations, WitnessMutations, LinkMutations,
               StrategyMutations, GuidelineMutations, TrainingMutations, CampaignMutations, ProgrammeMutations):
    pass


class HimayaSchema(strawberry.Schema):
    """Leaves error logging to PresentErrors, which logs only the unexpected ones (never user mistakes)."""

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        return None


def build_schema(*, production: bool = False) -> strawberry.Schema:
    """The schema with its limits; production also hides introspection and field suggestions."""
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        RequestLimits,
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        CachedParse,
        lambda: ValidationCache(maxsize=DOCUMENT_CACHE_SIZE),
        lambda: PresentErrors(hide_suggestions=production),
        FlushReadAudit,
    ]
    if production:
        extensions.append(DisableIntrospection)
    guard_root_fields((OperationType.QUERY, Query), (OperationType.MUTATION, Mutation))  # deny by default
    return HimayaSchema(query=Query, mutation=Mutation, config=StrawberryConfig(auto_camel_case=True),
                             extensions=extensions)
