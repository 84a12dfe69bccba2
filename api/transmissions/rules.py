"""Rules for transmitting reports to the competent judicial body and for the transmission deadline."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from api.authz.checks import require
from api.common.text import clean_text
from api.errors import BadInput, Conflict, Forbidden, NotFound
from api.perpetrators.package import package_values
from api.reports.rules import ReportStatus, content_hash, require_triage
from graph.access.permissions import Permission
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.protected.envelope import WrappedKey
from graph.protected.sealer import Sealer
from graph.transmissions import repository


class PackageField(StrEnum):
    REFERENCE = "REFERENCE"
    RECEIVED_AT = "RECEIVED_AT"
    GOVERNORATE = "GOVERNORATE"
    PLACE = "PLACE"
    OCCURRED_ON = "OCCURRED_ON"
    EXPLOITATION_FORMS = "EXPLOITATION_FORMS"
    INDICATORS = "INDICATORS"
    PERSONS_AT_RISK = "PERSONS_AT_RISK"
    MINORS_INVOLVED = "MINORS_INVOLVED"
    URGENCY = "URGENCY"
    NARRATIVE = "NARRATIVE"
    LINKED_CASE_REFERENCE = "LINKED_CASE_REFERENCE"
    REPORTER_CONTACT = "REPORTER_CONTACT"
    VICTIM_PROFILE = "VICTIM_PROFILE"
    # the trafficking graph (issue 15), from the linked case (and the report's protected persons)
    PERPETRATORS = "PERPETRATORS"
    IDENTIFIERS = "IDENTIFIERS"
    ROUTE = "ROUTE"
    PROTECTED_PERSONS = "PROTECTED_PERSONS"


class CourtStatus(StrEnum):
    PRELIMINARY_INQUIRY = "PRELIMINARY_INQUIRY"
    INVESTIGATION_OPENED = "INVESTIGATION_OPENED"
    PROSECUTION = "PROSECUTION"
    JUDGMENT = "JUDGMENT"
    DISMISSED = "DISMISSED"


# The reference and the court always travel; everything else is chosen explicitly.
ALWAYS_INCLUDED = (PackageField.REFERENCE,)
TRANSMITTABLE = frozenset({ReportStatus.UNDER_REVIEW, ReportStatus.LINKED_TO_CASE})
_SOURCE_OF: dict[PackageField, str] = {
    PackageField.REFERENCE: "reference", PackageField.RECEIVED_AT: "receivedAt",
    PackageField.GOVERNORATE: "governorate", PackageField.PLACE: "place", PackageField.OCCURRED_ON: "occurredOn",
    PackageField.EXPLOITATION_FORMS: "exploitationForms", PackageField.INDICATORS: "indicators",
    PackageField.PERSONS_AT_RISK: "personsAtRisk", PackageField.MINORS_INVOLVED: "minorsInvolved",
    PackageField.URGENCY: "urgency", PackageField.NARRATIVE: "narrative",
    PackageField.LINKED_CASE_REFERENCE: "linkedCaseReference", PackageField.REPORTER_CONTACT: "reporterContact",
    PackageField.VICTIM_PROFILE: "victimProfile",
    PackageField.PERPETRATORS: "perpetrators", PackageField.IDENTIFIERS: "identifiers", PackageField.ROUTE: "route",
    PackageField.PROTECTED_PERSONS: "protectedPersons",
}
TRAFFICKING_FIELDS = frozenset({PackageField.PERPETRATORS, PackageField.IDENTIFIERS, PackageField.ROUTE,
                                PackageField.PROTECTED_PERSONS})


def victim_profile_text(profile: dict[str, Any]) -> str:
    """The victim's profile as it travels to the court (never identity): one line, codes only."""
    parts = [f"sex={profile.get('sex') or 'UNKNOWN'}", f"ageBand={profile.get('ageBand') or '-'}",
             f"minor={'yes' if profile.get('minor') else 'no'}", f"nationality={profile.get('nationality') or '-'}",
             f"languages={','.join(profile.get('languages') or []) or '-'}",
             f"exploitationForms={','.join(profile.get('exploitationForms') or []) or '-'}"]
    return "; ".join(parts)


@dataclass(frozen=True)
class Package:
    """Exactly what was sent: the court, the chosen fields and their values, and the hash over them."""

    court_code: str
    court_name: str
    court_name_ar: str | None
    fields: dict[str, Any]
    content_hash: str


def _actor(scope: Scope) -> dict[str, Any]:
    return {"user": scope.user_id, "role": scope.role.value if scope.role else None, "org": scope.organization_id}


def _wrapped(row: dict[str, Any]) -> WrappedKey:
    return WrappedKey(key_id=row["id"], kek_id=row["kekId"], wrapped=row["wrapped"])


def build_package(source: dict[str, Any], opened: dict[str, str | None], include: list[PackageField]) -> Package:
    chosen = list(dict.fromkeys([*ALWAYS_INCLUDED, *include]))
    values = {**source, "narrative": opened.get("narrative"), "reporterContact": opened.get("reporterContact")}
    fields = {field.value: values.get(_SOURCE_OF[field]) for field in chosen}
    package_body = {"court": source["courtCode"], "fields": fields}
    return Package(court_code=source["courtCode"], court_name=source["courtName"],
                   court_name_ar=source.get("courtNameAr"), fields=fields, content_hash=content_hash(package_body))


async def transmit_report(graph: Graph, sealer: Sealer, scope: Scope, report_id: str, include: list[PackageField],
                          court_code: str | None) -> dict[str, Any]:
    require_triage(scope)
    source = await repository.package_source(graph, scope, report_id, court_code)
    if source is None:
        raise NotFound()
    if ReportStatus(source["status"]) not in TRANSMITTABLE:
        raise Conflict("transmissions.not_ready")
    if source["courtId"] is None:
        raise BadInput("transmissions.no_competent_court")
    if PackageField.REPORTER_CONTACT in include and not source["reporterAgreesToShareIdentity"]:
        raise Forbidden("transmissions.identity_not_agreed")
    if PackageField.VICTIM_PROFILE in include:
        # What a transmission carries about the victim is governed by the victim's PROSECUTION consent to the court.
        if source["victimProfile"] is None or not source["prosecutionConsent"]:
            raise Forbidden("consent.prosecution_required")
        source = {**source, "victimProfile": victim_profile_text(source["victimProfile"])}
    key = _wrapped(source["key"])
    opened = sealer.open_subject(key, source["id"], {"narrative": source["narrativeSealed"],
                                                     "reporterContact": source["reporterContactSealed"]})
    if TRAFFICKING_FIELDS.intersection(include):
        source = {**source, **await package_values(graph, sealer, scope, source["id"])}
    package = build_package(source, opened, include)
    transmission_id = str(uuid.uuid4())
    package_json = json.dumps({"court": package.court_code, "courtName": package.court_name,
                               "courtNameAr": package.court_name_ar, "fields": package.fields}, ensure_ascii=False)
    sealed = sealer.seal_with(key, source["id"], {f"transmission:{transmission_id}": package_json})
    row = await repository.create_transmission(graph, scope, {
        "id": transmission_id, "report_id": source["id"], "expected": source["status"], "court_id": source["courtId"],
        "included_fields": list(package.fields), "includes_identity": PackageField.REPORTER_CONTACT.value
        in package.fields, "content_hash": package.content_hash,
        "package_sealed": sealed[f"transmission:{transmission_id}"], "actor": _actor(scope)})
    if row is None:
        raise Conflict("reports.concurrent_change")
    return row


def require_court_or_national(scope: Scope) -> None:
    require(scope, Permission.READ_TRANSMISSIONS)


async def acknowledge(graph: Graph, scope: Scope, transmission_id: str) -> dict[str, Any]:
    require(scope, Permission.ACT_FOR_COURT)
    row = await repository.acknowledge(graph, scope, transmission_id, _actor(scope))
    if row is None:
        raise NotFound()
    if not row["changed"]:
        raise Conflict("transmissions.already_acknowledged")
    return row


async def record_follow_up(graph: Graph, scope: Scope, transmission_id: str, court_case_number: str,
                           court_status: CourtStatus) -> dict[str, Any]:
    require(scope, Permission.ACT_FOR_COURT)
    number = clean_text(court_case_number, "courtCaseNumber", required=True, maximum=64)
    assert number is not None
    row = await repository.follow_up(graph, scope, transmission_id, number, court_status.value, _actor(scope))
    if row is None:
        raise NotFound()
    return row


async def open_package(graph: Graph, sealer: Sealer, scope: Scope, transmission_id: str) -> tuple[dict[str, Any], str]:
    """The package exactly as sent, and its content hash."""
    require_court_or_national(scope)
    row = await repository.get_package(graph, scope, transmission_id)
    if row is None:
        raise NotFound()
    field = f"transmission:{row['id']}"
    opened = sealer.open_subject(_wrapped(row["key"]), row["reportId"], {field: row["packageSealed"]})
    package: dict[str, Any] = json.loads(opened[field] or "{}")
    return package, str(row["contentHash"])


async def list_transmissions(graph: Graph, scope: Scope, status: str | None, limit: int) -> list[Record]:
    require_court_or_national(scope)
    return await repository.list_transmissions(graph, scope, status, limit)


async def transmission(graph: Graph, scope: Scope, transmission_id: str) -> Record | None:
    """A transmission the caller may see, or None."""
    require_court_or_national(scope)
    return await repository.get_transmission(graph, scope, transmission_id)


async def overdue_reports(graph: Graph, scope: Scope, deadline_days: int, limit: int) -> list[Record]:
    """Qualified reports not transmitted within the deadline."""
    require_triage(scope)
    return await repository.overdue_reports(graph, scope, deadline_days, limit)


async def custody_chain(graph: Graph, scope: Scope, transmission_id: str) -> list[Record]:
    """The custody chain of the report a transmission carried, for whoever may see the transmission."""
    require_court_or_national(scope)
    return await repository.transmission_custody_chain(graph, scope, transmission_id)
