"""Transmission mutations: send to the court, acknowledge, record the court's follow-up."""

from __future__ import annotations

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.graphql.relay import local_id
from api.protection import protection_for
from api.transmissions import rules as rules
from api.transmissions.types import NetworkTransmission, Transmission


@strawberry.type
class TransmissionMutations:
    @mutation
    async def transmit_report(self, info: Info, report_id: strawberry.ID, include: list[rules.PackageField],
                              court_code: str | None = None) -> Transmission:
        """Transmit a report to the competent court with exactly the chosen content."""
        row = await rules.transmit_report(info.context.graph, protection_for(info.context.settings.state_dir).sealer,
                                          info.context.scope, local_id(report_id, "Report"), include, court_code)
        return Transmission.from_record(row)

    @mutation
    async def acknowledge_transmission(self, info: Info, id: strawberry.ID) -> Transmission:
        """The court's officer acknowledges receipt."""
        row = await rules.acknowledge(info.context.graph, info.context.scope, local_id(id, "Transmission"))
        return Transmission.from_record(row)

    @mutation
    async def record_court_follow_up(self, info: Info, id: strawberry.ID, court_case_number: str,
                                     court_status: rules.CourtStatus) -> Transmission:
        """The court records its own case number and the status of proceedings."""
        row = await rules.record_follow_up(info.context.graph, info.context.scope, local_id(id, "Transmission"),
                                           court_case_number, court_status)
        return Transmission.from_record(row)

    @mutation
    async def transmit_network(self, info: Info, network_id: strawberry.ID, court_code: str, reason: str,
                               include: list[rules.PackageField] | None = None) -> NetworkTransmission:
        """Send a reviewed suspected network (confirmed links) to one court as one package, for a stated reason."""
        row = await rules.transmit_network(info.context.graph, protection_for(info.context.settings.state_dir).sealer,
                                           info.context.scope, str(network_id), court_code, include or [], reason)
        return NetworkTransmission.from_record(row)

    @mutation
    async def acknowledge_network_transmission(self, info: Info, id: strawberry.ID) -> NetworkTransmission:
        """The court's officer acknowledges receipt of a network package."""
        row = await rules.acknowledge_network(info.context.graph, info.context.scope,
                                              local_id(id, "NetworkTransmission"))
        return NetworkTransmission.from_record(row)
