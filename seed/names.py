"""Shared vocabularies and fictional name pools for the demo and synthetic networks.

Everything here is invented: organisation names are built from common words, aliases are codes, phone
numbers use the reserved-looking ``+216 70 000 0xx`` pattern. Codes come from seed/reference/*.json.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from api.cases.rules import CaseStatus
from api.referrals.rules import ReferralStatus, Urgency

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"

ORGANIZATION_KINDS = (
    "NGO", "GOVERNMENT_AGENCY", "JUDICIAL_BODY", "INTERNATIONAL_ORGANIZATION", "SHELTER_OPERATOR",
    "NATIONAL_AUTHORITY", "HEALTH_PROVIDER", "OTHER",
)
SERVICE_STATUSES = ("ACTIVE", "TEMPORARILY_CLOSED", "INACTIVE")
SEXES = ("FEMALE", "MALE", "OTHER")
VICTIM_SEXES = ("FEMALE", "MALE", "OTHER", "UNKNOWN")
AGE_BANDS = ("0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+")
# Inclusive age range of each band (48+ capped for birth-year estimates).
AGE_BAND_RANGES = {
    "0-8": (0, 8), "9-17": (9, 17), "18-20": (18, 20), "21-23": (21, 23), "24-26": (24, 26),
    "27-29": (27, 29), "30-38": (30, 38), "39-47": (39, 47), "48+": (48, 70),
}
MINOR_BANDS = frozenset({"0-8", "9-17"})
BIRTH_DATE_PRECISIONS = ("DAY", "YEAR", "UNKNOWN")  # values of the BirthDatePrecision enum
# The rules' enums (one per concept), as the strings stored in the graph.
CASE_STATUSES = tuple(status.value for status in CaseStatus)
REFERRAL_STATUSES = tuple(status.value for status in ReferralStatus)
URGENCIES = tuple(urgency.value for urgency in Urgency)
LABOUR_SECTORS = ("AGRICULTURE", "CONSTRUCTION", "DOMESTIC_WORK", "FISHING", "MANUFACTURING", "HOSPITALITY",
                  "RETAIL", "OTHER")
LABOUR_FORMS = frozenset({"FORCED_LABOUR", "DOMESTIC_SERVITUDE", "FORCED_BEGGING", "SLAVERY_AND_PRACTICES"})
CONSENT_PURPOSES = ("ASSISTANCE", "REFERRAL", "INFORMATION_SHARING", "PROSECUTION")  # api ConsentPurpose
CAPACITY_UNITS = {"SHELTER": "BEDS", "MEDICAL": "APPOINTMENTS_PER_WEEK", "PSYCHOSOCIAL": "APPOINTMENTS_PER_WEEK",
                  "HOTLINE": "CALLS_PER_DAY", "INTERPRETATION": "SESSIONS_PER_WEEK"}
DEFAULT_CAPACITY_UNIT = "PLACES"

# Nationality (ISO 3166-1 alpha-2) → languages (ISO 639-1) a victim of that nationality usually speaks.
NATIONALITY_LANGUAGES: dict[str, tuple[str, ...]] = {
    "TN": ("ar", "fr"), "CI": ("fr",), "CM": ("fr", "en"), "GN": ("fr", "ff"), "ML": ("fr", "bm"),
    "NG": ("en", "ha"), "SN": ("fr", "wo"), "ER": ("ti", "ar"), "SO": ("so", "ar"), "SD": ("ar", "en"),
    "ET": ("am", "en"), "MA": ("ar", "fr"), "DZ": ("ar", "fr"), "LY": ("ar",), "BF": ("fr",),
    "PH": ("en",), "BD": ("bn", "en"), "SY": ("ar",), "CD": ("fr",), "GM": ("en", "wo"),
}
# Relative weights of victims' nationalities: Tunisians and a sub-Saharan majority among foreigners.
NATIONALITY_WEIGHTS: dict[str, float] = {
    "TN": 42, "CI": 14, "CM": 6, "GN": 6, "ML": 4, "NG": 4, "SN": 3, "ER": 3, "SO": 2, "SD": 3, "ET": 2,
    "MA": 2, "DZ": 2, "LY": 1, "BF": 2, "PH": 1, "BD": 1, "SY": 1, "CD": 1, "GM": 0.5,
}

# Fictional organisation names: (fr, ar, en) words combined with a governorate's names.
NAME_WORDS: tuple[tuple[str, str, str], ...] = (
    ("Amal", "الأمل", "Hope"), ("Karama", "الكرامة", "Dignity"), ("Nour", "النور", "Light"),
    ("Jasr", "الجسر", "Bridge"), ("Waha", "الواحة", "Oasis"), ("Rahma", "الرحمة", "Mercy"),
    ("Yasmine", "الياسمين", "Jasmine"), ("Sanabil", "السنابل", "Ears of Wheat"), ("Sahra", "الصحراء", "Desert"),
    ("Manara", "المنارة", "Lighthouse"), ("Tadamon", "التضامن", "Solidarity"), ("Ikhaa", "الإخاء", "Fraternity"),
    ("Bousla", "البوصلة", "Compass"), ("Wifak", "الوفاق", "Concord"), ("Ithraa", "الإثراء", "Enrichment"),
    ("Zitouna", "الزيتونة", "Olive Tree"), ("Najma", "النجمة", "Star"), ("Forsa", "الفرصة", "Chance"),
)
KIND_PREFIXES: dict[str, tuple[str, str, str]] = {
    "NGO": ("Association", "جمعية", "Association"),
    "SHELTER_OPERATOR": ("Foyer", "مركز إيواء", "Shelter"),
    "GOVERNMENT_AGENCY": ("Délégation régionale", "المندوبية الجهوية", "Regional Delegation"),
    "HEALTH_PROVIDER": ("Centre de santé", "مركز صحي", "Health Centre"),
    "INTERNATIONAL_ORGANIZATION": ("Mission internationale", "البعثة الدولية", "International Mission"),
    "OTHER": ("Collectif", "تجمع", "Collective"),
}


@cache
def reference_codes(file_name: str) -> tuple[str, ...]:
    data: dict[str, Any] = json.loads((REFERENCE_DIR / file_name).read_text(encoding="utf-8"))
    return tuple(str(item["code"]) for item in data["items"])


@cache
def governorates() -> tuple[dict[str, Any], ...]:
    data: dict[str, Any] = json.loads((REFERENCE_DIR / "governorates.json").read_text(encoding="utf-8"))
    return tuple(data["items"])


def governorate(code: str) -> dict[str, Any]:
    for item in governorates():
        if item["code"] == code:
            return item
    raise KeyError(code)


def service_categories() -> tuple[str, ...]:
    return reference_codes("service_categories.json")


def exploitation_forms() -> tuple[str, ...]:
    return reference_codes("exploitation_forms.json")


def means_of_control() -> tuple[str, ...]:
    return reference_codes("means_of_control.json")


def capacity_unit(category: str) -> str:
    return CAPACITY_UNITS.get(category, DEFAULT_CAPACITY_UNIT)


def fictional_phone(n: int) -> str:
    """A phone number that is obviously fictional: +216 70 000 0xx (wraps at 1000)."""
    return f"+216 70 000 {n % 1000:03d}"


def languages_for(nationality: str) -> list[str]:
    return list(NATIONALITY_LANGUAGES.get(nationality, ("fr",)))
