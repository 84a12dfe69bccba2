"""What a transmission carries about the crime: perpetrators, identifiers, route and protected persons.

Read with the report's linked case in one query, opened here (perpetrators' identity and identifier values travel to
the court: the transmission is the court's way to see them). A protected person's identity travels only when their
measures allow it (api/witnesses/rules.py); otherwise the package says it was withheld.
"""

from __future__ import annotations

from typing import Any

from api.witnesses.rules import identity_may_travel
from graph.access.scope import Scope
from graph.db import Graph
from graph.perpetrators import repository
from graph.protected.envelope import SealingError, WrappedKey
from graph.protected.sealer import Sealer

STAGES = {"RECRUITMENT": 0, "TRANSIT": 1, "EXPLOITATION": 2}


def _open(sealer: Sealer, key: dict[str, Any] | None, subject: str, sealed: dict[str, str | None]) -> dict[str, Any]:
    if key is None:
        return {}
    try:
        return sealer.open_subject(WrappedKey(key_id=key["id"], kek_id=key["kekId"], wrapped=key["wrapped"]),
                                   subject, sealed)
    except SealingError:
        return {}


async def package_values(graph: Graph, sealer: Sealer, scope: Scope, report_id: str) -> dict[str, Any]:
    """``perpetrators``, ``identifiers``, ``route`` and ``protectedPersons`` for a report's package."""
    row = await repository.package_source(graph, scope, report_id)
    if row is None:
        return {}
    protected = []
    for pp in sorted(row["protectedPersons"], key=lambda x: (x["alias"], x["id"])):
        allowed = identity_may_travel(pp["measures"])
        name = _open(sealer, pp.get("key"), pp["id"], {"fullName": pp["sealed"]["fullName"]}).get("fullName") \
            if allowed else None
        protected.append({"role": pp["role"], "alias": pp["alias"], "riskLevel": pp.get("riskLevel"),
                          "fullName": name, "identityWithheld": not allowed})
    return {**crime_values(sealer, row["perpetrators"], row["identifiers"], row["route"]),
            "protectedPersons": protected}


def crime_values(sealer: Sealer, perpetrators: list[dict[str, Any]], identifiers: list[dict[str, Any]],
                 route: list[dict[str, Any]]) -> dict[str, Any]:
    """Perpetrators (identity opened), identifiers (values opened, each once) and the route in order, as a
    package carries them."""
    opened_perpetrators = []
    for p in sorted(perpetrators, key=lambda x: (x["alias"], x["id"])):
        opened = _open(sealer, p.get("key"), p["id"], p["sealed"])
        opened_perpetrators.append({"role": p["role"], "victimRelation": p.get("victimRelation"), "kind": p["kind"],
                                    "alias": p["alias"], "nationality": p.get("nationality"),
                                    "fullName": opened.get("fullName"), "otherNames": opened.get("otherNames"),
                                    "documentNumber": opened.get("documentNumber"),
                                    "registrationNumber": opened.get("registrationNumber")})
    unique: dict[str, dict[str, Any]] = {}
    for i in identifiers:
        if i["id"] not in unique:
            value = _open(sealer, i.get("key"), i["id"], {"value": i["sealed"]}).get("value")
            unique[i["id"]] = {"kind": i["kind"], "platform": i.get("platform"), "value": value}
    ordered_route = [{"type": e["type"], "country": e["country"], "governorate": e.get("governorate"),
                      "place": e.get("place"), "occurredOn": e.get("occurredOn")}
                     for e in sorted(route, key=lambda e: (e.get("occurredOn") or "9999", STAGES.get(e["type"], 3),
                                                           str(e["createdAt"])))]
    return {"perpetrators": opened_perpetrators,
            "identifiers": sorted(unique.values(), key=lambda i: (i["kind"], str(i["value"]))),
            "route": ordered_route}
