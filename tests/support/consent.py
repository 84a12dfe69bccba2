"""Recording the victim's consent through the API before a referral, as a case worker does."""

from __future__ import annotations

from typing import Any

from api.errors import BadInput
from api.graphql.relay import from_global_id, to_global_id
from api.settings import Settings
from graph.access.scope import Scope
from graph.db import Graph
from tests.support import repository as db
from tests.support.graphql import ok

RECORD_CONSENT = """
mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id purpose valid } }
"""


def _local(value: str) -> str:
    try:
        return from_global_id(value)[1]
    except BadInput:  # a local id already
        return value


async def consent_to_refer(graph: Graph, settings: Settings, scope: Scope, case_id: str, service_id: str, *,
                           purpose: str = "REFERRAL", **extra: Any) -> str:
    """Record the case's victim's consent to the organisation providing the service; the consent's global id."""
    victim, organization = await db.victim_and_provider(graph, _local(case_id), _local(service_id))
    data = await ok(graph, settings, RECORD_CONSENT, {"input": {
        "victimId": to_global_id("Victim", victim), "organizationCode": organization, "purpose": purpose,
        **extra}}, scope=scope)
    return str(data["recordConsent"]["id"])
