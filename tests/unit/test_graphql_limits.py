"""The GraphQL limits refuse before anything runs, each with its exact code and message (no database needed):
depth, aliases, tokens, and introspection in production. What stays within a limit is checked against the real
API in tests/api/test_app.py."""

from __future__ import annotations

import functools
from typing import Any, cast

import pytest
from strawberry.extensions.validation_cache import _get_validate_cache

from api.graphql.schema import DOCUMENT_CACHE_SIZE, build_schema, parse_cached

# The documented limits, written out (not read from the code, so a changed limit fails here).
MAX_DEPTH, MAX_ALIASES, MAX_TOKENS = 10, 15, 2000


def organisation_chain(depth: int) -> str:
    """A valid query whose leaf is at ``depth`` (the root field is at 0, as the limiter counts):
    organizations > nodes > services > organization > services > ... > id."""
    fields = ["organizations(first: 1)", "nodes"]
    while len(fields) < depth:
        fields.append("services" if fields[-1] in {"nodes", "organization"} else "organization")
    inner = "id"
    for name in reversed(fields):
        inner = f"{name} {{ {inner} }}"
    return "{ " + inner + " }"


def aliases(count: int) -> str:
    return "{ " + " ".join(f"a{i}: serverInfo {{ name }}" for i in range(count)) + " }"


def tokens(count: int) -> str:
    """A valid document of exactly ``count`` tokens: one list argument that grows (15 tokens around it)."""
    return '{ findAssistance(caseId: "x", categories: [' + "SHELTER " * (count - 15) + "]) { score } }"


async def _refusals(query: str, *, production: bool = False) -> list[tuple[str, str]]:
    result = await build_schema(production=production).execute(query)
    assert result.data is None
    return [(e.formatted["extensions"]["code"], e.message) for e in result.errors or []]


def test_the_chain_is_as_deep_as_asked() -> None:
    chain = organisation_chain(MAX_DEPTH + 1)
    assert chain.count("{") == MAX_DEPTH + 2  # the operation's braces, then one per field above the leaf
    assert chain.endswith("{ id }" + " }" * (MAX_DEPTH + 1))


async def test_a_query_one_level_too_deep_is_refused() -> None:
    assert await _refusals(organisation_chain(MAX_DEPTH + 1)) == [
        ("GRAPHQL_VALIDATION_FAILED", f"'anonymous' exceeds maximum operation depth of {MAX_DEPTH}")]


async def test_one_alias_too_many_is_refused() -> None:
    assert await _refusals(aliases(MAX_ALIASES + 1)) == [
        ("GRAPHQL_VALIDATION_FAILED", f"{MAX_ALIASES + 1} aliases found. Allowed: {MAX_ALIASES}")]


async def test_a_document_over_the_token_limit_is_refused_before_parsing() -> None:
    assert await _refusals(tokens(MAX_TOKENS + 1)) == [
        ("GRAPHQL_VALIDATION_FAILED",
         f"Syntax Error: Document contains more than {MAX_TOKENS} tokens. Parsing aborted.")]


@pytest.mark.parametrize(("query", "field"), [("{ __schema { queryType { name } } }", "__schema"),
                                               ('{ __type(name: "Case") { name } }', "__type")])
async def test_introspection_is_refused_in_production(query: str, field: str) -> None:
    refusals = await _refusals(query, production=True)
    assert refusals[0] == ("GRAPHQL_VALIDATION_FAILED",
                           f"GraphQL introspection has been disabled, but the requested query contained the field "
                           f"'{field}'.")
    assert {code for code, _ in refusals} == {"GRAPHQL_VALIDATION_FAILED"}


async def test_introspection_answers_outside_production() -> None:
    result = await build_schema().execute("{ __schema { queryType { name } } }")
    assert result.errors is None
    assert result.data == {"__schema": {"queryType": {"name": "Query"}}}


async def test_a_document_seen_before_is_neither_parsed_nor_validated_again_and_refused_alike() -> None:
    validations = cast("functools._lru_cache_wrapper[Any]", _get_validate_cache(DOCUMENT_CACHE_SIZE))
    schema = build_schema()
    query = "{ __typename }"
    first = await schema.execute(query)
    parsed, validated = parse_cached.cache_info().hits, validations.cache_info().hits
    again = await schema.execute(query)
    assert again.data == first.data and again.errors is None
    # The depth and alias rules are the same classes from one request to the next, so the cache answers.
    assert (parse_cached.cache_info().hits, validations.cache_info().hits) == (parsed + 1, validated + 1)
    too_deep = organisation_chain(MAX_DEPTH + 1)
    assert await _refusals(too_deep) == await _refusals(too_deep) == [
        ("GRAPHQL_VALIDATION_FAILED", f"'anonymous' exceeds maximum operation depth of {MAX_DEPTH}")]
    broken = "{ __typename"
    assert await _refusals(broken) == await _refusals(broken) == [
        ("GRAPHQL_VALIDATION_FAILED", "Syntax Error: Expected Name, found <EOF>.")]
