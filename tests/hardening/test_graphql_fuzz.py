"""A bounded GraphQL fuzz (fixed seed): generated queries and mutations, as anonymous and as a coordinator,
get answers, never a 5xx."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import mutations, nodes, queries

from api.graphql.schema import build_schema
from graph.access.scope import Role
from tests.security.conftest import MakeAccount, bearer, tokens_of

EXAMPLES = 120  # per kind of operation and caller: 480 operations in all

SCALARS: dict[str, st.SearchStrategy[Any]] = {
    "Date": st.sampled_from(["2026-01-31", "1999-12-31", "not-a-date"]).map(nodes.String),
    "DateTime": st.sampled_from(["2026-01-31T10:00:00Z", "2026-13-01T00:00:00", ""]).map(nodes.String),
}


def _generated(mode: str, count: int) -> list[str]:
    schema = build_schema()._schema
    make = queries if mode == "query" else mutations
    strategy = make(schema, custom_scalars=SCALARS)
    found: list[str] = []

    @settings(max_examples=count, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(document: str) -> None:
        found.append(document)

    collect()
    return found


async def _send_all(http: httpx.AsyncClient, documents: list[str], headers: dict[str, str]) -> Counter[int]:
    statuses: Counter[int] = Counter()
    for document in documents:
        answer = await http.post("/graphql", json={"query": document}, headers=headers)
        statuses[answer.status_code] += 1
        assert answer.status_code < 500, (document[:500], answer.text[:500])
        assert "INTERNAL_SERVER_ERROR" not in answer.text, (document[:500], answer.text[:500])
    return statuses


@pytest.mark.timeout(900)  # three Neo4j starts / 480 operations; bounded, but not by the default 300 s
async def test_generated_operations_never_get_a_5xx(client: httpx.AsyncClient, make_account: MakeAccount) -> None:
    coordinator = await make_account("fuzz.coordinator", Role.COORDINATOR, with_totp=False)
    token = (await tokens_of(client, coordinator))["access_token"]
    reads, writes = _generated("query", EXAMPLES), _generated("mutation", EXAMPLES)
    assert len(reads) == EXAMPLES and len(writes) == EXAMPLES
    seen: Counter[int] = Counter()
    for headers in ({}, bearer(token)):
        seen += await _send_all(client, reads, headers)
        seen += await _send_all(client, writes, headers)
    assert sum(seen.values()) == 4 * EXAMPLES
    assert {status for status in seen if status >= 500} == set()
