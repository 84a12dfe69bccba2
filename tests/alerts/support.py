"""Helpers for alert tests: a referral made through the real GraphQL API, and what must never leave in a push."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from api.graphql.relay import from_global_id, to_global_id
from api.settings import PROJECT_ROOT, Settings
from graph.db import Graph
from tests.alerts.conftest import Network
from tests.support.consent import consent_to_refer
from tests.support.graphql import ok

PUSH_SCHEMA_PATH = PROJECT_ROOT / "mobile_contracts" / "push" / "alert-payload.schema.json"
REGISTER_VICTIM = "mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { id } }"
OPEN_CASE = "mutation($input: OpenCaseInput!) { openCase(input: $input) { id reference } }"
CREATE_REFERRAL = "mutation($input: CreateReferralInput!) { createReferral(input: $input) { id status } }"
ALIAS = "Zeineb-Secret-Alias"
NOTE = "needs a bed tonight near the port"


@dataclass
class Referral:
    id: str
    case_id: str
    case_reference: str
    victim_id: str

    @property
    def sensitive_values(self) -> list[str]:
        """Values that identify the person or the case: none may appear in a push payload."""
        return [ALIAS, NOTE, self.case_reference, self.id, self.case_id, self.victim_id, "TN-11", "Tunis",
                from_global_id(self.id)[1], from_global_id(self.case_id)[1], from_global_id(self.victim_id)[1]]


async def open_case(graph: Graph, settings: Settings, net: Network) -> tuple[str, str, str]:
    victim = await ok(graph, settings, REGISTER_VICTIM, {"input": {"alias": ALIAS, "sex": "FEMALE"}}, scope=net.worker)
    victim_id = victim["registerVictim"]["id"]
    case = await ok(graph, settings, OPEN_CASE, {"input": {"victimId": victim_id, "governorate": "TN-11"}},
                    scope=net.worker)
    return victim_id, case["openCase"]["id"], case["openCase"]["reference"]


async def refer(graph: Graph, settings: Settings, net: Network, urgency: str = "ROUTINE",
                case: tuple[str, str, str] | None = None) -> Referral:
    victim_id, case_id, reference = case or await open_case(graph, settings, net)
    await consent_to_refer(graph, settings, net.worker, case_id, net.service)
    data = await ok(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": case_id, "serviceId": to_global_id("Service", net.service), "urgency": urgency, "note": NOTE}},
        scope=net.worker)
    return Referral(id=data["createReferral"]["id"], case_id=case_id, case_reference=reference, victim_id=victim_id)


def push_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(Path(PUSH_SCHEMA_PATH).read_text(encoding="utf-8"))
    return schema


def assert_clean_push(message: dict[str, Any], referral: Referral) -> None:
    """Data-only, schema-valid, and free of every victim and case value."""
    assert "notification" not in message
    jsonschema.validate(message["data"], push_schema(), format_checker=jsonschema.FormatChecker())
    text = json.dumps(message, ensure_ascii=False)
    for value in referral.sensitive_values:
        assert value not in text, value
