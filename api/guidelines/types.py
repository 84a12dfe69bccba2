"""GraphQL types for publishing guidelines, and printable documents."""

from __future__ import annotations

import datetime as dt
import json
from enum import Enum
from typing import Any

import strawberry

from api.reference.types import LocalizedText
from api.screening.types import Guideline, LocalizedList
from api.strategy.types import LocalizedTextInput, day, localized


@strawberry.enum(description="DRAFT → APPROVED (by another national user) → PUBLISHED.")
class GuidelineStatus(Enum):
    DRAFT = "DRAFT"
    APPROVED = "APPROVED"
    PUBLISHED = "PUBLISHED"


@strawberry.enum(description="The language of a printable document.")
class DocumentLanguage(Enum):
    fr = "fr"
    ar = "ar"


@strawberry.input(description="Bullet points in the three working languages (the same number in each).")
class LocalizedListInput:
    fr: list[str] = strawberry.field(default_factory=list)
    ar: list[str] = strawberry.field(default_factory=list)
    en: list[str] = strawberry.field(default_factory=list)

    def plain(self) -> dict[str, list[str]]:
        return {"fr": self.fr, "ar": self.ar, "en": self.en}


@strawberry.input(description="A new version of the guideline for one front-line actor type.")
class DraftGuidelineInput:
    actor_type: str
    title: LocalizedTextInput
    watch_for: LocalizedListInput
    what_to_do: LocalizedListInput
    whom_to_call: LocalizedListInput = strawberry.field(default_factory=LocalizedListInput)
    do_not: LocalizedListInput = strawberry.field(default_factory=LocalizedListInput)


@strawberry.input(description="Publish an approved version from an effective date.")
class PublishGuidelineInput:
    guideline_version_id: strawberry.ID
    effective_date: dt.date


def _list(data: dict[str, Any], key: str) -> LocalizedList:
    value = data.get(key) or {}
    return LocalizedList(fr=list(value.get("fr", [])), ar=list(value.get("ar", [])), en=list(value.get("en", [])))


@strawberry.type(description="One version of a guideline: a draft, approved, or published (then never changed).")
class GuidelineVersion:
    id: strawberry.ID
    actor_type: str
    status: GuidelineStatus
    version: int | None = strawberry.field(description="Given at publication; null before.")
    effective_date: dt.date | None
    title: LocalizedText
    watch_for: LocalizedList
    what_to_do: LocalizedList
    whom_to_call: LocalizedList
    do_not: LocalizedList
    author_id: strawberry.ID | None
    approved_by: strawberry.ID | None
    created_at: str
    published_at: str | None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> GuidelineVersion:
        data = json.loads(row.get("data") or "{}")
        return cls(id=strawberry.ID(row["id"]), actor_type=row["actorType"], status=GuidelineStatus(row["status"]),
                   version=row.get("version"), effective_date=day(row.get("effectiveDate")), title=localized(row),
                   watch_for=_list(data, "watch_for"), what_to_do=_list(data, "what_to_do"),
                   whom_to_call=_list(data, "whom_to_call"), do_not=_list(data, "do_not"),
                   author_id=strawberry.ID(row["authorId"]) if row.get("authorId") else None,
                   approved_by=strawberry.ID(row["approvedBy"]) if row.get("approvedBy") else None,
                   created_at=row["createdAt"], published_at=row.get("publishedAt"))


def as_guideline(row: dict[str, Any]) -> Guideline:
    """A published version as the mobile apps carry it (the same shape as the `guidelines` query)."""
    data = json.loads(row.get("data") or "{}")
    return Guideline(actor_type=row["actorType"], version=int(row["version"]),
                     catalogue_version=str(row.get("catalogueVersion") or ""), title=localized(row),
                     watch_for=_list(data, "watch_for"), what_to_do=_list(data, "what_to_do"),
                     whom_to_call=_list(data, "whom_to_call"), do_not=_list(data, "do_not"),
                     effective_date=day(row.get("effectiveDate")))


@strawberry.type(description="A printable document (PDF), base64-encoded.")
class PrintableDocument:
    filename: str
    content_type: str
    content_base64: str


@strawberry.type(description="Which front-line actor types an organisation's staff are (who hears of new guidelines).")
class OrganizationActorTypes:
    organization_code: str
    actor_types: list[str]
