"""PROSECUTION consent governs what a transmission carries about the victim; the court reads the custody chain."""

from __future__ import annotations

from api.settings import Settings
from graph.db import Graph
from tests.api.reports.conftest import ReportWorld
from tests.api.reports.test_triage_and_transmission import LINK, OPEN_CASE, REGISTER, TRANSMIT, _under_review
from tests.support.graphql import ok, run

CONSENT = """
mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id valid } }
"""
CUSTODY = """
query($id: ID!) { transmission(id: $id) { custodyChain { action actorRole } } }
"""


async def test_the_victim_profile_travels_only_with_a_prosecution_consent_to_that_court(
        graph: Graph, settings: Settings, world: ReportWorld) -> None:
    report_id, _ = await _under_review(graph, settings, world)
    victim = (await ok(graph, settings, REGISTER, {"input": {"alias": "V-COURT", "sex": "FEMALE",
                                                             "ageBand": "18-24"}},
                       scope=world.coordinator))["registerVictim"]["id"]
    case = (await ok(graph, settings, OPEN_CASE, {"input": {"victimId": victim, "governorate": "TN-61"}},
                     scope=world.coordinator))["openCase"]["id"]
    await ok(graph, settings, LINK, {"r": report_id, "c": case}, scope=world.coordinator)

    refused = await run(graph, settings, TRANSMIT, {"r": report_id, "include": ["GOVERNORATE", "VICTIM_PROFILE"]},
                        scope=world.coordinator)
    assert refused.codes == ["FORBIDDEN"]
    assert refused.messages == ["The victim has not given this court a valid PROSECUTION consent: their profile "
                                "cannot be transmitted."]
    # A consent for another purpose, or to another court, does not count.
    await ok(graph, settings, CONSENT, {"input": {"victimId": victim, "organizationCode": "TPI-SFAX",
                                                  "purpose": "REFERRAL"}}, scope=world.coordinator)
    await ok(graph, settings, CONSENT, {"input": {"victimId": victim, "organizationCode": "TPI-TUNIS",
                                                  "purpose": "PROSECUTION"}}, scope=world.coordinator)
    still = await run(graph, settings, TRANSMIT, {"r": report_id, "include": ["VICTIM_PROFILE"]},
                      scope=world.coordinator)
    assert still.codes == ["FORBIDDEN"]

    await ok(graph, settings, CONSENT, {"input": {"victimId": victim, "organizationCode": "TPI-SFAX",
                                                  "purpose": "PROSECUTION"}}, scope=world.coordinator)
    sent = (await ok(graph, settings, TRANSMIT, {"r": report_id, "include": ["GOVERNORATE", "VICTIM_PROFILE"]},
                     scope=world.coordinator))["transmitReport"]
    assert sent["courtCode"] == "TPI-SFAX" and "VICTIM_PROFILE" in sent["includedFields"]

    chain = (await ok(graph, settings, CUSTODY, {"id": sent["id"]}, scope=world.sfax_officer))["transmission"]
    actions = [hop["action"] for hop in chain["custodyChain"]]
    assert actions[0] == "SUBMITTED" and actions[-1] == "TRANSMITTED" and "LINKED_TO_CASE" in actions
    other_court = await run(graph, settings, CUSTODY, {"id": sent["id"]}, scope=world.tunis_officer)
    assert other_court.codes == ["NOT_FOUND"]  # another court reads neither the transmission nor its chain
