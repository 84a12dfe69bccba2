"""Synthetic perpetrators and identifiers with realistic reuse, on top of a synthetic network.

About 300 networks per unit of scale: each has one or two recruiters (some with an exploiter or transporter), a few
phones and sometimes an e-mail, an online account or a plate, and reaches 2 to 9 cases drawn from the whole
country (so networks cross governorates and organisations). Some cases record the recruiter as a perpetrator (the
same node, as the authority would after checking), others only mention the network's phone. About 2% of the other
cases get a lone perpetrator with a phone of its own (no link). Written through the rules, so everything is sealed
and blind-indexed as in production. Deterministic for a seed (values; ids are random).
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from api.identifiers import rules as identifiers
from api.perpetrators import rules as perpetrators
from api.protection import protection_for
from api.settings import get_settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from graph.perpetrators import repository

NETWORKS_PER_SCALE = 300
SIZES = ((2, 3, 4, 5, 6, 7, 9), (30, 25, 15, 10, 8, 7, 5))
LONE_SHARE = 0.02
RELATIONS = (None, "FAMILY", "FRIEND", "INTIMATE_PARTNER", "OTHER")
PLATFORMS = ("FACEBOOK", "TIKTOK", "WHATSAPP", "TELEGRAM", "INSTAGRAM")


@dataclass
class PlantedNetwork:
    case_ids: list[str]
    phones: list[str] = field(default_factory=list)


def _phone(rng: random.Random) -> str:
    return f"+216 {rng.choice('259')}{rng.randrange(10)} {rng.randrange(1000):03d} {rng.randrange(1000):03d}"


def _identifiers(rng: random.Random, phones: list[str], number: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = [{"kind": "PHONE", "value": p} for p in phones]
    if rng.random() < 0.3:
        items.append({"kind": "EMAIL", "value": f"offres.emploi{number}@example.net"})
    if rng.random() < 0.4:
        items.append({"kind": "ONLINE_ACCOUNT", "platform": rng.choice(PLATFORMS), "value": f"@travail_{number}"})
    if rng.random() < 0.15:
        items.append({"kind": "VEHICLE_PLATE", "value": f"{rng.randrange(1, 250)} TU {rng.randrange(1, 9999)}"})
    return items


async def load_synthetic_trafficking(graph: Graph, *, scale: float, seed: int, progress: bool = True,
                                     state_dir: Path | None = None) -> list[PlantedNetwork]:
    """Plant the networks; returns them (what a clustering should find, at least)."""
    rng = random.Random(seed * 7919 + 15)
    sealer = protection_for(state_dir or get_settings().state_dir).sealer
    scope = Scope(user_id="system:synthetic-seed", role=Role.ADMIN, organization_id=None)
    cases = [row["id"] for row in await repository.synthetic_cases(graph)]
    rng.shuffle(cases)
    count = min(max(1, round(NETWORKS_PER_SCALE * scale)), len(cases) // 10)
    planted: list[PlantedNetwork] = []
    position = 0
    bar = tqdm(total=count, desc="trafficking networks", unit="networks", file=sys.stderr, disable=not progress)
    for number in range(count):
        size = rng.choices(SIZES[0], SIZES[1])[0]
        members, position = cases[position:position + size], position + size
        if len(members) < 2:
            break
        network = PlantedNetwork(case_ids=members, phones=[_phone(rng) for _ in range(rng.choice((1, 1, 2, 3)))])
        recruiter: dict[str, Any] | None = None
        for index, case_id in enumerate(members):
            if index == 0 or rng.random() < 0.5:
                if recruiter is None:
                    recruiter = await perpetrators.add_perpetrator(
                        graph, sealer, scope, case_id,
                        {"kind": "PERSON", "alias": f"Recruteur R{number}", "sex": rng.choice(("MALE", "FEMALE")),
                         "nationality": rng.choice(("TN", "TN", "TN", "LY", "DZ"))},
                        {"fullName": f"(synthétique) Recruteur {number}"}, "RECRUITER", rng.choice(RELATIONS),
                        _identifiers(rng, network.phones, number))
                else:
                    await perpetrators.involve(graph, scope, case_id, recruiter["id"], "RECRUITER",
                                               rng.choice(RELATIONS))
                if rng.random() < 0.2:
                    await perpetrators.add_perpetrator(
                        graph, sealer, scope, case_id, {"kind": rng.choice(("PERSON", "COMPANY")),
                                                        "alias": f"Exploiteur E{number}-{index}"},
                        None, rng.choice(("EXPLOITER", "TRANSPORTER", "BROKER")), None, [])
            else:
                await identifiers.add_to_case(graph, sealer, scope, case_id,
                                              [{"kind": "PHONE", "value": rng.choice(network.phones)}])
        planted.append(network)
        bar.update(1)
    bar.close()
    for case_id in cases[position:]:
        if rng.random() < LONE_SHARE:
            await perpetrators.add_perpetrator(graph, sealer, scope, case_id, {"kind": "PERSON", "alias": "Auteur"},
                                               None, rng.choice(("RECRUITER", "EXPLOITER")), None,
                                               [{"kind": "PHONE", "value": _phone(rng)}])
    return planted
