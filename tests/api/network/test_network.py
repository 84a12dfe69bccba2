"""Coordinators' views of the network: coverage gaps, partnership paths, referral statistics."""

from __future__ import annotations

import datetime as dt
import itertools

from api.settings import Settings
from graph.db import Graph, count_round_trips
from tests.api.network import repository as probe
from tests.api.network.support import error_code, execute, make_organization, make_service, ok, partner

GAPS = """
query($category: ServiceCategory!, $language: String) {
  coverageGaps(category: $category, language: $language) {
    governorate { code } distanceKm nearestService { name organization { code } }
  }
}
"""

PATH = "query($a: String!, $b: String!) { partnershipPath(fromCode: $a, toCode: $b) { code } }"

NETWORK = """
query($code: String!) {
  organizationNetwork(code: $code) {
    organization { code }
    partners { organization { code } }
    referralStatistics { sent received accepted declined acceptanceRate medianResponseMinutes }
  }
}
"""

ALL = {f"TN-{n}" for n in ("11", "12", "13", "14", "21", "22", "23", "31", "32", "33", "34", "41", "42", "43",
                           "51", "52", "53", "61", "71", "72", "73", "81", "82", "83")}


async def build_shelters(graph: Graph, settings: Settings) -> None:
    await make_organization(graph, settings, "TAMSS")
    await make_service(graph, settings, "TAMSS", name="Tunis", area=["TN-11", "TN-12"], languages=["ar", "fr"])
    await make_service(graph, settings, "TAMSS", name="Sfax full", governorate="TN-61", latitude=34.74,
                       longitude=10.76, maximum=0)
    closed = await make_service(graph, settings, "TAMSS", name="Sousse closed", governorate="TN-51",
                                latitude=35.83, longitude=10.64, languages=["en"])
    await ok(graph, settings, "mutation($id: ID!) { setServiceStatus(serviceId: $id, status: TEMPORARILY_CLOSED) "
                              "{ status } }", {"id": closed["id"]})
    await make_service(graph, settings, "TAMSS", name="Clinic", category="MEDICAL", governorate="TN-13",
                       latitude=36.75, longitude=10.22)


async def test_coverage_gaps_with_the_nearest_fitting_service(graph: Graph, settings: Settings) -> None:
    await build_shelters(graph, settings)
    async with count_round_trips() as trips:
        await ok(graph, settings, GAPS.replace("organization { code }", ""), {"category": "SHELTER"})
    assert trips.count == 1
    async with count_round_trips() as trips:  # the providers of the nearest services: one batched query more
        gaps = (await ok(graph, settings, GAPS, {"category": "SHELTER"}))["coverageGaps"]
    assert trips.count == 2
    by_code = {g["governorate"]["code"]: g for g in gaps}
    assert set(by_code) == ALL - {"TN-11", "TN-12"}
    sfax = by_code["TN-61"]
    assert sfax["nearestService"] == {"name": "Tunis", "organization": {"code": "TAMSS"}}
    assert 200 < sfax["distanceKm"] < 260
    assert by_code["TN-13"]["distanceKm"] < by_code["TN-61"]["distanceKm"]


async def test_coverage_gaps_by_language(graph: Graph, settings: Settings) -> None:
    await build_shelters(graph, settings)
    english = (await ok(graph, settings, GAPS, {"category": "SHELTER", "language": "en"}))["coverageGaps"]
    assert {g["governorate"]["code"] for g in english} == ALL
    assert all(g["nearestService"] is None and g["distanceKm"] is None for g in english)
    await make_service(graph, settings, "TAMSS", name="Monastir", governorate="TN-52", latitude=35.77,
                       longitude=10.83, languages=["en"])
    english = (await ok(graph, settings, GAPS, {"category": "SHELTER", "language": "en"}))["coverageGaps"]
    by_code = {g["governorate"]["code"]: g for g in english}
    assert "TN-52" not in by_code
    assert by_code["TN-51"]["nearestService"]["name"] == "Monastir"
    medical = (await ok(graph, settings, GAPS, {"category": "MEDICAL"}))["coverageGaps"]
    assert {g["governorate"]["code"] for g in medical} == ALL - {"TN-13"}
    bad = await execute(graph, settings, GAPS, {"category": "SHELTER", "language": "EN"})
    assert error_code(bad) == "BAD_USER_INPUT"


async def test_partnership_paths(graph: Graph, settings: Settings) -> None:
    chain = [f"LINK-{i}" for i in range(8)]
    for code in [*chain, "ALONE"]:
        await make_organization(graph, settings, code)
    for a, b in itertools.pairwise(chain):
        await partner(graph, settings, a, b)
    await partner(graph, settings, "LINK-0", "LINK-3")  # a short cut
    path = (await ok(graph, settings, PATH, {"a": "LINK-0", "b": "LINK-4"}))["partnershipPath"]
    assert [o["code"] for o in path] == ["LINK-0", "LINK-3", "LINK-4"]
    back = (await ok(graph, settings, PATH, {"a": "LINK-7", "b": "LINK-0"}))["partnershipPath"]
    assert [o["code"] for o in back] == ["LINK-7", "LINK-6", "LINK-5", "LINK-4", "LINK-3", "LINK-0"]
    assert (await ok(graph, settings, PATH, {"a": "LINK-0", "b": "ALONE"}))["partnershipPath"] is None
    assert (await ok(graph, settings, PATH, {"a": "LINK-0", "b": "NOPE"}))["partnershipPath"] is None
    same = (await ok(graph, settings, PATH, {"a": "LINK-2", "b": "LINK-2"}))["partnershipPath"]
    assert [o["code"] for o in same] == ["LINK-2"]


async def test_paths_longer_than_six_partnerships_are_not_followed(graph: Graph, settings: Settings) -> None:
    chain = [f"HOP-{i}" for i in range(8)]
    for code in chain:
        await make_organization(graph, settings, code)
    for a, b in itertools.pairwise(chain):
        await partner(graph, settings, a, b)
    six = (await ok(graph, settings, PATH, {"a": "HOP-0", "b": "HOP-6"}))["partnershipPath"]
    assert len(six) == 7
    assert (await ok(graph, settings, PATH, {"a": "HOP-0", "b": "HOP-7"}))["partnershipPath"] is None


async def test_referral_statistics(graph: Graph, settings: Settings) -> None:
    await make_organization(graph, settings, "SENDER")
    await make_organization(graph, settings, "RECEIVER")
    await partner(graph, settings, "SENDER", "RECEIVER")
    first = await make_service(graph, settings, "RECEIVER", name="Shelter")
    second = await make_service(graph, settings, "RECEIVER", name="Legal", category="LEGAL_AID")
    start = dt.datetime(2025, 5, 1, 9, 0, tzinfo=dt.UTC)
    for service, status, minutes in [(first, "ACCEPTED", 30), (first, "DECLINED", 90), (second, "COMPLETED", 60),
                                     (second, "PENDING", None), (first, "CANCELLED", None)]:
        await probe.create_referral(graph, sender_code="SENDER", service_id=service["localId"], status=status,
                                    created_at=start,
                                    responded_at=None if minutes is None else start + dt.timedelta(minutes=minutes))
    async with count_round_trips() as trips:
        receiver = (await ok(graph, settings, NETWORK, {"code": "RECEIVER"}))["organizationNetwork"]
    assert trips.count == 1
    assert receiver["organization"] == {"code": "RECEIVER"}
    assert receiver["partners"] == [{"organization": {"code": "SENDER"}}]
    assert receiver["referralStatistics"] == {"sent": 0, "received": 5, "accepted": 2, "declined": 1,
                                              "acceptanceRate": 2 / 3, "medianResponseMinutes": 60.0}
    sender = (await ok(graph, settings, NETWORK, {"code": "SENDER"}))["organizationNetwork"]
    assert sender["referralStatistics"] == {"sent": 5, "received": 0, "accepted": 0, "declined": 0,
                                            "acceptanceRate": None, "medianResponseMinutes": None}
    assert (await ok(graph, settings, NETWORK, {"code": "NOBODY"}))["organizationNetwork"] is None
