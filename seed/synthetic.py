"""A synthetic national network for load tests: ``himaya seed synthetic --scale N --seed S``.

Deterministic for a seed (one ``random.Random``; ids are uuid4 drawn from it, timestamps are relative to
a fixed epoch). Scale 1 is about 1,000 organisations, 5,000 services, 100,000 victims and cases and
300,000 referrals. Rows are generated lazily and written in ``UNWIND`` batches; generating the next batch
overlaps with Neo4j writing the previous one.
"""

from __future__ import annotations

import asyncio
import math
import random
import sys
import time
import uuid
from bisect import bisect
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import accumulate
from typing import Any, TypeVar

from tqdm import tqdm

from api.referrals.rules import DeclineReason, ReferralStatus
from graph.db import Graph
from graph.seed import repository
from graph.sync import repository as sync_repository
from seed import names
from seed.synthetic_trafficking import load_synthetic_trafficking

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

# Everything is dated relative to this instant, so a seed always yields the same data.
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
EPOCH_S = int(EPOCH.timestamp())
DAY = 86_400
HOUR = 3_600
PER_SCALE = {"organizations": 1_000, "services": 5_000, "cases": 100_000}
ORG_BATCH = 2_000
SERVICE_BATCH = 2_500
CASE_BATCH = 2_000  # one case row also writes its victim, ~3 referrals and ~1 consent (~12k nodes a batch)

# Where organisations and services sit (clustered in Tunis, Sfax, Sousse) and where cases are opened.
NETWORK_WEIGHTS = {
    "TN-11": 22, "TN-61": 12, "TN-51": 10, "TN-12": 5, "TN-13": 5, "TN-82": 6, "TN-21": 4, "TN-52": 4,
    "TN-81": 3, "TN-41": 3, "TN-23": 3,
}
CASE_WEIGHTS = {
    "TN-11": 16, "TN-61": 14, "TN-82": 9, "TN-51": 8, "TN-12": 6, "TN-13": 6, "TN-21": 5, "TN-52": 4,
    "TN-81": 4, "TN-41": 3, "TN-23": 3, "TN-83": 2,
}
OTHER_GOVERNORATE_WEIGHT = 1.5
KIND_WEIGHTS = {"NGO": 45, "GOVERNMENT_AGENCY": 22, "SHELTER_OPERATOR": 10, "HEALTH_PROVIDER": 12,
                "INTERNATIONAL_ORGANIZATION": 3, "OTHER": 8}
KIND_CATEGORIES: dict[str, dict[str, float]] = {
    "NGO": {"LEGAL_AID": 18, "PSYCHOSOCIAL": 20, "INTERPRETATION": 8, "VOCATIONAL": 12, "EDUCATION": 8,
            "SHELTER": 8, "HOTLINE": 4, "FINANCIAL_AID": 6, "FAMILY_TRACING": 3},
    "SHELTER_OPERATOR": {"SHELTER": 70, "PSYCHOSOCIAL": 15, "CHILD_PROTECTION": 8, "VOCATIONAL": 7},
    "GOVERNMENT_AGENCY": {"CHILD_PROTECTION": 20, "DOCUMENTATION": 20, "LAW_ENFORCEMENT_LIAISON": 15,
                          "FINANCIAL_AID": 15, "EDUCATION": 10, "VOCATIONAL": 10, "HOTLINE": 5, "MEDICAL": 5},
    "HEALTH_PROVIDER": {"MEDICAL": 75, "PSYCHOSOCIAL": 25},
    "INTERNATIONAL_ORGANIZATION": {"REPATRIATION": 35, "FAMILY_TRACING": 20, "FINANCIAL_AID": 15,
                                   "INTERPRETATION": 15, "DOCUMENTATION": 15},
    "OTHER": {"VOCATIONAL": 40, "EDUCATION": 30, "INTERPRETATION": 30},
}
CATEGORY_LABELS = {
    "SHELTER": "Hébergement", "MEDICAL": "Soins médicaux", "PSYCHOSOCIAL": "Soutien psychosocial",
    "LEGAL_AID": "Aide juridique", "INTERPRETATION": "Interprétariat", "REPATRIATION": "Retour volontaire",
    "EDUCATION": "Scolarisation", "VOCATIONAL": "Formation professionnelle",
    "CHILD_PROTECTION": "Protection de l'enfance", "HOTLINE": "Ligne d'écoute", "FINANCIAL_AID": "Aide financière",
    "FAMILY_TRACING": "Rétablissement des liens familiaux",
    "DOCUMENTATION": "Documents d'identité", "LAW_ENFORCEMENT_LIAISON": "Liaison police-justice",
}
SERVICE_STATUS_WEIGHTS = (88, 7, 5)
SEX_WEIGHTS = (55, 42, 1, 2)
AGE_BAND_WEIGHTS = (3, 14, 12, 14, 14, 12, 18, 8, 5)
CASE_STATUS_WEIGHTS = (8, 10, 12, 15, 55)
FORM_WEIGHTS = {"FORCED_LABOUR": 30, "DOMESTIC_SERVITUDE": 22, "SEXUAL_EXPLOITATION": 22, "FORCED_BEGGING": 8,
                "FORCED_CRIMINALITY": 6, "FORCED_MARRIAGE": 4, "SLAVERY_AND_PRACTICES": 3, "ORGAN_REMOVAL": 0.5,
                "FORCED_MILITARY": 0.2, "OTHER": 4}
SPECIAL_NEEDS = ("PREGNANCY", "DISABILITY", "MEDICAL_CONDITION", "MENTAL_HEALTH", "ACCOMPANIED_CHILDREN")
REFERRALS_PER_OPEN_CASE: tuple[tuple[int, ...], tuple[float, ...]] = ((1, 2, 3, 4, 5, 6, 7), (18, 20, 20, 17, 11, 8, 6))
_OPEN = (ReferralStatus.PENDING, ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED, ReferralStatus.DECLINED,
         ReferralStatus.CANCELLED)
OPEN_REFERRAL_STATUSES = (tuple(status.value for status in _OPEN), (35, 30, 15, 12, 8))
CLOSED_REFERRAL_STATUSES = (tuple(s.value for s in (ReferralStatus.COMPLETED, ReferralStatus.DECLINED,
                                                     ReferralStatus.CANCELLED)), (60, 20, 20))
URGENCY_WEIGHTS = (60, 28, 12)
# Codes of the DeclineReason enum (the reason is a code; any free text goes in the referral's note).
DECLINE_REASONS = tuple(reason.value for reason in DeclineReason)
OUTCOMES = ("Service rendu", "Prise en charge terminée", "Orientée vers un autre service", "Objectifs atteints")
NOTES = ("Orientation initiale", "Besoin urgent d'hébergement", "Suivi psychologique demandé",
         "Accompagnement juridique pour la plainte", "Interprète nécessaire pour l'entretien")


@dataclass(frozen=True)
class Counts:
    organizations: int
    services: int
    cases: int

    @classmethod
    def for_scale(cls, scale: float) -> Counts:
        if not math.isfinite(scale) or scale <= 0:
            raise ValueError("scale must be a positive number")
        return cls(*(max(1, round(PER_SCALE[k] * scale)) for k in ("organizations", "services", "cases")))


@dataclass
class SyntheticSummary:
    seed: int
    scale: float
    organizations: int = 0
    partnerships: int = 0
    services: int = 0
    victims: int = 0
    cases: int = 0
    referrals: int = 0
    consents: int = 0
    elapsed_s: float = 0.0
    by_status: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        return (f"synthetic network (scale {self.scale:g}, seed {self.seed}): {self.organizations} organisations, "
                f"{self.partnerships} partnerships, {self.services} services, {self.victims} victims, "
                f"{self.cases} cases, {self.referrals} referrals, {self.consents} consents "
                f"in {self.elapsed_s:.1f} s")


class _Weighted:
    """A weighted choice with precomputed cumulative weights (``random.choices`` recomputes them each call)."""

    def __init__(self, values: Sequence[T_co], weights: Sequence[float]) -> None:
        self.values = list(values)
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.values[bisect(self.cumulative, rng.random() * self.total)]


@dataclass
class _Org:
    id: str
    kind: str
    governorate: str
    name: str


@dataclass
class _Service:
    id: str
    governorate: str
    active: bool
    sexes: tuple[str, ...]
    accepts_minors: bool
    max_age: int | None
    capacity: int
    accepted: int = 0


def _weighted_governorates(weights: Mapping[str, float]) -> _Weighted:
    codes = [g["code"] for g in names.governorates()]
    return _Weighted(codes, [weights.get(code, OTHER_GOVERNORATE_WEIGHT) for code in codes])


def _batches(rows: Iterator[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class SyntheticNetwork:
    """Generates the rows; holds what later stages need (organisations, services and their load).

    Instants are epoch seconds (ints) until Cypher turns them into datetimes.
    """

    def __init__(self, scale: float, seed: int) -> None:
        self.counts = Counts.for_scale(scale)
        self.rng = random.Random(seed)
        self.orgs: list[_Org] = []
        self.owners_by_gov: dict[str, list[_Org]] = {}
        self.services: list[_Service] = []
        self.services_by_gov: dict[str, list[_Service]] = {}
        self.summary = SyntheticSummary(seed=seed, scale=scale)
        self._network_govs = _weighted_governorates(NETWORK_WEIGHTS)
        self._case_govs = _weighted_governorates(CASE_WEIGHTS)
        self._gov_codes = [g["code"] for g in names.governorates()]
        self._adjacent = {g["code"]: list(g["adjacent"]) for g in names.governorates()}
        self._centroids = {g["code"]: (float(g["lat"]), float(g["lon"])) for g in names.governorates()}
        self._gov_names = {g["code"]: g["names"] for g in names.governorates()}

    # ---------------------------------------------------------------------------------- helpers
    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _before_epoch(self, max_days: float, min_days: float = 0.0) -> int:
        return EPOCH_S - int(self.rng.uniform(min_days, max_days) * DAY)

    def _unique_numbers(self, count: int, digits: int) -> list[int]:
        return self.rng.sample(range(10 ** (digits - 1), 10**digits), count)

    # ---------------------------------------------------------------------------- organisations
    def organization_rows(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        kinds = _Weighted(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))
        numbers = self._unique_numbers(self.counts.organizations, 6)
        for i, number in enumerate(numbers):
            kind: str = kinds.pick(rng)
            gov: str = self._network_govs.pick(rng)
            word = rng.choice(names.NAME_WORDS)
            prefix = names.KIND_PREFIXES[kind]
            gov_names = self._gov_names[gov]
            org = _Org(id=self.uuid(), kind=kind, governorate=gov,
                       name=f"{prefix[0]} {word[0]} {gov_names['fr']} ({number})")
            self.orgs.append(org)
            if kind != "OTHER":
                self.owners_by_gov.setdefault(gov, []).append(org)
            yield {
                "id": org.id, "governorate": gov, "code": f"SYN-{number}", "name": org.name,
                "nameAr": f"{prefix[1]} {word[1]} {gov_names['ar']}",
                "nameEn": f"{word[2]} {prefix[2]} {gov_names['en']}",
                "kind": kind, "contactEmail": f"contact-{number}@example.org",
                "contactPhone": names.fictional_phone(i), "createdAt": self._before_epoch(6 * 365, 200),
            }

    def partnership_rows(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        seen: set[tuple[int, int]] = set()
        n = len(self.orgs)
        for _ in range(2 * n if n > 1 else 0):
            a, b = rng.randrange(n), rng.randrange(n)
            pair = (min(a, b), max(a, b))
            if a == b or pair in seen:
                continue
            seen.add(pair)
            yield {"source": self.orgs[a].id, "target": self.orgs[b].id, "since": self._before_epoch(2000, 30),
                   "agreement": rng.choice(("MOU", "REFERRAL_PROTOCOL", "FUNDING", "INFORMAL"))}

    # --------------------------------------------------------------------------------- services
    def service_rows(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        statuses = _Weighted(names.SERVICE_STATUSES, SERVICE_STATUS_WEIGHTS)
        categories = {kind: _Weighted(list(mix), list(mix.values())) for kind, mix in KIND_CATEGORIES.items()}
        forms = names.exploitation_forms()
        for _ in range(self.counts.services):
            org = self.orgs[rng.randrange(len(self.orgs))]
            category: str = categories[org.kind].pick(rng)
            gov = org.governorate if rng.random() < 0.85 else self._network_govs.pick(rng)
            status: str = statuses.pick(rng)
            sexes: tuple[str, ...] = ()
            roll = rng.random()
            if category == "SHELTER":
                sexes = ("FEMALE",) if roll < 0.55 else ("MALE",) if roll < 0.8 else ()
            elif roll < 0.12:
                sexes = ("FEMALE",)
            min_age: int | None = None
            max_age: int | None = None
            accepts_minors = True
            if category == "CHILD_PROTECTION" or (category in {"SHELTER", "EDUCATION"} and rng.random() < 0.2):
                max_age = 17
            elif category in {"SHELTER", "VOCATIONAL"} or rng.random() < 0.15:
                min_age, accepts_minors = 18, False
            # Mostly small capacities (geometric-like), shelters a little larger.
            if category == "SHELTER":
                capacity = 2 + min(int(rng.expovariate(1 / 10)), 80)
            else:
                capacity = 1 + min(int(rng.expovariate(1 / 6)), 120)
            only: list[str] = []
            excluded: list[str] = []
            if category == "REPATRIATION":
                excluded = ["TN"]
            elif rng.random() < 0.03:
                only = ["TN"]
            served_forms = sorted(rng.sample(forms, rng.randint(1, 3))) if rng.random() < 0.15 else []
            languages = ["ar", "fr"]
            if rng.random() < 0.5:
                languages.append("en")
            if category == "INTERPRETATION" or rng.random() < 0.1:
                languages.extend(rng.sample(("ti", "so", "am", "ha", "ff", "wo", "bm"), rng.randint(1, 3)))
            covers = [gov]
            if category == "HOTLINE" and rng.random() < 0.3:
                covers = list(self._gov_codes)
            elif rng.random() < 0.35:
                covers += self._adjacent[gov]
            lat, lon = self._centroids[gov]
            service = _Service(id=self.uuid(), governorate=gov, active=status == "ACTIVE", sexes=sexes,
                               accepts_minors=accepts_minors, max_age=max_age, capacity=capacity)
            self.services.append(service)
            self.services_by_gov.setdefault(gov, []).append(service)
            yield {
                "id": service.id, "organization": org.id, "governorate": gov, "covers": covers,
                "name": f"{CATEGORY_LABELS[category]} — {org.name}",
                "description": f"{CATEGORY_LABELS[category]} (données synthétiques)", "category": category,
                "status": status, "sexes": list(sexes), "minAge": min_age, "maxAge": max_age,
                "acceptsMinors": accepts_minors, "nationalitiesOnly": only, "nationalitiesExcluded": excluded,
                "exploitationForms": served_forms, "languages": languages,
                "latitude": round(lat + rng.gauss(0, 0.05), 5), "longitude": round(lon + rng.gauss(0, 0.05), 5),
                "schedule": rng.choice(("Lun-Ven 8h-17h", "24h/24, 7j/7", "Lun-Sam 9h-13h", "Sur rendez-vous")),
                "free": rng.random() < 0.9, "capacityUnit": names.capacity_unit(category),
                "capacityMaximum": capacity, "createdAt": self._before_epoch(5 * 365, 60),
            }

    # ------------------------------------------------------------------------------------ cases
    def case_rows(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        numbers = self._unique_numbers(self.counts.cases, 7)
        nationalities = _Weighted(list(names.NATIONALITY_WEIGHTS), list(names.NATIONALITY_WEIGHTS.values()))
        forms = _Weighted(list(FORM_WEIGHTS), list(FORM_WEIGHTS.values()))
        case_statuses = _Weighted(names.CASE_STATUSES, CASE_STATUS_WEIGHTS)
        sexes = _Weighted(names.VICTIM_SEXES, SEX_WEIGHTS)
        bands = _Weighted(names.AGE_BANDS, AGE_BAND_WEIGHTS)
        precisions = _Weighted(names.BIRTH_DATE_PRECISIONS, (10, 60, 30))
        purposes = _Weighted(names.CONSENT_PURPOSES, (50, 30, 15, 5))
        controls = names.means_of_control()
        all_owners = [org for org in self.orgs if org.kind != "OTHER"] or self.orgs
        for number in numbers:
            gov: str = self._case_govs.pick(rng)
            owners = self.owners_by_gov.get(gov) or all_owners
            owner = owners[rng.randrange(len(owners))]
            status: str = case_statuses.pick(rng)
            closed = status == "CLOSED"
            opened = self._before_epoch(5 * 365, 30) if closed else self._before_epoch(365)
            closed_at = min(opened + int(rng.uniform(20, 400) * DAY), EPOCH_S) if closed else None
            sex: str = sexes.pick(rng)
            band: str = bands.pick(rng)
            low, high = names.AGE_BAND_RANGES[band]
            minor = band in names.MINOR_BANDS
            nationality: str = nationalities.pick(rng)
            first_form: str = forms.pick(rng)
            case_forms = [first_form]
            if rng.random() < 0.2:
                second: str = forms.pick(rng)
                case_forms = sorted({first_form, second})
            labour = next((f for f in case_forms if f in names.LABOUR_FORMS), None)
            sector = None
            if labour == "DOMESTIC_SERVITUDE":
                sector = "DOMESTIC_WORK"
            elif labour is not None:
                sector = rng.choice(names.LABOUR_SECTORS)
            needs = [rng.choice(SPECIAL_NEEDS)] if rng.random() < 0.15 else []
            victim_id = self.uuid()
            case_id = self.uuid()
            referrals = self._referrals(gov, status, opened, closed_at, sex, minor)
            updated = max([closed_at or opened] + [r["updatedAt"] for r in referrals])
            consents = []
            if rng.random() < 0.7:
                granted = opened + int(rng.uniform(0, 5) * DAY)
                consents.append({
                    "id": self.uuid(), "purpose": purposes.pick(rng), "grantedAt": granted,
                    "expiresAt": granted + 730 * DAY,
                    "revokedAt": granted + int(rng.uniform(10, 300) * DAY) if rng.random() < 0.05 else None,
                })
            self.summary.victims += 1
            self.summary.cases += 1
            self.summary.consents += len(consents)
            self.summary.referrals += len(referrals)
            self.summary.by_status[status] = self.summary.by_status.get(status, 0) + 1
            yield {
                "organization": owner.id, "governorate": gov,
                "victimId": victim_id, "alias": f"SYN-V-{number}", "sex": sex, "ageBand": band,
                "birthYear": EPOCH.year - (EPOCH_S - opened) // (365 * DAY) - rng.randint(low, high),
                "birthDatePrecision": precisions.pick(rng), "minor": minor, "nationality": nationality,
                "languages": names.languages_for(nationality), "specialNeeds": needs,
                "caseId": case_id, "reference": f"SYN-{number}", "status": status, "exploitationForms": case_forms,
                "labourSector": sector, "meansOfControl": sorted(rng.sample(controls, rng.randint(1, 4))),
                "openedAt": opened, "closedAt": closed_at, "updatedAt": updated,
                "consents": consents, "referrals": referrals,
            }

    def _eligible(self, service: _Service, sex: str, minor: bool) -> bool:
        if service.sexes and sex not in service.sexes:
            return False
        if minor:
            return service.accepts_minors
        return service.max_age is None or service.max_age >= 18

    def _pick_service(self, gov: str, sex: str, minor: bool, open_status: bool, taken: list[str]) -> _Service:
        rng = self.rng
        local = self.services_by_gov.get(gov)
        candidate = self.services[0]
        for _ in range(6):
            pool = local if local and rng.random() < 0.7 else self.services
            candidate = pool[rng.randrange(len(pool))]
            if candidate.id in taken or (open_status and not candidate.active):
                continue
            if self._eligible(candidate, sex, minor):
                return candidate
        return candidate

    def _referrals(self, gov: str, case_status: str, opened: int, closed_at: int | None,
                   sex: str, minor: bool) -> list[dict[str, Any]]:
        rng = self.rng
        count = (1 if rng.random() < 0.3 else 0) if case_status == "REPORTED" else _REFERRAL_COUNTS.pick(rng)
        rows: list[dict[str, Any]] = []
        taken: list[str] = []
        for _ in range(count):
            if case_status == "REPORTED":
                status = "PENDING"
            elif case_status == "CLOSED":
                status = _CLOSED_REFERRAL_STATUSES.pick(rng)
            else:
                status = _OPEN_REFERRAL_STATUSES.pick(rng)
            service = self._pick_service(gov, sex, minor, status in {"PENDING", "ACCEPTED"}, taken)
            taken.append(service.id)
            if status == "ACCEPTED":
                if service.accepted < service.capacity:
                    service.accepted += 1
                else:
                    status = "PENDING"  # the service is full: the referral waits
            created = opened + int(rng.uniform(0, 20) * DAY)
            if closed_at is not None:
                created = min(created, closed_at)
            responded = completed = cancelled = None
            decline_reason = outcome = None
            updated = created
            if status in {"ACCEPTED", "DECLINED", "COMPLETED"}:
                updated = responded = created + int(rng.uniform(1, 120) * HOUR)
            if status == "DECLINED":
                decline_reason = rng.choice(DECLINE_REASONS)
            elif status == "COMPLETED":
                updated = completed = updated + int(rng.uniform(3, 120) * DAY)
                outcome = rng.choice(OUTCOMES)
            elif status == "CANCELLED":
                updated = cancelled = created + int(rng.uniform(0, 30) * DAY)
            rows.append({
                "service": service.id, "id": self.uuid(), "status": status, "urgency": _URGENCIES.pick(rng),
                "note": rng.choice(NOTES), "declineReason": decline_reason, "outcome": outcome, "createdAt": created,
                "respondedAt": responded, "completedAt": completed, "cancelledAt": cancelled, "updatedAt": updated,
            })
        return rows

    def capacity_rows(self) -> Iterator[dict[str, Any]]:
        for service in self.services:
            yield {"id": service.id, "available": service.capacity - service.accepted}


_REFERRAL_COUNTS = _Weighted(*REFERRALS_PER_OPEN_CASE)
_OPEN_REFERRAL_STATUSES = _Weighted(*OPEN_REFERRAL_STATUSES)
_CLOSED_REFERRAL_STATUSES = _Weighted(*CLOSED_REFERRAL_STATUSES)
_URGENCIES = _Weighted(names.URGENCIES, URGENCY_WEIGHTS)


async def _pipelined(graph: Graph, rows: Iterator[dict[str, Any]], size: int, write: Any, bar: tqdm[Any]) -> int:
    """Write batches while the next one is generated in a worker thread."""
    batches = _batches(rows, size)
    written = 0
    pending = await asyncio.to_thread(next, batches, None)
    while pending is not None:
        write_task = asyncio.ensure_future(write(graph, pending))
        upcoming = await asyncio.to_thread(next, batches, None)
        await write_task
        written += len(pending)
        bar.update(len(pending))
        pending = upcoming
    return written


def _bar(desc: str, total: int | None, progress: bool) -> tqdm[Any]:
    return tqdm(total=total, desc=desc, unit="rows", file=sys.stderr, disable=not progress, leave=True,
                dynamic_ncols=True)


async def load_synthetic(graph: Graph, *, scale: float, seed: int, progress: bool = True) -> SyntheticSummary:
    """Generate and write the synthetic network. Refuses to add a second one on top of an existing one."""
    if await repository.synthetic_present(graph):
        raise SyntheticAlreadyLoaded
    started = time.monotonic()
    net = SyntheticNetwork(scale, seed)
    counts = net.counts
    with _bar("organisations", counts.organizations, progress) as bar:
        net.summary.organizations = await _pipelined(
            graph, net.organization_rows(), ORG_BATCH, repository.synthetic_create_organizations, bar)
    with _bar("partnerships", None, progress) as bar:
        net.summary.partnerships = await _pipelined(
            graph, net.partnership_rows(), ORG_BATCH, repository.synthetic_create_partnerships, bar)
    with _bar("services", counts.services, progress) as bar:
        net.summary.services = await _pipelined(
            graph, net.service_rows(), SERVICE_BATCH, repository.synthetic_create_services, bar)
    with _bar("cases", counts.cases, progress) as bar:
        await _pipelined(graph, net.case_rows(), CASE_BATCH, repository.synthetic_create_cases, bar)
    with _bar("capacities", counts.services, progress) as bar:
        await _pipelined(graph, net.capacity_rows(), SERVICE_BATCH, repository.synthetic_set_capacity, bar)
    await load_synthetic_trafficking(graph, scale=scale, seed=seed, progress=progress)
    await sync_repository.sequence_unsequenced(graph)  # numbered for delta sync, oldest first
    net.summary.elapsed_s = time.monotonic() - started
    return net.summary


class SyntheticAlreadyLoaded(RuntimeError):
    """Synthetic data (organisations coded SYN-...) is already in the graph."""

    def __init__(self) -> None:
        super().__init__("synthetic data is already loaded (organisations coded SYN-…): start from an empty graph")

