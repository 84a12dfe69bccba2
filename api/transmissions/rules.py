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
from api.perpetrators.package import crime_values, package_values
from api.reference import catalogues
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


# ------------------------------------------------------------------------------------------ networks
# A suspected network travels as one package: its cases, the links a coordinator confirmed between them, and what
# the coordinator chose of the crime (perpetrators, identifiers, route). Never a victim's identity or profile
# (each victim's PROSECUTION consent governs that, report by report) nor a protected person.
NETWORK_FIELDS = (PackageField.PERPETRATORS, PackageField.IDENTIFIERS, PackageField.ROUTE)
MIN_NETWORK_REASON = 10


def network_package(source: dict[str, Any], opened_cases: list[dict[str, Any]],
                    include: list[PackageField]) -> Package:
    """The network's package: summary, cases and confirmed links always; the chosen crime fields merged over cases."""
    fields: dict[str, Any] = {
        "NETWORK": [{"cases": len(opened_cases), "confirmedLinks": len(source["links"])}],
        "GOVERNORATES": sorted(g for g in source["governorates"] if g),
        "CASES": [{"reference": c["reference"], "governorate": c["governorate"], "openedOn": c["openedOn"],
                   "exploitationForms": c["exploitationForms"]} for c in opened_cases],
        "CASE_LINKS": source["links"],
    }
    for chosen in NETWORK_FIELDS:
        if chosen not in include:
            continue
        key = _SOURCE_OF[chosen]
        merged: dict[str, dict[str, Any]] = {}
        for case in opened_cases:
            for item in case[key]:
                signature = json.dumps({k: v for k, v in item.items() if k != "cases"}, sort_keys=True, default=str)
                entry = merged.setdefault(signature, {**item, "cases": []})
                entry["cases"].append(case["reference"])
        fields[chosen.value] = list(merged.values())
    body = {"court": source["courtCode"], "network": source["id"], "fields": fields}
    return Package(court_code=source["courtCode"], court_name=source["courtName"],
                   court_name_ar=source.get("courtNameAr"), fields=fields, content_hash=content_hash(body))


async def transmit_network(graph: Graph, sealer: Sealer, scope: Scope, network_id: str, court_code: str,
                           include: list[PackageField], reason: str) -> dict[str, Any]:
    """National roles: a reviewed network (at least one confirmed link) to one court, as one sealed package."""
    require(scope, Permission.ANALYSE_LINKS)
    if not scope.national:
        raise Forbidden()
    unsupported = [f.value for f in include if f not in NETWORK_FIELDS]
    if unsupported:
        raise BadInput("transmissions.not_for_networks", field=", ".join(unsupported),
                       valid=", ".join(f.value for f in NETWORK_FIELDS))
    why = clean_text(reason, "reason", required=True, maximum=500)
    if why is None or len(why) < MIN_NETWORK_REASON:
        raise BadInput("transmissions.network_reason_required", minimum=MIN_NETWORK_REASON)
    code = clean_text(court_code, "courtCode", required=True, maximum=64)
    assert code is not None
    source = await repository.network_package_source(graph, scope, network_id, code)
    if source is None:
        raise NotFound()
    if source["courtId"] is None:
        raise BadInput("transmissions.unknown_court", court=code)
    if not source["links"]:
        raise Conflict("transmissions.network_not_confirmed")
    opened = [{**case, **crime_values(sealer, case["crime"]["perpetrators"], case["crime"]["identifiers"],
                                      case["crime"]["route"])} for case in source["cases"]]
    package = network_package(source, opened, include)
    transmission_id = str(uuid.uuid4())
    package_json = json.dumps({"court": package.court_code, "courtName": package.court_name,
                               "courtNameAr": package.court_name_ar, "fields": package.fields}, ensure_ascii=False)
    key, sealed = sealer.seal_field(transmission_id, "package", package_json)
    row = await repository.create_network_transmission(graph, scope, {
        "id": transmission_id, "networkId": source["id"], "courtId": source["courtId"],
        "caseIds": [case["id"] for case in source["cases"]], "includedFields": list(package.fields),
        "contentHash": package.content_hash, "packageSealed": sealed, "key": key, "reason": why})
    if row is None:
        raise NotFound()
    return row


def for_print(package: dict[str, Any]) -> dict[str, Any]:
    """The package with the words the document prints beside its codes (exploitation forms in fr and ar)."""
    forms = {item["code"]: item["labels"] for item in catalogues.items("exploitation_forms.json")}
    cases = [{**case, "formLabels": {f: forms[f] for f in case.get("exploitationForms") or [] if f in forms}}
             for case in package.get("fields", {}).get("CASES", [])]
    return {**package, "fields": {**package.get("fields", {}), **({"CASES": cases} if cases else {})}}


async def list_network_transmissions(graph: Graph, scope: Scope, limit: int) -> list[Record]:
    require_court_or_national(scope)
    return await repository.list_network_transmissions(graph, scope, limit)


async def network_transmission(graph: Graph, scope: Scope, transmission_id: str) -> Record | None:
    """A network transmission the caller may see (its court, national roles), or None."""
    require_court_or_national(scope)
    return await repository.get_network_transmission(graph, scope, transmission_id)


async def open_network_package(graph: Graph, sealer: Sealer, scope: Scope,
                               transmission_id: str) -> tuple[dict[str, Any], str]:
    """A network package exactly as sent, and its content hash."""
    require_court_or_national(scope)
    row = await repository.get_network_package(graph, scope, transmission_id)
    if row is None:
        raise NotFound()
    opened = sealer.open_field(row["key"], row["id"], "package", row["packageSealed"])
    package: dict[str, Any] = json.loads(opened or "{}")
    return package, str(row["contentHash"])


async def acknowledge_network(graph: Graph, scope: Scope, transmission_id: str) -> dict[str, Any]:
    require(scope, Permission.ACT_FOR_COURT)
    row = await repository.acknowledge_network_transmission(graph, scope, transmission_id)
    if row is None:
        raise NotFound()
    if not row["changed"]:
        raise Conflict("transmissions.already_acknowledged")
    return row
