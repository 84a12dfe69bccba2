"""Enough fictional identified victims over three years for every statistics chart to show something.

Wholly fictional, and deterministic (one ``random.Random`` with a fixed seed; ids are uuid5 of an index), so a
second run creates nothing. The cases are spread over the current calendar year and the two before it, with
distributions shaped like the figures a TIP chapter on Tunisia reports: many foreign nationals (Côte d'Ivoire
first), domestic servitude and forced labour ahead of sexual exploitation, a large share of children (forced
begging), women the majority. Referrals of these cases are past ones only (completed, declined, cancelled),
so the demo services' free capacity is left as ``seed/demo.py`` set it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from graph.db import Graph
from graph.seed import repository
from seed import names
from seed.demo import SERVICES
from seed.demo_ids import demo_id

SEED = 2016_61
PER_YEAR = (120, 140, 165)  # two years ago, last year, this year
OWNERS: tuple[tuple[str, str, float], ...] = (  # organisation, governorate, weight
    ("DEMO-AMAL", "TN-11", 14), ("DEMO-MFFE", "TN-11", 10), ("DEMO-DARNOUR", "TN-61", 12),
    ("DEMO-KARAMA", "TN-51", 9), ("DEMO-JASR", "TN-82", 10), ("DEMO-RAHMA", "TN-41", 6),
    ("DEMO-WAHA", "TN-81", 5), ("DEMO-YASMINE", "TN-21", 6), ("DEMO-BAHR", "TN-23", 4),
    ("DEMO-SANABIL", "TN-42", 3), ("DEMO-SAHRA", "TN-83", 3), ("DEMO-OIMD", "TN-11", 8), ("INLTP", "TN-12", 5),
    ("DEMO-MINT", "TN-13", 5),
)
NATIONALITIES = {"TN": 34, "CI": 30, "CM": 6, "GN": 5, "NG": 5, "SN": 3, "ML": 3, "SD": 3, "ER": 2, "MA": 2,
                 "BF": 2, "PH": 1, "SY": 1}
FORMS = {"DOMESTIC_SERVITUDE": 30, "FORCED_LABOUR": 24, "SEXUAL_EXPLOITATION": 18, "FORCED_BEGGING": 12,
         "FORCED_CRIMINALITY": 6, "SLAVERY_AND_PRACTICES": 3, "FORCED_MARRIAGE": 3, "OTHER": 2, "ORGAN_REMOVAL": 1}
SECTORS = ("AGRICULTURE", "CONSTRUCTION", "HOSPITALITY", "MANUFACTURING", "FISHING")
BANDS = {"0-8": 5, "9-17": 25, "18-20": 12, "21-23": 13, "24-26": 12, "27-29": 10, "30-38": 14, "39-47": 6,
         "48+": 3}
REFERRAL_CATEGORIES = ("SHELTER", "MEDICAL", "PSYCHOSOCIAL", "LEGAL_AID", "INTERPRETATION", "REPATRIATION",
                       "CHILD_PROTECTION", "VOCATIONAL", "DOCUMENTATION")


def _pick(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _sex_for(rng: random.Random, form: str) -> str:
    female_share = {"SEXUAL_EXPLOITATION": 0.92, "DOMESTIC_SERVITUDE": 0.85, "FORCED_MARRIAGE": 0.95,
                    "FORCED_LABOUR": 0.3, "FORCED_CRIMINALITY": 0.25, "FORCED_BEGGING": 0.5}.get(form, 0.5)
    return "FEMALE" if rng.random() < female_share else "MALE"


def _band_for(rng: random.Random, form: str) -> str:
    if form == "FORCED_BEGGING":
        return rng.choice(("0-8", "9-17", "9-17"))
    if form in {"SEXUAL_EXPLOITATION", "FORCED_LABOUR", "FORCED_CRIMINALITY"} and rng.random() < 0.85:
        return rng.choice(("18-20", "21-23", "24-26", "27-29", "30-38"))
    return _pick(rng, BANDS)


def _service_for(rng: random.Random, category: str, sex: str, minor: bool) -> str | None:
    fitting = [s for s in SERVICES if s.category == category and (not s.sexes or sex in s.sexes)
               and (s.ages != "ADULT" or not minor) and (s.ages != "CHILD" or minor)]
    return rng.choice(fitting).key if fitting else None


def statistics_rows(now: datetime) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Case rows (victim and case) and referral rows, in the shapes the demo seed statements take."""
    rng = random.Random(SEED)
    cases: list[dict[str, Any]] = []
    referrals: list[dict[str, Any]] = []
    owners = [o for o, _, _ in OWNERS]
    owner_weights = [w for _, _, w in OWNERS]
    governorates = {o: g for o, g, _ in OWNERS}
    index = 0
    for offset, count in enumerate(PER_YEAR):
        year = now.year - (len(PER_YEAR) - 1) + offset
        start = datetime(year, 1, 1, 8, tzinfo=UTC)
        end = min(datetime(year + 1, 1, 1, tzinfo=UTC), now - timedelta(days=1))
        span = max(1, int((end - start).total_seconds()))
        for _ in range(count):
            index += 1
            opened = start + timedelta(seconds=rng.randrange(span))
            form = _pick(rng, FORMS)
            forms = [form]
            if rng.random() < 0.12:
                forms = sorted({form, _pick(rng, FORMS)})
            sex = _sex_for(rng, form)
            band = _band_for(rng, form)
            minor = band in names.MINOR_BANDS
            nationality = "TN" if form == "FORCED_BEGGING" and rng.random() < 0.7 else _pick(rng, NATIONALITIES)
            owner = rng.choices(owners, weights=owner_weights)[0]
            sector = None
            if form == "DOMESTIC_SERVITUDE":
                sector = "DOMESTIC_WORK"
            elif form == "FORCED_LABOUR":
                sector = rng.choice(SECTORS)
            elif form == "FORCED_BEGGING":
                sector = "BEGGING"
            means = sorted(rng.sample(names.means_of_control()[:16], rng.randint(1, 3)))
            if form in {"FORCED_LABOUR", "DOMESTIC_SERVITUDE"} and rng.random() < 0.25:
                means = sorted({*means, "DEBT_BONDAGE"})
            age_now = (names.AGE_BAND_RANGES[band][0] + names.AGE_BAND_RANGES[band][1]) // 2
            closed = None
            status = rng.choices(("PRESUMED", "IDENTIFIED", "ASSISTED"), weights=(2, 4, 5))[0]
            if year < now.year and rng.random() < 0.75:
                status = "CLOSED"
                closed = min(opened + timedelta(days=int(rng.expovariate(1 / 110)) + 5), now - timedelta(hours=1))
            alias = f"V-STAT-{index:04d}"
            case_id = demo_id("case", alias)
            cases.append({"organization": owner, "governorate": governorates[owner], "victim": {
                "id": demo_id("victim", alias), "alias": alias, "sex": sex, "ageBand": band,
                "birthYear": opened.year - age_now, "birthDatePrecision": "YEAR", "minor": minor,
                "nationality": nationality, "languages": names.languages_for(nationality), "specialNeeds": [],
                "createdAt": opened, "updatedAt": opened, "version": 1,
            }, "case": {
                "id": case_id, "reference": f"HIM-{opened.year}-{800000 + index:06d}", "status": status,
                "exploitationForms": forms, "labourSector": sector, "meansOfControl": means, "openedAt": opened,
                "closedAt": closed, "createdAt": opened, "updatedAt": closed or opened, "version": 1,
            }})
            referrals.extend(_referrals(rng, alias, case_id, opened, closed or now, sex, minor, status))
    return cases, referrals


def _referrals(rng: random.Random, alias: str, case_id: str, opened: datetime, until: datetime, sex: str,
               minor: bool, status: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    wanted = rng.randint(1, 3) if status in {"ASSISTED", "CLOSED"} else rng.randint(0, 1)
    categories = rng.sample(REFERRAL_CATEGORIES, wanted)
    if minor and "CHILD_PROTECTION" not in categories:
        categories[:1] = ["CHILD_PROTECTION"]
    for number, category in enumerate(categories):
        service = _service_for(rng, category, sex, minor)
        if service is None:
            continue
        window = max(1, int((until - opened).total_seconds()))
        created = opened + timedelta(seconds=min(window - 1, int(rng.expovariate(1 / (6 * 86400)))))
        outcome = rng.choices(("COMPLETED", "DECLINED", "CANCELLED"), weights=(7, 2, 1))[0]
        if status in {"ASSISTED", "CLOSED"} and number == 0:
            outcome = "COMPLETED"  # assisted: at least one service was given
        responded = created + timedelta(hours=rng.randint(2, 96))
        props: dict[str, Any] = {"id": demo_id("referral", f"{alias}-{number}"), "status": outcome,
                                 "urgency": rng.choice(names.URGENCIES), "note": "Orientation (démo statistique).",
                                 "createdAt": created, "version": 1}
        updated = created
        if outcome in {"COMPLETED", "DECLINED"}:
            updated = props["respondedAt"] = responded
        if outcome == "DECLINED":
            props["declineReason"] = "NO_CAPACITY"
        if outcome == "COMPLETED":
            updated = props["completedAt"] = responded + timedelta(days=rng.randint(3, 60))
            props["outcome"] = "Service rendu"
        if outcome == "CANCELLED":
            updated = props["cancelledAt"] = created + timedelta(days=2)
        props["updatedAt"] = updated
        rows.append({"case": case_id, "service": demo_id("service", service), "props": props})
    return rows


async def load_demo_statistics(graph: Graph, *, now: datetime | None = None) -> int:
    """Create the statistical demo victims that are missing; how many cases were created."""
    now = now or datetime.now(UTC).replace(microsecond=0)
    cases, referrals = statistics_rows(now)
    created = await repository.demo_create_cases(graph, cases)
    await repository.demo_create_referrals(graph, referrals)
    return created
