"""Bad input gets a clear 4xx, never a 500: malformed bodies, deep nesting, internal webhook targets, /metrics."""

from __future__ import annotations

import ipaddress
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from api.alerts.webhooks import refusal
from api.settings import Environment

MALFORMED = [b"null", b"true", b"42", b'"a string"', b"[]", b"{", b"\xff\xfe", b"[" * 100_000 + b"]" * 100_000]


@pytest.mark.parametrize("path", ["/graphql", "/auth/login", "/auth/refresh"])
@pytest.mark.parametrize("body", MALFORMED, ids=["null", "true", "number", "string", "array", "cut", "binary",
                                                 "deep"])
async def test_a_malformed_json_body_is_a_clear_400(client: httpx.AsyncClient, path: str, body: bytes,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    answer = await client.post(path, content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 400
    payload = answer.json()
    code = payload["errors"][0]["extensions"]["code"] if path == "/graphql" else payload["error"]["code"]
    assert code == "BAD_USER_INPUT"
    assert "Traceback" not in caplog.text


async def test_a_variable_nested_100000_levels_deep_is_a_clear_400(client: httpx.AsyncClient) -> None:
    deep = '{"query": "query($v: String) { __typename }", "variables": {"v": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    answer = await client.post("/graphql", content=deep, headers={"content-type": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_variable_nested_a_little_too_deep_is_refused_too(client: httpx.AsyncClient) -> None:
    nested: Any = "x"
    for _ in range(80):
        nested = {"a": nested}
    answer = await client.post("/graphql", json={"query": "{ __typename }", "variables": {"v": nested}})
    assert answer.status_code == 400
    shallow = await client.post("/graphql", json={"query": "{ __typename }", "variables": {"v": {"a": "x"}}})
    assert shallow.status_code == 200


@pytest.mark.parametrize("address", ["fec0::1", "fec0:1234::5", "feff:ffff::1"])
def test_a_site_local_ipv6_webhook_target_is_refused(address: str) -> None:
    assert refusal(ipaddress.ip_address(address), allow_loopback=False) == "site-local"


async def test_metrics_need_the_token_or_loopback_in_production(client_with: Any, settings: Any) -> None:
    production = {"environment": Environment.PRODUCTION, "secret_key": SecretStr("k" * 40),
                  "metrics_token": SecretStr("m" * 40),
                  "trusted_proxies": ["10.0.0.0/8"]}
    async with client_with(**production) as (app, _):
        outside = httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("203.0.113.5", 4000)),
                                    base_url="https://testserver")
        proxied = httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("127.0.0.1", 4000)),
                                    base_url="https://testserver")
        async with outside, proxied:
            assert (await outside.get("/metrics")).status_code == 403
            assert (await outside.get("/metrics", headers={"authorization": "Bearer wrong"})).status_code == 403
            scraped = await outside.get("/metrics", headers={"authorization": "Bearer " + "m" * 40})
            assert scraped.status_code == 200
            assert "himaya_requests_total" in scraped.text
            # A request a local reverse proxy forwarded arrives from loopback, but carries the address header.
            assert (await proxied.get("/metrics", headers={"x-forwarded-for": "203.0.113.5"})).status_code == 403
            assert (await proxied.get("/metrics")).status_code == 200
