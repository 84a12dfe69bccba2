"""``node(id)`` for the trafficking graph's types, through the same scoped reads as their own fields."""

from __future__ import annotations

from api.graphql.info import Info
from api.graphql.relay import Node, to_global_id
from api.identifiers import rules as identifier_rules
from api.identifiers.types import Identifier
from api.perpetrators import rules as perpetrator_rules
from api.perpetrators.types import Perpetrator
from api.protection import protection_for
from api.routes import rules as route_rules
from api.routes.types import RouteEvent
from api.victims.rules import require_casework
from api.witnesses import rules as witness_rules
from api.witnesses.types import ProtectedPerson
from graph.identifiers import repository as identifiers


async def trafficking_node(info: Info, type_name: str, local: str) -> Node | None:
    """A perpetrator, identifier, route event or protected person the caller may see; None otherwise."""
    graph, scope = info.context.graph, info.context.scope
    if type_name == "Perpetrator":
        require_casework(scope)
        found = await perpetrator_rules.perpetrators_by_ids(graph, scope, [local])
        return Perpetrator.from_record(found[local]) if local in found else None
    if type_name == "Identifier":
        require_casework(scope)
        row = await identifiers.identifier_by_id(graph, scope, local)
        if row is None:
            return None
        value = identifier_rules.opened_value(protection_for(info.context.settings.state_dir).sealer, row)
        await identifier_rules.audit_read(graph, scope, "read:identifier", [to_global_id("Identifier", local)])
        return Identifier.from_record({**row, "otherCases": max(int(row["cases"]) - 1, 0)}, value)
    if type_name == "RouteEvent":
        event = await route_rules.event(graph, scope, local)
        return RouteEvent.from_record(event) if event else None
    if type_name == "ProtectedPerson":
        person = await witness_rules.person(graph, scope, local)
        return ProtectedPerson.from_record(person) if person else None
    return None
