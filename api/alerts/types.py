"""GraphQL types for alerts, devices, dead letters and webhook endpoints."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import strawberry

from api.alerts.payloads import AlertKind, title
from api.graphql.relay import NODE_TYPES, to_global_id
from api.i18n import Language

# Subjects whose ids are plain UUIDs (not relay global ids): the strategy's actions, guideline versions.
PLAIN_ID_SUBJECTS = frozenset({"StrategyAction", "GuidelineVersion"})

# The rules' enum, exposed as is (one enum per concept).
strawberry.enum(AlertKind, description="What an alert is about.")


@strawberry.enum(description="How a delivery reaches someone: a device, an organisation's webhook, the inbox.")
class DeliveryChannel(Enum):
    PUSH = "PUSH"
    WEBHOOK = "WEBHOOK"
    INBOX = "INBOX"


@strawberry.enum(description="PENDING → SENDING → SENT, or back to PENDING to retry, or DEAD after the last try.")
class DeliveryStatus(Enum):
    PENDING = "PENDING"
    SENDING = "SENDING"
    SENT = "SENT"
    DEAD = "DEAD"


@strawberry.enum(description="The kind of device receiving push alerts.")
class DevicePlatform(Enum):
    ANDROID = "ANDROID"
    IOS = "IOS"
    WEB = "WEB"


@strawberry.enum(description="The language of the device's alert titles.")
class DeviceLocale(Enum):
    fr = "fr"
    ar = "ar"
    en = "en"


@strawberry.type(description="One delivery of an alert to one of my devices.")
class AlertDelivery:
    id: strawberry.ID
    channel: DeliveryChannel
    status: DeliveryStatus
    attempts: int
    sent_at: dt.datetime | None


def _native(value: Any) -> Any:
    to_native = getattr(value, "to_native", None)
    return to_native() if callable(to_native) else value


@strawberry.type(description="Something I should know about; details are read through the subject.")
class Alert:
    id: strawberry.ID
    kind: AlertKind
    title: str
    urgent: bool
    subject_type: str | None
    subject_id: strawberry.ID | None
    created_at: dt.datetime
    acknowledged_at: dt.datetime | None
    escalated_at: dt.datetime | None
    deliveries: list[AlertDelivery]

    @classmethod
    def from_record(cls, row: dict[str, Any], language: Language) -> Alert:
        subject_type, subject = row.get("subjectType"), row.get("subjectId")
        subject_id = to_global_id(subject_type, subject) if subject and subject_type in NODE_TYPES else None
        if subject and subject_type in PLAIN_ID_SUBJECTS:
            subject_id = subject  # the authority's own records are named by their plain id
        return cls(
            id=strawberry.ID(row["id"]), kind=AlertKind(row["kind"]), title=title(row["kind"], language),
            urgent=bool(row.get("urgent")), subject_type=subject_type,
            subject_id=strawberry.ID(subject_id) if subject_id else None,
            created_at=_native(row["createdAt"]), acknowledged_at=_native(row.get("acknowledgedAt")),
            escalated_at=_native(row.get("escalatedAt")),
            deliveries=[AlertDelivery(id=strawberry.ID(d["id"]), channel=DeliveryChannel(d["channel"]),
                                      status=DeliveryStatus(d["status"]), attempts=int(d.get("attempts") or 0),
                                      sent_at=_native(d.get("sentAt"))) for d in row.get("deliveries") or []],
        )


@strawberry.type(description="A device registered for my push alerts.")
class Device:
    id: strawberry.ID
    platform: DevicePlatform
    locale: DeviceLocale
    registered_at: dt.datetime

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Device:
        return cls(id=strawberry.ID(row["id"]), platform=DevicePlatform(row["platform"]),
                   locale=DeviceLocale(row["locale"]), registered_at=_native(row["registeredAt"]))


@strawberry.type(description="A delivery that failed for good; the error never contains device tokens.")
class DeadLetter:
    id: strawberry.ID
    alert_id: strawberry.ID
    kind: AlertKind
    channel: DeliveryChannel
    attempts: int
    last_error: str | None
    organization_code: str | None
    created_at: dt.datetime
    dead_at: dt.datetime | None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> DeadLetter:
        return cls(id=strawberry.ID(row["id"]), alert_id=strawberry.ID(row["alertId"]), kind=AlertKind(row["kind"]),
                   channel=DeliveryChannel(row["channel"]), attempts=int(row.get("attempts") or 0),
                   last_error=row.get("lastError"), organization_code=row.get("organizationCode"),
                   created_at=_native(row["createdAt"]), dead_at=_native(row.get("deadAt")))


@strawberry.type(description="An organisation's webhook endpoint and its signing secret, shown this once only.")
class WebhookRegistration:
    organization_code: str
    url: str
    secret: str = strawberry.field(
        description="HMAC-SHA256 key for X-Himaya-Signature; store it, it is not shown again.")
    replay_window_seconds: int = strawberry.field(description="Reject X-Himaya-Timestamp values older than this.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> WebhookRegistration:
        return cls(organization_code=row["organizationCode"], url=row["url"], secret=row["secret"],
                   replay_window_seconds=int(row["replayWindowSeconds"]))
