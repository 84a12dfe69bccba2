"""What leaves the system for an alert. Push payloads carry no personal or case data, only what the app needs to
fetch the alert over the authenticated API: its id, its kind, a generic title in the device's language."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Any

from api.i18n import Language, translate

SCHEMA_VERSION = "1"
PUSH_KEYS = frozenset({"alertId", "kind", "title", "schemaVersion"})


class AlertKind(StrEnum):
    REFERRAL_RECEIVED = "REFERRAL_RECEIVED"
    REFERRAL_UNANSWERED = "REFERRAL_UNANSWERED"
    URGENT_REPORT = "URGENT_REPORT"
    CAPACITY_LOW = "CAPACITY_LOW"
    TRANSMISSION_ACKNOWLEDGED = "TRANSMISSION_ACKNOWLEDGED"
    TRANSMISSION_OVERDUE = "TRANSMISSION_OVERDUE"
    REPORTER_MESSAGE = "REPORTER_MESSAGE"
    EMERGENCY_REFERRAL = "EMERGENCY_REFERRAL"
    REFERRAL_ACCEPTED = "REFERRAL_ACCEPTED"
    REFERRAL_DECLINED = "REFERRAL_DECLINED"
    REFERRAL_COMPLETED = "REFERRAL_COMPLETED"
    REFERRAL_CANCELLED = "REFERRAL_CANCELLED"
    APPROVAL_REQUESTED = "APPROVAL_REQUESTED"
    APPROVAL_DECIDED = "APPROVAL_DECIDED"
    TRANSFER_REQUESTED = "TRANSFER_REQUESTED"
    TRANSFER_DECIDED = "TRANSFER_DECIDED"
    PROTECTION_REVIEW_DUE = "PROTECTION_REVIEW_DUE"
    STRATEGY_ACTION_OVERDUE = "STRATEGY_ACTION_OVERDUE"
    GUIDELINE_PUBLISHED = "GUIDELINE_PUBLISHED"


def language_of(locale: str | None) -> Language:
    try:
        return Language(locale or "fr")
    except ValueError:
        return Language.FR


def title(kind: str, language: Language) -> str:
    """A generic title: never names, places or references."""
    key = f"alerts.title.{kind}" if kind in AlertKind.__members__ else "alerts.title.GENERIC"
    return translate(key, language)


def push_data(alert_id: str, kind: str, locale: str | None) -> dict[str, str]:
    """The FCM data map (string values only)."""
    return {"alertId": alert_id, "kind": kind, "title": title(kind, language_of(locale)),
            "schemaVersion": SCHEMA_VERSION}


def iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    native = getattr(value, "to_native", None)
    return str(native().isoformat()) if callable(native) else str(value)


def webhook_body(delivery: dict[str, Any]) -> bytes:
    """The webhook JSON: the alert's id and kind, and the opaque id of its subject for the partner to fetch."""
    document = {
        "schemaVersion": SCHEMA_VERSION,
        "alertId": delivery["alertId"],
        "deliveryId": delivery["id"],
        "kind": delivery["kind"],
        "urgent": bool(delivery.get("urgent")),
        "createdAt": iso(delivery.get("createdAt")),
        "subject": {"type": delivery.get("subjectType"), "id": delivery.get("subjectId")},
    }
    return json.dumps(document, separators=(",", ":"), sort_keys=True).encode()
