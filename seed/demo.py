"""The demo network loaded by ``himaya seed demo`` (and ``make run``): entirely fictional.

Idempotent: every record has a stable id (uuid5 of a code) or code, and the loaders only create what is
missing, so a second run changes nothing, and people's work on demo records is never overwritten.
Organisations, aliases and numbers are invented; phone numbers follow the ``+216 70 000 0xx`` pattern;
victims carry aliases only (no names, no identity documents).
"""

from __future__ import annotations

import os
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from neo4j.spatial import WGS84Point

from api.auth.accounts import create_user
from api.errors import Conflict
from graph.access.scope import Role
from graph.db import Graph
from graph.seed import repository
from graph.sync import repository as sync_repository
from seed import demo_consent, names
from seed.demo_ids import demo_id
from seed.demo_strategy import load_demo_strategy
from seed.demo_trafficking import load_demo_trafficking

DEMO_ACCOUNTS_FILE = "demo-accounts.txt"


# ------------------------------------------------------------------------------------ organisations
# code, kind, governorate, (fr, ar, en)
ORGANIZATIONS: tuple[tuple[str, str, str, tuple[str, str, str]], ...] = (
    ("INLTP", "NATIONAL_AUTHORITY", "TN-11", (
        "Instance nationale de lutte contre la traite des personnes", "الهيئة الوطنية لمكافحة الاتجار بالأشخاص",
        "National Authority against Trafficking in Persons")),
    ("DEMO-MAS", "GOVERNMENT_AGENCY", "TN-11", (
        "Ministère des Affaires sociales (démo)", "وزارة الشؤون الاجتماعية (تجريبي)",
        "Ministry of Social Affairs (demo)")),
    ("DEMO-MFFE", "GOVERNMENT_AGENCY", "TN-11", (
        "Ministère de la Femme, de la Famille et de l'Enfance (démo)", "وزارة المرأة والأسرة والطفولة (تجريبي)",
        "Ministry of Women, Family and Children (demo)")),
    ("DEMO-MSP", "GOVERNMENT_AGENCY", "TN-11", (
        "Ministère de la Santé (démo)", "وزارة الصحة (تجريبي)", "Ministry of Health (demo)")),
    ("DEMO-MINT", "GOVERNMENT_AGENCY", "TN-11", (
        "Ministère de l'Intérieur (démo)", "وزارة الداخلية (تجريبي)", "Ministry of the Interior (demo)")),
    ("DEMO-OIMD", "INTERNATIONAL_ORGANIZATION", "TN-11", (
        "Organisation internationale pour la mobilité (démo)", "المنظمة الدولية للتنقل (تجريبي)",
        "International Organisation for Mobility (demo)")),
    ("DEMO-HCPR", "INTERNATIONAL_ORGANIZATION", "TN-82", (
        "Haut-Commissariat pour la protection des réfugiés (démo)", "المفوضية السامية لحماية اللاجئين (تجريبي)",
        "High Commission for Refugee Protection (demo)")),
    ("DEMO-AMAL", "SHELTER_OPERATOR", "TN-11", (
        "Association Amal — foyer pour femmes (démo)", "جمعية الأمل — مركز إيواء للنساء (تجريبي)",
        "Amal Association — women's shelter (demo)")),
    ("DEMO-DARNOUR", "SHELTER_OPERATOR", "TN-61", (
        "Dar Nour — accueil d'urgence (démo)", "دار النور — استقبال طارئ (تجريبي)",
        "Dar Nour — emergency care (demo)")),
    ("DEMO-YASMINE", "SHELTER_OPERATOR", "TN-21", (
        "Centre Yasmine Nabeul (démo)", "مركز الياسمين نابل (تجريبي)", "Yasmine Centre Nabeul (demo)")),
    ("DEMO-KARAMA", "NGO", "TN-51", (
        "Association Karama Sousse (démo)", "جمعية الكرامة سوسة (تجريبي)", "Karama Association Sousse (demo)")),
    ("DEMO-JASR", "NGO", "TN-82", (
        "Réseau Jasr Médenine (démo)", "شبكة الجسر مدنين (تجريبي)", "Jasr Network Medenine (demo)")),
    ("DEMO-WAHA", "NGO", "TN-81", (
        "Association Waha Gabès (démo)", "جمعية الواحة قابس (تجريبي)", "Waha Association Gabes (demo)")),
    ("DEMO-RAHMA", "NGO", "TN-41", (
        "Association Rahma pour l'enfance (démo)", "جمعية الرحمة للطفولة (تجريبي)",
        "Rahma Association for Children (demo)")),
    ("DEMO-BAHR", "NGO", "TN-23", (
        "Association Bahr Bizerte (démo)", "جمعية البحر بنزرت (تجريبي)", "Bahr Association Bizerte (demo)")),
    ("DEMO-SANABIL", "NGO", "TN-42", (
        "Association Sanabil Kasserine (démo)", "جمعية السنابل القصرين (تجريبي)",
        "Sanabil Association Kasserine (demo)")),
    ("DEMO-SAHRA", "NGO", "TN-83", (
        "Association Sahra Tataouine (démo)", "جمعية الصحراء تطاوين (تجريبي)", "Sahra Association Tataouine (demo)")),
    ("DEMO-AVOCATS", "NGO", "TN-11", (
        "Avocats solidaires (démo)", "محامون متضامنون (تجريبي)", "Solidarity Lawyers (demo)")),
    ("DEMO-NEJDA", "NGO", "TN-11", (
        "Ligne d'écoute Nejda (démo)", "خط الإصغاء نجدة (تجريبي)", "Nejda Helpline (demo)")),
    ("DEMO-JASMINS", "HEALTH_PROVIDER", "TN-61", (
        "Centre de santé Les Jasmins (démo)", "المركز الصحي الياسمين (تجريبي)", "Les Jasmins Health Centre (demo)")),
    ("DEMO-TRANSPORT", "OTHER", "TN-51", (
        "Fédération régionale des transporteurs (démo)", "الجامعة الجهوية للناقلين (تجريبي)",
        "Regional Federation of Transport Operators (demo)")),
)

# source, target, agreement, years ago
PARTNERSHIPS: tuple[tuple[str, str, str, int], ...] = (
    ("INLTP", "DEMO-MAS", "REFERRAL_PROTOCOL", 4), ("INLTP", "DEMO-MFFE", "REFERRAL_PROTOCOL", 4),
    ("INLTP", "DEMO-MINT", "REFERRAL_PROTOCOL", 4), ("INLTP", "DEMO-MSP", "REFERRAL_PROTOCOL", 3),
    ("INLTP", "DEMO-OIMD", "MOU", 5), ("INLTP", "DEMO-HCPR", "MOU", 5), ("INLTP", "DEMO-AMAL", "FUNDING", 2),
    ("INLTP", "DEMO-NEJDA", "MOU", 3), ("DEMO-OIMD", "DEMO-JASR", "FUNDING", 2),
    ("DEMO-HCPR", "DEMO-JASR", "MOU", 3), ("DEMO-AMAL", "DEMO-AVOCATS", "INFORMAL", 1),
    ("DEMO-DARNOUR", "DEMO-JASMINS", "REFERRAL_PROTOCOL", 2), ("DEMO-KARAMA", "DEMO-TRANSPORT", "MOU", 1),
    ("DEMO-RAHMA", "DEMO-MFFE", "REFERRAL_PROTOCOL", 3), ("DEMO-WAHA", "DEMO-SAHRA", "INFORMAL", 1),
    ("DEMO-YASMINE", "DEMO-MAS", "FUNDING", 2), ("DEMO-BAHR", "DEMO-SANABIL", "INFORMAL", 1),
)


# ----------------------------------------------------------------------------------------- services
@dataclass(frozen=True)
class DemoService:
    key: str
    organization: str
    governorate: str
    category: str
    name: str
    capacity: int
    description: str = ""
    status: str = "ACTIVE"
    sexes: tuple[str, ...] = ()
    ages: str = "ALL"  # ALL, ADULT (18+, no minors) or CHILD (0-17)
    nationalities_only: tuple[str, ...] = ()
    nationalities_excluded: tuple[str, ...] = ()
    exploitation_forms: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("ar", "fr")
    covers: tuple[str, ...] = ()
    schedule: str = "Lun-Ven 8h-17h"
    free: bool = True

    @property
    def min_age(self) -> int | None:
        return 18 if self.ages == "ADULT" else None

    @property
    def max_age(self) -> int | None:
        return 17 if self.ages == "CHILD" else None

    @property
    def accepts_minors(self) -> bool:
        return self.ages != "ADULT"


ALL_GOVERNORATES = tuple(g["code"] for g in names.governorates())
SOUTH = ("TN-81", "TN-82", "TN-83", "TN-73")

SERVICES: tuple[DemoService, ...] = (
    DemoService("amal-shelter", "DEMO-AMAL", "TN-11", "SHELTER", "Foyer Amal pour femmes", 12,
                "Hébergement sécurisé pour femmes majeures et leurs jeunes enfants.", sexes=("FEMALE",), ages="ADULT",
                languages=("ar", "fr", "en"), covers=("TN-12", "TN-13", "TN-14"), schedule="24h/24, 7j/7"),
    DemoService("amal-psy", "DEMO-AMAL", "TN-11", "PSYCHOSOCIAL", "Écoute et soutien psychologique Amal", 8,
                sexes=("FEMALE",), languages=("ar", "fr", "en")),
    DemoService("darnour-emergency", "DEMO-DARNOUR", "TN-61", "SHELTER", "Accueil d'urgence Dar Nour", 1,
                "Deux nuits à deux semaines, le temps d'une orientation.", sexes=("FEMALE",), ages="ADULT",
                languages=("ar", "fr", "en", "ha"), schedule="24h/24, 7j/7"),
    DemoService("darnour-long", "DEMO-DARNOUR", "TN-61", "SHELTER", "Hébergement de moyen séjour Dar Nour", 6,
                sexes=("FEMALE",), ages="ADULT", languages=("ar", "fr", "en"), status="TEMPORARILY_CLOSED"),
    DemoService("yasmine-men", "DEMO-YASMINE", "TN-21", "SHELTER", "Foyer Yasmine pour hommes", 10,
                "Hébergement pour hommes majeurs.", sexes=("MALE",), ages="ADULT",
                languages=("ar", "fr", "en", "wo", "bm"),
                covers=("TN-11", "TN-13", "TN-22"), schedule="24h/24, 7j/7"),
    DemoService("yasmine-vocational", "DEMO-YASMINE", "TN-21", "VOCATIONAL", "Atelier de formation Yasmine", 15,
                ages="ADULT"),
    DemoService("rahma-children", "DEMO-RAHMA", "TN-41", "SHELTER", "Maison d'accueil Rahma pour enfants", 6,
                "Accueil d'enfants victimes, accompagnés ou non.", ages="CHILD", schedule="24h/24, 7j/7",
                covers=("TN-42", "TN-43", "TN-51")),
    DemoService("rahma-school", "DEMO-RAHMA", "TN-41", "EDUCATION", "Soutien scolaire Rahma", 20, ages="CHILD"),
    DemoService("mffe-delegate-sfax", "DEMO-MFFE", "TN-61", "CHILD_PROTECTION",
                "Délégué à la protection de l'enfance — Sfax (démo)", 1, ages="CHILD", schedule="Astreinte 24h/24"),
    DemoService("mffe-delegate-kairouan", "DEMO-MFFE", "TN-41", "CHILD_PROTECTION",
                "Délégué à la protection de l'enfance — Kairouan (démo)", 4, ages="CHILD", schedule="Astreinte 24h/24"),
    DemoService("mffe-delegate-medenine", "DEMO-MFFE", "TN-82", "CHILD_PROTECTION",
                "Délégué à la protection de l'enfance — Médenine (démo)", 4, ages="CHILD", covers=SOUTH),
    DemoService("mffe-women-center", "DEMO-MFFE", "TN-11", "PSYCHOSOCIAL", "Centre d'orientation pour femmes", 10,
                sexes=("FEMALE",)),
    DemoService("mas-social", "DEMO-MAS", "TN-11", "FINANCIAL_AID", "Aide sociale d'urgence", 40,
                covers=ALL_GOVERNORATES),
    DemoService("mas-vocational", "DEMO-MAS", "TN-51", "VOCATIONAL", "Insertion professionnelle — Sousse", 12,
                ages="ADULT"),
    DemoService("msp-medical-tunis", "DEMO-MSP", "TN-11", "MEDICAL", "Unité de soins gratuits — Tunis", 25,
                languages=("ar", "fr", "en"), schedule="Lun-Sam 8h-18h"),
    DemoService("msp-psy-sousse", "DEMO-MSP", "TN-51", "PSYCHOSOCIAL", "Consultation de psycho-traumatologie", 6),
    DemoService("jasmins-medical", "DEMO-JASMINS", "TN-61", "MEDICAL", "Consultations Les Jasmins", 20,
                languages=("ar", "fr", "en"), free=False),
    DemoService("mint-liaison", "DEMO-MINT", "TN-11", "LAW_ENFORCEMENT_LIAISON",
                "Brigade spécialisée — point de contact (démo)", 30, covers=ALL_GOVERNORATES),
    DemoService("mint-documents", "DEMO-MINT", "TN-11", "DOCUMENTATION", "Régularisation des documents", 15),
    DemoService("oimd-return", "DEMO-OIMD", "TN-11", "REPATRIATION", "Aide au retour volontaire (démo)", 20,
                nationalities_excluded=("TN",), languages=("ar", "fr", "en", "ha", "wo", "bm"),
                covers=ALL_GOVERNORATES),
    DemoService("oimd-cash", "DEMO-OIMD", "TN-82", "FINANCIAL_AID", "Aide financière d'urgence — Sud", 30,
                nationalities_excluded=("TN",), covers=SOUTH, languages=("ar", "fr", "en", "ti", "so")),
    DemoService("hcpr-docs", "DEMO-HCPR", "TN-82", "DOCUMENTATION", "Enregistrement et documentation (démo)", 25,
                nationalities_excluded=("TN",), languages=("ar", "fr", "en", "ti", "so", "am"), covers=SOUTH),
    DemoService("hcpr-tracing", "DEMO-HCPR", "TN-82", "FAMILY_TRACING", "Rétablissement des liens familiaux", 10,
                nationalities_excluded=("TN",), languages=("ar", "fr", "en", "ti", "so", "am")),
    DemoService("jasr-interpretation", "DEMO-JASR", "TN-82", "INTERPRETATION", "Interprètes communautaires Jasr", 5,
                languages=("ar", "fr", "en", "ti", "so", "am", "ha"), covers=SOUTH),
    DemoService("jasr-outreach", "DEMO-JASR", "TN-82", "PSYCHOSOCIAL", "Équipe mobile Jasr", 8,
                languages=("ar", "fr", "en", "ti", "so")),
    DemoService("karama-legal", "DEMO-KARAMA", "TN-51", "LEGAL_AID", "Permanence juridique Karama", 10,
                covers=("TN-52", "TN-53")),
    DemoService("karama-psy", "DEMO-KARAMA", "TN-51", "PSYCHOSOCIAL", "Groupe de parole Karama", 12,
                exploitation_forms=("SEXUAL_EXPLOITATION", "FORCED_LABOUR", "DOMESTIC_SERVITUDE")),
    DemoService("waha-vocational", "DEMO-WAHA", "TN-81", "VOCATIONAL", "Formation et micro-projets Waha", 8,
                ages="ADULT", languages=("ar", "fr", "so")),
    DemoService("bahr-legal", "DEMO-BAHR", "TN-23", "LEGAL_AID", "Accompagnement juridique Bahr", 6),
    DemoService("bahr-psy", "DEMO-BAHR", "TN-23", "PSYCHOSOCIAL", "Soutien psychosocial Bahr", 6,
                status="INACTIVE"),
    DemoService("sanabil-school", "DEMO-SANABIL", "TN-42", "EDUCATION", "Retour à l'école Sanabil", 15, ages="CHILD"),
    DemoService("sahra-hotline", "DEMO-SAHRA", "TN-83", "HOTLINE", "Ligne d'alerte du Sud (démo)", 50,
                covers=SOUTH, schedule="24h/24, 7j/7"),
    DemoService("avocats-legal", "DEMO-AVOCATS", "TN-11", "LEGAL_AID", "Avocats solidaires — aide juridictionnelle",
                10, languages=("ar", "fr", "en"), covers=("TN-12", "TN-13", "TN-14", "TN-21")),
    DemoService("nejda-hotline", "DEMO-NEJDA", "TN-11", "HOTLINE", "Ligne d'écoute nationale (démo)", 100,
                languages=("ar", "fr", "en"), covers=ALL_GOVERNORATES,
                schedule="24h/24, 7j/7"),
)


# --------------------------------------------------------------------------------------- casework
@dataclass(frozen=True)
class DemoCase:
    alias: str
    number: int
    organization: str
    governorate: str
    status: str
    opened_days_ago: int
    sex: str
    age_band: str
    nationality: str
    forms: tuple[str, ...]
    means: tuple[str, ...]
    labour_sector: str | None = None
    special_needs: tuple[str, ...] = ()
    closed_days_ago: int | None = None


CASES: tuple[DemoCase, ...] = (
    DemoCase("V-TUN-01", 1, "DEMO-AMAL", "TN-11", "ASSISTED", 75, "FEMALE", "21-23", "CI", ("DOMESTIC_SERVITUDE",),
             ("WITHHOLDS_DOCUMENTS", "RESTRICTS_MOVEMENT", "DEBT_BONDAGE"), "DOMESTIC_WORK"),
    DemoCase("V-SFX-01", 2, "DEMO-DARNOUR", "TN-61", "IDENTIFIED", 20, "FEMALE", "18-20", "NG",
             ("SEXUAL_EXPLOITATION",), ("THREATS", "DEBT_BONDAGE", "FALSE_PROMISES"), special_needs=("PREGNANCY",)),
    DemoCase("V-SFX-02", 3, "DEMO-MFFE", "TN-61", "PRESUMED", 6, "MALE", "9-17", "TN", ("FORCED_BEGGING",),
             ("USES_CHILDREN", "PHYSICAL_ABUSE")),
    DemoCase("V-MED-01", 4, "DEMO-JASR", "TN-82", "ASSISTED", 120, "MALE", "24-26", "ER", ("FORCED_LABOUR",),
             ("TAKES_EARNINGS", "EXCESSIVE_WORKING_HOURS", "THREAT_OF_LAW_ENFORCEMENT"), "AGRICULTURE"),
    DemoCase("V-SOU-01", 5, "DEMO-KARAMA", "TN-51", "CLOSED", 400, "FEMALE", "30-38", "TN", ("FORCED_LABOUR",),
             ("FALSE_PROMISES", "TAKES_EARNINGS"), "HOSPITALITY", closed_days_ago=90),
    DemoCase("V-KAI-01", 6, "DEMO-RAHMA", "TN-41", "IDENTIFIED", 30, "FEMALE", "9-17", "TN", ("FORCED_MARRIAGE",),
             ("PSYCHOLOGICAL_ABUSE", "RESTRICTS_MOVEMENT")),
    DemoCase("V-NAB-01", 7, "INLTP", "TN-21", "REPORTED", 2, "MALE", "27-29", "SN", ("FORCED_LABOUR",),
             ("WITHHOLDS_DOCUMENTS",), "CONSTRUCTION"),
    DemoCase("V-GAB-01", 8, "DEMO-WAHA", "TN-81", "CLOSED", 500, "MALE", "39-47", "SO", ("FORCED_CRIMINALITY",),
             ("THREATS", "PSYCHOACTIVE_SUBSTANCES"), closed_days_ago=200),
)


@dataclass(frozen=True)
class DemoReferral:
    key: str
    alias: str
    service: str
    status: str
    urgency: str
    created_days_ago: int
    note: str
    decline_reason: str | None = None
    outcome: str | None = None


REFERRALS: tuple[DemoReferral, ...] = (
    DemoReferral("tun01-shelter", "V-TUN-01", "amal-shelter", "ACCEPTED", "URGENT", 74,
                 "Hébergement immédiat après sa sortie du domicile de l'employeur."),
    DemoReferral("tun01-legal", "V-TUN-01", "avocats-legal", "COMPLETED", "PRIORITY", 60,
                 "Accompagnement pour le dépôt de plainte.", outcome="Plainte déposée, avocat désigné."),
    DemoReferral("tun01-return", "V-TUN-01", "oimd-return", "PENDING", "ROUTINE", 5,
                 "Souhaite étudier un retour volontaire."),
    DemoReferral("sfx01-emergency", "V-SFX-01", "darnour-emergency", "ACCEPTED", "URGENT", 19,
                 "Mise à l'abri immédiate."),
    DemoReferral("sfx01-medical", "V-SFX-01", "jasmins-medical", "COMPLETED", "PRIORITY", 18,
                 "Suivi de grossesse.", outcome="Bilan réalisé, suivi programmé."),
    DemoReferral("sfx01-psy", "V-SFX-01", "karama-psy", "PENDING", "URGENT", 3, "Soutien psychologique demandé."),
    DemoReferral("sfx02-delegate", "V-SFX-02", "mffe-delegate-sfax", "ACCEPTED", "URGENT", 6,
                 "Enfant repéré seul aux abords du marché."),
    DemoReferral("sfx02-shelter", "V-SFX-02", "amal-shelter", "DECLINED", "URGENT", 6, "Demande d'hébergement.",
                 decline_reason="NOT_ELIGIBLE"),
    DemoReferral("med01-interp", "V-MED-01", "jasr-interpretation", "COMPLETED", "PRIORITY", 118,
                 "Entretien en tigrinya.", outcome="Entretien d'identification réalisé."),
    DemoReferral("med01-shelter", "V-MED-01", "yasmine-men", "ACCEPTED", "PRIORITY", 100, "Hébergement."),
    DemoReferral("med01-docs", "V-MED-01", "hcpr-docs", "PENDING", "ROUTINE", 10, "Enregistrement et documents."),
    DemoReferral("sou01-legal", "V-SOU-01", "karama-legal", "COMPLETED", "ROUTINE", 390,
                 "Recouvrement des salaires.", outcome="Accord obtenu devant le conseil de prud'hommes."),
    DemoReferral("sou01-vocational", "V-SOU-01", "mas-vocational", "CANCELLED", "ROUTINE", 300,
                 "Formation en hôtellerie."),
    DemoReferral("kai01-shelter", "V-KAI-01", "rahma-children", "ACCEPTED", "URGENT", 29, "Mise à l'abri."),
    DemoReferral("kai01-delegate", "V-KAI-01", "mffe-delegate-kairouan", "COMPLETED", "URGENT", 30,
                 "Signalement au délégué.", outcome="Mesure de protection prise."),
    DemoReferral("gab01-vocational", "V-GAB-01", "waha-vocational", "COMPLETED", "ROUTINE", 450,
                 "Projet de réinsertion.", outcome="Formation terminée."),
    DemoReferral("gab01-shelter", "V-GAB-01", "darnour-emergency", "DECLINED", "PRIORITY", 480,
                 "Hébergement d'urgence.", decline_reason="NOT_ELIGIBLE"),
)

# key, alias, purpose, organisation, granted days ago, expires in days (from grant), revoked days ago
CONSENTS: tuple[tuple[str, str, str, str, int, int, int | None], ...] = (
    ("tun01-case", "V-TUN-01", "ASSISTANCE", "DEMO-AMAL", 75, 730, None),
    ("tun01-return", "V-TUN-01", "REFERRAL", "DEMO-OIMD", 5, 365, None),
    ("sfx01-case", "V-SFX-01", "ASSISTANCE", "DEMO-DARNOUR", 20, 730, None),
    ("sfx02-case", "V-SFX-02", "ASSISTANCE", "DEMO-MFFE", 6, 730, None),
    ("med01-case", "V-MED-01", "ASSISTANCE", "DEMO-JASR", 120, 730, None),
    ("med01-docs", "V-MED-01", "INFORMATION_SHARING", "DEMO-HCPR", 10, 365, None),
    ("sou01-case", "V-SOU-01", "ASSISTANCE", "DEMO-KARAMA", 400, 730, None),
    ("sou01-share", "V-SOU-01", "INFORMATION_SHARING", "INLTP", 380, 730, 100),
    ("kai01-case", "V-KAI-01", "ASSISTANCE", "DEMO-RAHMA", 30, 730, None),
    ("gab01-case", "V-GAB-01", "ASSISTANCE", "DEMO-WAHA", 500, 365, None),
    ("gab01-judicial", "V-GAB-01", "PROSECUTION", "TPI-GABES", 480, 365, None),
)


# ------------------------------------------------------------------------------------------ rows
def _organization_rows(now: datetime) -> list[dict[str, Any]]:
    rows = []
    for i, (code, kind, gov, (fr, ar, en)) in enumerate(ORGANIZATIONS):
        created = now - timedelta(days=900 - i)
        rows.append({"governorate": gov, "props": {
            "id": demo_id("organization", code), "code": code, "name": fr, "nameAr": ar, "nameEn": en, "kind": kind,
            "contactEmail": f"contact@{code.lower()}.example.org", "contactPhone": names.fictional_phone(i + 1),
            "createdAt": created, "updatedAt": created, "version": 1,
        }})
    return rows


def _partnership_rows(now: datetime) -> list[dict[str, Any]]:
    return [{"source": a, "target": b, "agreement": agreement, "since": (now - timedelta(days=365 * years)).date()}
            for a, b, agreement, years in PARTNERSHIPS]


def accepted_by_service() -> Counter[str]:
    return Counter(r.service for r in REFERRALS if r.status == "ACCEPTED")


def _service_rows(now: datetime) -> list[dict[str, Any]]:
    accepted = accepted_by_service()
    rows = []
    for i, s in enumerate(SERVICES):
        gov = names.governorate(s.governorate)
        available = s.capacity - accepted[s.key]
        if available < 0:
            raise ValueError(f"demo service {s.key} has more accepted referrals than places")
        created = now - timedelta(days=800 - i)
        rows.append({"organization": s.organization, "governorate": s.governorate,
                     "covers": sorted({s.governorate, *s.covers}), "props": {
            "id": demo_id("service", s.key), "name": s.name, "description": s.description or s.name,
            "category": s.category, "status": s.status, "sexes": list(s.sexes), "minAge": s.min_age,
            "maxAge": s.max_age, "acceptsMinors": s.accepts_minors, "nationalitiesOnly": list(s.nationalities_only),
            "nationalitiesExcluded": list(s.nationalities_excluded), "exploitationForms": list(s.exploitation_forms),
            "languages": list(s.languages),
            "location": WGS84Point((float(gov["lon"]) + 0.01 * (i % 5), float(gov["lat"]) + 0.01 * (i % 3))),
            "schedule": s.schedule, "free": s.free, "capacityUnit": names.capacity_unit(s.category),
            "capacityMaximum": s.capacity, "capacityAvailable": available, "capacityUpdatedAt": now,
            "createdAt": created, "updatedAt": created, "version": 1,
        }})
    return rows


def _case_rows(now: datetime) -> list[dict[str, Any]]:
    rows = []
    for c in CASES:
        opened = now - timedelta(days=c.opened_days_ago)
        closed = now - timedelta(days=c.closed_days_ago) if c.closed_days_ago is not None else None
        low, high = names.AGE_BAND_RANGES[c.age_band]
        rows.append({"organization": c.organization, "governorate": c.governorate, "victim": {
            "id": demo_id("victim", c.alias), "alias": c.alias, "sex": c.sex, "ageBand": c.age_band,
            "birthYear": opened.year - (low + high) // 2, "birthDatePrecision": "YEAR",
            "minor": c.age_band in names.MINOR_BANDS, "nationality": c.nationality,
            "languages": names.languages_for(c.nationality), "specialNeeds": list(c.special_needs),
            "createdAt": opened, "updatedAt": opened, "version": 1,
        }, "case": {
            "id": demo_id("case", c.alias), "reference": f"HIM-{opened.year}-{900000 + c.number:06d}",
            "status": c.status, "exploitationForms": list(c.forms), "labourSector": c.labour_sector,
            "meansOfControl": list(c.means), "openedAt": opened, "closedAt": closed, "createdAt": opened,
            "updatedAt": closed or opened, "version": 1,
        }})
    return rows


def _referral_rows(now: datetime) -> list[dict[str, Any]]:
    rows = []
    for r in REFERRALS:
        created = now - timedelta(days=r.created_days_ago)
        props: dict[str, Any] = {"id": demo_id("referral", r.key), "status": r.status, "urgency": r.urgency,
                                 "note": r.note, "createdAt": created, "version": 1}
        updated = created
        if r.status in {"ACCEPTED", "DECLINED", "COMPLETED"}:
            updated = props["respondedAt"] = created + timedelta(hours=6)
        if r.status == "DECLINED":
            props["declineReason"] = r.decline_reason
        if r.status == "COMPLETED":
            updated = props["completedAt"] = created + timedelta(days=min(30, max(1, r.created_days_ago // 2)))
            props["outcome"] = r.outcome
        if r.status == "CANCELLED":
            updated = props["cancelledAt"] = created + timedelta(days=3)
        props["updatedAt"] = updated
        rows.append({"case": demo_id("case", r.alias), "service": demo_id("service", r.service), "props": props})
    return rows


def _consent_rows(now: datetime) -> list[dict[str, Any]]:
    rows = []
    for key, alias, purpose, org, granted_ago, valid_days, revoked_ago in CONSENTS:
        granted = now - timedelta(days=granted_ago)
        props = {"id": demo_id("consent", key), "purpose": purpose, "grantedAt": granted,
                 "expiresAt": granted + timedelta(days=valid_days),
                 "revokedAt": now - timedelta(days=revoked_ago) if revoked_ago is not None else None}
        rows.append({"victim": demo_id("victim", alias), "organization": org, "props": props})
    return rows


# --------------------------------------------------------------------------------------- loading
@dataclass
class DemoSummary:
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[str] = field(default_factory=list)

    def describe(self) -> str:
        made = ", ".join(f"{n} {what}" for what, n in self.created.items())
        if not any(self.created.values()):
            return "demo network already loaded: nothing to add"
        return f"demo network loaded: {made}"


async def load_demo(graph: Graph, *, now: datetime | None = None) -> DemoSummary:
    """Create whatever part of the demo network is missing (reference data must be loaded first)."""
    now = now or datetime.now(UTC).replace(microsecond=0)
    summary = DemoSummary()
    summary.created["organisations"] = await repository.demo_create_organizations(graph, _organization_rows(now))
    summary.created["partnerships"] = await repository.demo_create_partnerships(graph, _partnership_rows(now))
    summary.created["services"] = await repository.demo_create_services(graph, _service_rows(now))
    summary.created["cases"] = await repository.demo_create_cases(graph, _case_rows(now))
    summary.created["referrals"] = await repository.demo_create_referrals(graph, _referral_rows(now))
    summary.created["consents"] = await repository.demo_create_consents(graph, _consent_rows(now))
    summary.created["referral consents"] = await demo_consent.load(graph)
    summary.created["trafficking records"] = await load_demo_trafficking(graph, now)
    summary.created["strategy records"] = await load_demo_strategy(graph, now)
    await sync_repository.sequence_unsequenced(graph)  # numbered for delta sync, oldest first
    return summary


# ---------------------------------------------------------------------------------- demo accounts
# One account per role: username, role, organisation code.
DEMO_ACCOUNTS: tuple[tuple[str, Role, str], ...] = (
    ("demo.admin", Role.ADMIN, "INLTP"),
    ("demo.coordinator", Role.COORDINATOR, "INLTP"),
    ("demo.caseworker", Role.CASE_WORKER, "DEMO-AMAL"),
    ("demo.partner", Role.PARTNER_AGENT, "DEMO-OIMD"),
    ("demo.judicial", Role.JUDICIAL_OFFICER, "TPI-TUNIS"),
    ("demo.analyst", Role.ANALYST, "INLTP"),
    ("demo.dpo", Role.DATA_PROTECTION_OFFICER, "INLTP"),
)


async def create_demo_accounts(graph: Graph, state_dir: Path) -> list[str]:
    """Create the demo accounts that do not exist yet; their credentials are appended (0600) to
    ``<state_dir>/demo-accounts.txt`` and returned once, as lines to print. Existing accounts are left alone."""
    lines: list[str] = []
    for username, role, org in DEMO_ACCOUNTS:
        password = secrets.token_urlsafe(18)
        try:
            user = await create_user(graph, username=username, password=password, role=role, organization_code=org)
        except Conflict:
            continue  # already there: its password was shown when it was created
        line = f"{username}  role={role.value}  organisation={org}  password={password}"
        if user.otpauth_uri:
            line += f"  totp={user.otpauth_uri}"
        lines.append(line)
    if lines:
        _append_private(state_dir / DEMO_ACCOUNTS_FILE, lines)
    return lines


def _append_private(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, ("\n".join(lines) + "\n").encode("utf-8"))
    finally:
        os.close(fd)
