"""The HTTP surface of the skeleton: health, readiness, GraphQL, metrics, errors and headers."""

from __future__ import annotations

import httpx
import pytest

from api.i18n import negotiate
from tests.unit.test_graphql_limits import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS, aliases, organisation_chain, tokens


async def test_healthz_says_alive(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


async def test_readyz_is_200_with_neo4j_up_and_schema_current(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"neo4j": "up", "migrations": "current"}


async def test_graphql_answers_with_reference_data(client: httpx.AsyncClient) -> None:
    query = "{ serverInfo { name environment } governorates { code slug name { fr ar en text } adjacentCodes } }"
    response = await client.post("/graphql", json={"query": query}, headers={"Accept-Language": "ar"})
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["serverInfo"] == {"name": "Himaya", "environment": "test"}
    governorates = {g["slug"]: g for g in data["governorates"]}
    assert len(governorates) == 24
    sfax = governorates["SFAX"]
    assert sfax["code"] == "TN-61"
    assert sfax["name"]["text"] == sfax["name"]["ar"] == "صفاقس"
    for slug, gov in governorates.items():
        for other in gov["adjacentCodes"]:
            neighbour = next(g for g in governorates.values() if g["code"] == other)
            assert gov["code"] in neighbour["adjacentCodes"], slug


async def test_unknown_field_is_a_validation_error_with_a_code(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ nothingHere }"})
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_queries_via_get_are_refused(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": "{ serverInfo { name } }"},
                                headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert "Himaya" not in response.text


async def test_the_limits_let_through_what_stays_within_them_and_refuse_one_more(client: httpx.AsyncClient) -> None:
    at_aliases = await client.post("/graphql", json={"query": aliases(MAX_ALIASES)})
    assert at_aliases.json() == {"data": {f"a{i}": {"name": "Himaya"} for i in range(MAX_ALIASES)}}
    over_aliases = (await client.post("/graphql", json={"query": aliases(MAX_ALIASES + 1)})).json()
    assert over_aliases["data"] is None
    assert [e["extensions"]["code"] for e in over_aliases["errors"]] == ["GRAPHQL_VALIDATION_FAILED"]
    at_tokens = (await client.post("/graphql", json={"query": tokens(MAX_TOKENS)})).json()
    assert [e["extensions"]["code"] for e in at_tokens["errors"]] == ["UNAUTHENTICATED"]  # parsed, then guarded
    over_tokens = (await client.post("/graphql", json={"query": tokens(MAX_TOKENS + 1)})).json()
    assert [e["extensions"]["code"] for e in over_tokens["errors"]] == ["GRAPHQL_VALIDATION_FAILED"]
    # At the depth limit the query is valid and reaches the guard (organisations need a signed-in caller).
    at_depth = (await client.post("/graphql", json={"query": organisation_chain(MAX_DEPTH)})).json()
    assert [e["extensions"]["code"] for e in at_depth["errors"]] == ["UNAUTHENTICATED"]
    over_depth = (await client.post("/graphql", json={"query": organisation_chain(MAX_DEPTH + 1)})).json()
    assert [e["extensions"]["code"] for e in over_depth["errors"]] == ["GRAPHQL_VALIDATION_FAILED"]
    assert over_depth["data"] is None


async def test_oversized_body_is_refused_before_parsing(client: httpx.AsyncClient) -> None:
    huge = {"query": "{ serverInfo { name } }", "variables": {"pad": "x" * 1_100_000}}
    response = await client.post("/graphql", json=huge)
    assert response.status_code == 413


async def test_security_headers_and_request_id(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-ID": "abcdef123456"})
    assert response.headers["x-request-id"] == "abcdef123456"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    forged = await client.get("/healthz", headers={"X-Request-ID": "<script>"})
    assert forged.headers["x-request-id"] != "<script>"


async def test_metrics_expose_requests_and_pool(client: httpx.AsyncClient) -> None:
    await client.post("/graphql", json={"query": "{ serverInfo { name } }"})
    response = await client.get("/metrics")
    assert response.status_code == 200
    text = response.text
    assert 'himaya_requests_total{operation="/graphql",outcome="ok"}' in text
    assert "himaya_neo4j_pool_max_connections" in text


@pytest.mark.parametrize(
    ("header", "expected"),
    [("ar-TN,ar;q=0.9", "ar"), ("en-GB,en;q=0.8", "en"), ("fr-FR", "fr"), ("de-DE", "fr"), ("", "fr"),
     ("en;q=0.1, ar;q=0.9", "ar")],
)
def test_language_negotiation(header: str, expected: str) -> None:
    assert negotiate(header).value == expected


async def test_an_unknown_enum_value_in_variables_is_bad_input_not_an_internal_error(
    client: httpx.AsyncClient,
) -> None:
    query = "query($c: ServiceCategory!) { coverageGaps(category: $c) { governorate { code } } }"
    response = await client.post("/graphql", json={"query": query, "variables": {"c": "NOT_A_CATEGORY"}})
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "NOT_A_CATEGORY" in error["message"]
    assert "Traceback" not in response.text and "KeyError" not in response.text
