"""Transmission queries: a court's inbox, the printable document, and overdue reports."""

from __future__ import annotations

import base64

import strawberry

from api.common.cursors import page_size
from api.documents.transmission_pdf import render_network_transmission, render_transmission
from api.errors import NotFound
from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import local_id, to_global_id
from api.protection import protection_for
from api.transmissions import rules as rules
from api.transmissions.types import NetworkTransmission, OverdueReport, Transmission, TransmissionDocument


@strawberry.type
class TransmissionQueries:
    @field
    async def transmissions(self, info: Info, status: str | None = None,
                            first: int | None = None) -> list[Transmission]:
        """Transmissions addressed to the caller's court (all of them, nationally)."""
        rows = await rules.list_transmissions(info.context.graph, info.context.scope, status, page_size(first))
        return [Transmission.from_record(row) for row in rows]

    @field
    async def transmission(self, info: Info, id: strawberry.ID) -> Transmission:
        """One transmission."""
        row = await rules.transmission(info.context.graph, info.context.scope, local_id(id, "Transmission"))
        if row is None:
            raise NotFound()
        return Transmission.from_record(row)

    @field
    async def transmission_document(self, info: Info, id: strawberry.ID) -> TransmissionDocument:
        """The printable transmission document, with its content hash printed on it."""
        transmission_id = local_id(id, "Transmission")
        sealer = protection_for(info.context.settings.state_dir).sealer
        package, digest = await rules.open_package(info.context.graph, sealer, info.context.scope, transmission_id)
        pdf = render_transmission(package, digest, transmission_id)
        reference = str(package.get("fields", {}).get("REFERENCE", "transmission"))
        return TransmissionDocument(filename=f"{reference}.pdf", content_type="application/pdf",
                                    content_base64=base64.b64encode(pdf).decode(), content_hash=digest)

    @field
    async def overdue_transmissions(self, info: Info, first: int | None = None) -> list[OverdueReport]:
        """Qualified reports not transmitted within the deadline."""
        rows = await rules.overdue_reports(info.context.graph, info.context.scope,
                                           info.context.settings.transmission_deadline_days, page_size(first))
        return [OverdueReport(report_id=strawberry.ID(to_global_id("Report", r["id"])), reference=r["reference"],
                              status=r["status"], qualified_at=r["qualifiedAt"], due_at=r["dueAt"],
                              days_overdue=int(r["daysOverdue"])) for r in rows]


    @field
    async def network_transmissions(self, info: Info, first: int | None = None) -> list[NetworkTransmission]:
        """Network packages addressed to the caller's court (all of them, nationally), newest first."""
        rows = await rules.list_network_transmissions(info.context.graph, info.context.scope, page_size(first))
        return [NetworkTransmission.from_record(row) for row in rows]

    @field
    async def network_transmission_document(self, info: Info, id: strawberry.ID) -> TransmissionDocument:
        """The printable network package, with its content hash printed on it."""
        transmission_id = local_id(id, "NetworkTransmission")
        sealer = protection_for(info.context.settings.state_dir).sealer
        package, digest = await rules.open_network_package(info.context.graph, sealer, info.context.scope,
                                                           transmission_id)
        pdf = render_network_transmission(rules.for_print(package), digest, transmission_id)
        return TransmissionDocument(filename=f"reseau-{transmission_id[:8]}.pdf", content_type="application/pdf",
                                    content_base64=base64.b64encode(pdf).decode(), content_hash=digest)
