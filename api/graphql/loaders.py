"""The request's DataLoaders, one typed attribute each: ``info.context.loaders.organization.load(id)``.

Built with the context of every request (so a batch never mixes two callers' scopes) and created on first use.
A domain registers a loader by adding one ``cached_property`` here that calls its ``api/<domain>/loaders.py``
factory ``(graph, scope) -> DataLoader``; resolvers never import loader modules.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from strawberry.dataloader import DataLoader

from api.approvals import loaders as approvals
from api.approvals.types import ApprovalRequest
from api.cases import loaders as cases
from api.cases.types import Case
from api.identifiers import loaders as identifiers
from api.identifiers.types import Identifier
from api.organizations import loaders as organizations
from api.organizations.types import Organization, Partnership
from api.perpetrators import loaders as perpetrators
from api.perpetrators.types import CasePerpetrator
from api.referrals import loaders as referrals
from api.referrals.types import Referral, ReferralStep, SharedProfile
from api.routes import loaders as routes
from api.routes.types import RouteEvent
from api.screening import loaders as screening
from api.screening.types import Screening
from api.services import loaders as services
from api.services.types import Service
from api.settings import Settings
from api.victims import loaders as victims
from api.victims.types import Consent
from api.witnesses import loaders as witnesses
from api.witnesses.types import ProtectedPerson
from graph.access.scope import Scope
from graph.db import Graph


class Loaders:
    def __init__(self, graph: Graph, scope: Scope, settings: Settings) -> None:
        self.graph = graph
        self.scope = scope
        self.settings = settings
        self._organizations: dict[tuple[str, tuple[str, ...]], Organization] = {}
        self._services: dict[tuple[str, tuple[str, ...]], Service] = {}

    # Objects a selection-aware read already returned with their parent (graph/projections): built, not fetched;
    # an organisation or service met again in the same answer (same id, same fields) is built once per request.
    def organization_of(self, row: dict[str, Any] | None) -> Organization | None:
        if row is None:
            return None
        key = (row["id"], tuple(row))
        built = self._organizations.get(key)
        if built is None:
            built = self._organizations[key] = Organization.from_record(row)
        return built

    def service_of(self, row: dict[str, Any] | None) -> Service | None:
        if row is None:
            return None
        key = (row["id"], tuple(row))
        built = self._services.get(key)
        if built is None:
            built = self._services[key] = Service.from_record(row)
        return built

    def services_of(self, rows: list[dict[str, Any]]) -> list[Service]:
        return [Service.from_record(row) for row in rows]

    def referrals_of(self, rows: list[dict[str, Any]]) -> list[Referral]:
        return [Referral.from_record(row) for row in rows]

    @cached_property
    def case(self) -> DataLoader[str, Case | None]:
        return cases.case(self.graph, self.scope)

    @cached_property
    def organization(self) -> DataLoader[str, Organization | None]:
        return organizations.organization(self.graph, self.scope)

    @cached_property
    def partners(self) -> DataLoader[str, list[Partnership]]:
        return organizations.partners(self.graph, self.scope)

    @cached_property
    def referrals_by_case(self) -> DataLoader[str, list[Referral]]:
        return referrals.referrals_by_case(self.graph, self.scope)

    @cached_property
    def service(self) -> DataLoader[str, Service | None]:
        return services.service(self.graph, self.scope)

    @cached_property
    def services_by_organization(self) -> DataLoader[str, list[Service]]:
        return services.services_by_organization(self.graph, self.scope)

    @cached_property
    def consents(self) -> DataLoader[str, list[Consent]]:
        return victims.consents(self.graph, self.scope)

    @cached_property
    def referral_profile(self) -> DataLoader[str, SharedProfile | None]:
        return referrals.referral_profile(self.graph, self.scope)

    @cached_property
    def referral_steps(self) -> DataLoader[str, list[ReferralStep]]:
        return referrals.referral_steps(self.graph, self.scope)

    @cached_property
    def screenings_by_case(self) -> DataLoader[str, list[Screening]]:
        return screening.screenings_by_case(self.graph, self.scope)

    @cached_property
    def approvals_by_case(self) -> DataLoader[str, list[ApprovalRequest]]:
        return approvals.approvals_by_case(self.graph, self.scope)
    # the trafficking graph (issue 15)
    @cached_property
    def perpetrators_by_case(self) -> DataLoader[str, list[CasePerpetrator]]:
        return perpetrators.perpetrators_by_case(self.graph, self.scope)

    @cached_property
    def identifiers_by_case(self) -> DataLoader[str, list[Identifier]]:
        return identifiers.identifiers_by_case(self.graph, self.scope, self.settings)

    @cached_property
    def identifiers_by_perpetrator(self) -> DataLoader[str, list[Identifier]]:
        return identifiers.identifiers_by_perpetrator(self.graph, self.scope, self.settings)

    @cached_property
    def route_by_case(self) -> DataLoader[str, list[RouteEvent]]:
        return routes.route_by_case(self.graph, self.scope)

    @cached_property
    def protected_by_case(self) -> DataLoader[str, list[ProtectedPerson]]:
        return witnesses.protected_by_case(self.graph, self.scope)

    @cached_property
    def protected_by_report(self) -> DataLoader[str, list[ProtectedPerson]]:
        return witnesses.protected_by_report(self.graph, self.scope)
