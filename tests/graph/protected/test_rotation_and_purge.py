"""Rotating the key-encryption key while the API runs, and the retention purge."""

from __future__ import annotations

from api.settings import Settings
from graph.db import Graph
from graph.protected.maintenance import purge_expired, rotate_kek
from tests.graph.protected import repository as db
from tests.graph.protected.test_identity_at_rest import READ, _coordinator, _register
from tests.support.graphql import ok

OPEN_CASE = "mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }"


async def test_rotation_rewraps_every_data_key_and_the_running_api_still_reads(graph: Graph,
                                                                               settings: Settings) -> None:
    coordinator = await _coordinator(graph, settings)
    victims = [await _register(graph, settings, coordinator, f"V-{i}", fullName=f"Personne {i}") for i in range(3)]
    before = {k["kekId"] for k in await db.data_keys(graph)}
    assert len(before) == 1

    active, count = await rotate_kek(graph, settings.state_dir / "keys" / "kek.json")
    assert count == 3
    assert {k["kekId"] for k in await db.data_keys(graph)} == {active}
    assert active not in before
    # The API process loaded the ring before the rotation and still opens every identity.
    for i, victim in enumerate(victims):
        read = await ok(graph, settings, READ, {"id": victim, "r": "rotation check"}, scope=coordinator)
        assert read["victimIdentity"]["fullName"] == f"Personne {i}"
    # A second rotation re-wraps them all again under yet another key.
    assert (await rotate_kek(graph, settings.state_dir / "keys" / "kek.json"))[1] == 3


async def test_retention_purge_erases_only_identities_whose_cases_closed_long_ago(graph: Graph,
                                                                                  settings: Settings) -> None:
    coordinator = await _coordinator(graph, settings)
    old = await _register(graph, settings, coordinator, "V-OLD", fullName="Ancienne Personne")
    recent = await _register(graph, settings, coordinator, "V-NEW", fullName="Personne Recente")
    no_case = await _register(graph, settings, coordinator, "V-NOCASE", fullName="Sans Dossier")
    for victim in (old, recent):
        await ok(graph, settings, OPEN_CASE, {"input": {"victimId": victim, "governorate": "TN-11"}},
                 scope=coordinator)
    await db.close_cases_long_ago(graph, "V-OLD", 400)
    await db.close_cases_long_ago(graph, "V-NEW", 10)

    assert await purge_expired(graph, retention_days=365) == 1
    names = {}
    for alias, victim in (("old", old), ("recent", recent), ("none", no_case)):
        read = await ok(graph, settings, READ, {"id": victim, "r": "retention check"}, scope=coordinator)
        names[alias] = read["victimIdentity"]["fullName"]
    assert names == {"old": None, "recent": "Personne Recente", "none": "Sans Dossier"}
