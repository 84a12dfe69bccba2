"""Relay's node(id): any object by its global id, through the same scoped reads as its own query."""

from __future__ import annotations

import strawberry

from api.cases import rules as case_rules
from api.cases.types import Case
from api.graphql.relay import Node, from_global_id
from api.links.node import trafficking_node
from api.organizations import rules as organization_rules
from api.organizations.loaders import organization_loader
from api.referrals.types import Referral
from api.reports import rules as report_rules
from api.reports.types import Report
from api.services.loaders import service_loader
from api.transmissions import rules as transmission_rules
from api.transmissions.types import Transmission
from api.victims import rules as victim_rules
from api.victims.types import Victim
from graph.referrals import repository as referrals
from graph.reports import repository as reports
from graph.transmissions import repository as transmissions


@strawberry.type
class NodeQueries:
    @strawberry.field(description="Any object by its global id; null when it does not exist or is not visible.")
    async def node(self, info: strawberry.Info, id: strawberry.ID) -> Node | None:
        """Any object by its global id; null when it does not exist or is not visible."""
        type_name, local = from_global_id(str(id))
        graph, scope = info.context.graph, info.context.scope
        if type_name == "Organization":
            organization_rules.require_network_reader(scope)
            return await organization_loader(info).load(local)
        if type_name == "Service":
            organization_rules.require_network_reader(scope)
            return await service_loader(info).load(local)
        if type_name == "Case":
            case = await case_rules.case(graph, scope, local)
            return Case.from_record(case) if case else None
        if type_name == "Victim":
            victim = await victim_rules.victim(graph, scope, local)
            return Victim.from_record(victim) if victim else None
        if type_name == "Referral":
            victim_rules.require_casework(scope)
            referral = await referrals.referral_by_id(graph, scope, local)
            return Referral.from_record(referral) if referral else None
        if type_name == "Report":
            report_rules.require_reader(scope)
            report = await reports.get_report(graph, local, scope.params())
            return Report.from_record(report) if report else None
        if type_name == "Transmission":
            transmission_rules.require_court_or_national(scope)
            transmission = await transmissions.get_transmission(graph, local, scope.params())
            return Transmission.from_record(transmission) if transmission else None
        return await trafficking_node(info, type_name, local)
