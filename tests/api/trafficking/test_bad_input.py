"""Malformed phones, e-mails, plates and other bad input: a clear error naming the valid format, nothing stored."""

from __future__ import annotations

import pytest

from api.i18n import Language
from api.settings import Settings
from graph.db import Graph
from tests.api.casework.support import open_case_for, world
from tests.api.trafficking import repository as db
from tests.api.trafficking.support import ADD_IDENTIFIERS, ADD_PERPETRATOR, CASE_FILE
from tests.support.graphql import ok, run

ROUTE = """
mutation($input: AddRouteEventInput!) { addRouteEvent(input: $input) { id type country } }
"""


@pytest.mark.parametrize(("identifier", "names"), [
    ({"kind": "PHONE", "value": "12345"}, "E.164"),
    ({"kind": "PHONE", "value": "+216 98 765"}, "E.164"),
    ({"kind": "PHONE", "value": "call me"}, "E.164"),
    ({"kind": "EMAIL", "value": "recruteur.example.tn"}, "name@domain.tn"),
    ({"kind": "EMAIL", "value": "a@b"}, "name@domain.tn"),
    ({"kind": "VEHICLE_PLATE", "value": "TU 4567"}, "123 TU 4567"),
    ({"kind": "VEHICLE_PLATE", "value": "ABCDEF", "country": "FRA"}, "ISO-3"),
    ({"kind": "VEHICLE_PLATE", "value": "AB-123-CD", "country": "XXX"}, "ISO-3"),
    ({"kind": "ONLINE_ACCOUNT", "platform": "TELEGRAM", "value": "jobs europe"}, "1 to 100"),
    ({"kind": "ONLINE_ACCOUNT", "value": "jobs"}, "platform"),
    ({"kind": "BANK_ACCOUNT", "value": "12"}, "4 to 40"),
])
async def test_malformed_identifiers_are_refused_with_the_format(graph: Graph, settings: Settings,
                                                                  identifier: dict[str, str], names: str) -> None:
    w = await world(graph)
    _, case = await open_case_for(graph, settings, w.worker_a)
    result = await run(graph, settings, ADD_IDENTIFIERS, {"c": case, "ids": [identifier]}, scope=w.worker_a)
    assert result.codes == ["BAD_USER_INPUT"]
    assert names in result.messages[0]
    refused = await run(graph, settings, ADD_PERPETRATOR, {"input": {
        "caseId": case, "kind": "PERSON", "role": "RECRUITER", "alias": "R", "identifiers": [identifier]}},
        scope=w.worker_a)
    assert refused.codes == ["BAD_USER_INPUT"]
    assert await db.count(graph, "Identifier") == 0
    assert await db.count(graph, "Perpetrator") == 0


async def test_format_errors_are_translated(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    _, case = await open_case_for(graph, settings, w.worker_a)
    bad = {"c": case, "ids": [{"kind": "PHONE", "value": "12"}]}
    french = await run(graph, settings, ADD_IDENTIFIERS, bad, scope=w.worker_a, language=Language.FR)
    arabic = await run(graph, settings, ADD_IDENTIFIERS, bad, scope=w.worker_a, language=Language.AR)
    assert "Numéro de téléphone invalide" in french.messages[0]
    assert "رقم هاتف غير صالح" in arabic.messages[0]


@pytest.mark.parametrize(("event", "code"), [
    ({"type": "TRANSIT"}, "BAD_USER_INPUT"),
    ({"type": "TRANSIT", "country": "LY"}, "BAD_USER_INPUT"),
    ({"type": "TRANSIT", "country": "ZZZ"}, "BAD_USER_INPUT"),
    ({"type": "TRANSIT", "country": "LBY", "governorate": "TN-61"}, "BAD_USER_INPUT"),
    ({"type": "TRANSIT", "governorate": "TN-99"}, "BAD_USER_INPUT"),
    ({"type": "EXPLOITATION", "country": "TUN", "occurredOn": "2025-13"}, "BAD_USER_INPUT"),
    ({"type": "RECRUITMENT", "country": "NGA", "place": "x" * 201}, "BAD_USER_INPUT"),
])
async def test_bad_route_events_are_refused(graph: Graph, settings: Settings, event: dict[str, str],
                                            code: str) -> None:
    w = await world(graph)
    _, case = await open_case_for(graph, settings, w.worker_a)
    result = await run(graph, settings, ROUTE, {"input": {"caseId": case, **event}}, scope=w.worker_a)
    assert result.codes == [code]
    assert await db.count(graph, "RouteEvent") == 0


async def test_route_is_ordered_and_other_organisations_cannot_write_it(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    _, case = await open_case_for(graph, settings, w.worker_a)
    for event in ({"type": "EXPLOITATION", "governorate": "TN-61", "place": "ferme", "occurredOn": "2025-06"},
                  {"type": "RECRUITMENT", "country": "NGA", "place": "Benin City", "occurredOn": "2025-01-10"},
                  {"type": "TRANSIT", "country": "LBY", "occurredOn": "2025-03"}):
        await ok(graph, settings, ROUTE, {"input": {"caseId": case, **event}}, scope=w.worker_a)
    route = (await ok(graph, settings, CASE_FILE, {"id": case}, scope=w.worker_a))["case"]["route"]
    assert [(e["type"], e["country"], e["governorate"]) for e in route] == [
        ("RECRUITMENT", "NGA", None), ("TRANSIT", "LBY", None), ("EXPLOITATION", "TUN", "TN-61")]
    other = await run(graph, settings, ROUTE, {"input": {"caseId": case, "type": "TRANSIT", "country": "LBY"}},
                      scope=w.worker_b)
    assert other.codes == ["NOT_FOUND"]
    analyst = await run(graph, settings, ROUTE, {"input": {"caseId": case, "type": "TRANSIT", "country": "LBY"}},
                        scope=w.analyst)
    assert analyst.codes == ["FORBIDDEN"]
