"""Demo trafficking graph, created through the same rules as the API (so it is sealed for real), once.

Two cases of different NGOs (Amal in Tunis, Dar Nour in Sfax) share a recruiter's phone: the coordinator sees them
linked in ``caseLinks``. The Sfax case has a route (Lagos → Libya → Sfax) and a protected witness whose identity is
withheld, under police protection, with a review due within the week. Every name and number is fictional.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from api.identifiers import rules as identifiers
from api.perpetrators import rules as perpetrators
from api.protection import protection_for
from api.routes import rules as routes
from api.settings import get_settings
from api.witnesses import rules as witnesses
from graph.access.scope import Role, Scope
from graph.db import Graph
from graph.perpetrators import repository
from seed.demo_ids import demo_id

RECRUITER_PHONE = "+216 29 000 451"  # fictional


async def load_demo_trafficking(graph: Graph, now: dt.datetime, state_dir: Path | None = None) -> int:
    """Add the demo perpetrators, identifiers, route and witness; the number of records made (0 when present)."""
    tunis, sfax = demo_id("case", "V-TUN-01"), demo_id("case", "V-SFX-01")
    if await repository.case_perpetrator_count(graph, tunis) > 0:
        return 0
    sealer = protection_for(state_dir or get_settings().state_dir).sealer
    coordinator = Scope(user_id="system:demo-seed", role=Role.COORDINATOR,
                        organization_id=demo_id("organization", "INLTP"))
    await perpetrators.add_perpetrator(
        graph, sealer, coordinator, tunis,
        {"kind": "PERSON", "alias": "Recruteur « Sami »", "sex": "MALE", "nationality": "TN", "ageBand": "30-38"},
        {"fullName": "(fictif) Sami Ben Salem", "otherNames": "Sami l'Européen"}, "RECRUITER", "FRIEND",
        [{"kind": "PHONE", "value": RECRUITER_PHONE},
         {"kind": "ONLINE_ACCOUNT", "platform": "FACEBOOK", "value": "@emploi.europe.demo"}])
    await perpetrators.add_perpetrator(
        graph, sealer, coordinator, sfax, {"kind": "COMPANY", "alias": "Agence « Horizon » (fictive)"},
        {"fullName": "(fictif) Horizon Emploi SARL", "registrationNumber": "B000000DEMO"}, "BROKER", None,
        [{"kind": "EMAIL", "value": "contact@horizon-emploi.example"}])
    await identifiers.add_to_case(graph, sealer, coordinator, sfax, [{"kind": "PHONE", "value": "29 000 451"}])
    for event in ({"type": "RECRUITMENT", "country": "NGA", "place": "Lagos", "occurredOn": "2025-09"},
                  {"type": "TRANSIT", "country": "LBY", "place": "Zouara", "occurredOn": "2025-10"},
                  {"type": "EXPLOITATION", "governorate": "TN-61", "place": "Sfax", "occurredOn": "2025-11"}):
        await routes.add_event(graph, coordinator, sfax, event)
    witness = await witnesses.record(graph, sealer, coordinator, case_id=sfax, report_id=None, fields={
        "role": "WITNESS", "alias": "Témoin « T1 »", "riskLevel": "HIGH",
        "riskFactors": ["THREATS_RECEIVED", "PERPETRATOR_AT_LARGE"]},
        identity={"fullName": "(fictif) Témoin de démonstration", "contact": "+216 70 000 098"})
    await witnesses.add_measure(graph, coordinator, witness["id"], {
        "kind": "IDENTITY_WITHHELD", "status": "ACTIVE", "responsibleBody": "Instance nationale (démo)"},
        sealer=sealer)
    await witnesses.add_measure(graph, coordinator, witness["id"], {
        "kind": "POLICE_PROTECTION", "status": "ACTIVE", "responsibleBody": "Garde nationale, Sfax (démo)",
        "reviewDue": (now + dt.timedelta(days=5)).date(), "note": "Patrouille devant le domicile (démo)"},
        sealer=sealer)
    return 9
