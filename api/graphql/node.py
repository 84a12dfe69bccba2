"""Relay's node(id): any object by its global id, through the same scoped reads as its own query."""

from __future__ import annotations

import strawberry

from api.approvals import rules as approval_rules
from api.approvals.types import ApprovalRequest
from api.cases import rules as case_rules
from api.cases.types import Case
from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import Node, from_global_id
from api.links.node import trafficking_node
from api.organizations import rules as organization_rules
from api.referrals import rules as referral_rules
from api.referrals.types import Referral
from api.reports import rules as report_rules
from api.reports.types import Report
from api.screening import rules as screening_rules
from api.screening.types import Screening
from api.transmissions import rules as transmission_rules
from api.transmissions.types import NetworkTransmission, Transmission
from api.victims import rules as victim_rules
from api.victims.types import Victim


@strawberry.type
class NodeQueries:
    @field
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        """Any object by its global id; null when it does not exist or is not visible."""
        type_name, local = from_global_id(str(id))
        graph, scope = info.context.graph, info.context.scope
        if type_name == "Organization":
            organization_rules.require_network_reader(scope)
            return await info.context.loaders.organization.load(local)
        if type_name == "Service":
            organization_rules.require_network_reader(scope)
            return await info.context.loaders.service.load(local)
        if type_name == "Case":
            case = await case_rules.case(graph, scope, local)
            return Case.from_record(case) if case else None
        if type_name == "Victim":
            victim = await victim_rules.victim(graph, scope, local)
            return Victim.from_record(victim) if victim else None
        if type_name == "Referral":
            referral = await referral_rules.referral(graph, scope, local)
            return Referral.from_record(referral) if referral else None
        if type_name == "ApprovalRequest":
            approval = await approval_rules.approval(graph, scope, local)
            return ApprovalRequest.from_record(approval) if approval else None
        if type_name == "Screening":
            screening = await screening_rules.screening(graph, scope, local)
            return Screening.from_record(screening) if screening else None
        if type_name == "Report":
            report = await report_rules.report(graph, scope, local)
            return Report.from_record(report) if report else None
        if type_name == "Transmission":
            transmission = await transmission_rules.transmission(graph, scope, local)
            return Transmission.from_record(transmission) if transmission else None
        if type_name == "NetworkTransmission":
            sent = await transmission_rules.network_transmission(graph, scope, local)
            return NetworkTransmission.from_record(sent) if sent else None
        return await trafficking_node(info, type_name, local)
