"""Creations from phones carry client-generated UUIDs: sending one twice creates it once."""

from __future__ import annotations

import uuid

from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from tests.api.casework import repository as casework_db
from tests.api.casework.support import gid
from tests.contracts.support import apps, done, execute
from tests.support.consent import consent_to_refer


async def test_each_creation_happens_once_per_client_id(graph: Graph, settings: Settings) -> None:
    world = await apps(graph, settings)
    service = await casework_db.create_service(graph, world.provider_id, name="Shelter")
    victim_key, case_key, referral_key, report_key = (str(uuid.uuid4()) for _ in range(4))

    victims = [(await done(graph, settings, "RegisterVictim", {"input": {
        "alias": "Amal", "clientId": victim_key, "identity": {"fullName": "Amal B."}}}, scope=world.worker))[
        "registerVictim"] for _ in range(2)]
    assert victims[0] == victims[1] and victims[0]["id"] == gid("Victim", victim_key)
    cases = [(await done(graph, settings, "OpenCase", {"input": {
        "victimId": victims[0]["id"], "governorate": "TN-11", "clientId": case_key}}, scope=world.worker))[
        "openCase"] for _ in range(2)]
    assert cases[0]["reference"] == cases[1]["reference"] and cases[0]["id"] == gid("Case", case_key)
    await consent_to_refer(graph, settings, world.worker, cases[0]["id"], service)
    referrals = [(await done(graph, settings, "CreateReferral", {"input": {
        "caseId": cases[0]["id"], "serviceId": gid("Service", service), "clientId": referral_key}},
        scope=world.worker))["createReferral"]["id"] for _ in range(2)]
    assert referrals == [gid("Referral", referral_key)] * 2
    report_input = {"channel": "PARTNER_APP", "narrative": "Travail forcé dans une ferme.", "governorate": "TN-11",
                    "clientId": report_key}
    reports = [(await done(graph, settings, "SubmitReport", {"input": report_input}, scope=world.worker))[
        "submitReport"] for _ in range(2)]
    assert reports[0] == reports[1] and reports[0]["reportId"] == gid("Report", report_key)

    counts = {label: await casework_db.count(graph, label) for label in ("Victim", "Identity", "Case", "Referral",
                                                                         "Report")}
    assert counts == {"Victim": 1, "Identity": 1, "Case": 1, "Referral": 1, "Report": 1}
    # The next case takes the next number: the repeated opening did not use one up.
    second = (await done(graph, settings, "OpenCase", {"input": {"victimId": victims[0]["id"],
                                                                 "governorate": "TN-11"}}, scope=world.worker))
    assert int(second["openCase"]["reference"][-6:]) == int(cases[0]["reference"][-6:]) + 1


async def test_someone_elses_client_id_is_a_conflict_and_nothing_is_written(graph: Graph,
                                                                             settings: Settings) -> None:
    world = await apps(graph, settings)
    key = str(uuid.uuid4())
    await done(graph, settings, "RegisterVictim", {"input": {"alias": "Amal", "clientId": key}}, scope=world.worker)
    other_org = await casework_db.create_organization(graph, "NGO-SFAX", "TN-61")
    other = Scope(user_id="w2", role=Role.CASE_WORKER, organization_id=other_org)
    taken = await execute(graph, settings, "RegisterVictim", {"input": {"alias": "Salma", "clientId": key}},
                          scope=other)
    assert taken.codes == ["CONFLICT"]
    assert "Amal" not in str(taken.errors)
    assert await casework_db.count(graph, "Victim") == 1

    # An anonymous reporter cannot be shown a report again: a repeated client id is a conflict for them.
    public = {"channel": "PUBLIC", "narrative": "Des enfants mendient au marché.", "governorate": "TN-11",
              "clientId": str(uuid.uuid4())}
    anonymous = Scope(user_id=None, role=None, organization_id=None)
    assert (await execute(graph, settings, "SubmitReport", {"input": public}, scope=anonymous)).errors == []
    again = await execute(graph, settings, "SubmitReport", {"input": public}, scope=anonymous)
    assert again.codes == ["CONFLICT"]
    assert await casework_db.count(graph, "Report") == 1


async def test_a_malformed_client_id_is_bad_input(graph: Graph, settings: Settings) -> None:
    world = await apps(graph, settings)
    result = await execute(graph, settings, "RegisterVictim", {"input": {"alias": "Amal", "clientId": "123"}},
                           scope=world.worker)
    assert result.codes == ["BAD_USER_INPUT"]
    assert await casework_db.count(graph, "Victim") == 0
