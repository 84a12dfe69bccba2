"""Forged and misused tokens: every one is refused with 401 UNAUTHENTICATED and reveals nothing."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI

from tests.security.conftest import ME, Account, assert_unauthenticated, bearer, tokens_of, unverified_claims

GRAPHQL_QUERY = {"query": "{ serverInfo { name } }"}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _our_key(app: FastAPI) -> Ed25519PrivateKey:
    key: Ed25519PrivateKey | None = app.state.himaya.auth.keys.active.private_key
    assert key is not None
    return key


def _our_kid(app: FastAPI) -> str:
    kid: str = app.state.himaya.auth.keys.active.kid
    return kid


def _sign(app: FastAPI, claims: dict[str, Any], *, key: Ed25519PrivateKey | None = None,
          headers: dict[str, Any] | None = None) -> str:
    return jwt.encode(claims, key or _our_key(app), algorithm="EdDSA",
                      headers={"kid": _our_kid(app), **(headers or {})})


def _hand_signed(header: dict[str, Any], claims: dict[str, Any], key: Ed25519PrivateKey) -> str:
    """Sign any header at all (PyJWT refuses to write some of the malformed ones attackers send)."""
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
    return f"{signing_input}.{_b64(key.sign(signing_input.encode()))}"


async def _claims(client: httpx.AsyncClient, account: Account) -> dict[str, Any]:
    return unverified_claims((await tokens_of(client, account))["access_token"])


async def _assert_refused_everywhere(client: httpx.AsyncClient, token: str) -> None:
    """The token gets nothing from the scope probe, GraphQL, or logout."""
    for response in (await client.get(ME, headers=bearer(token)),
                     await client.post("/graphql", json=GRAPHQL_QUERY, headers=bearer(token)),
                     await client.post("/auth/logout", headers=bearer(token))):
        assert_unauthenticated(response)
        assert "Himaya" not in response.text and "data" not in response.json()


async def test_a_genuine_token_is_accepted_by_the_probe_and_graphql(probe_client: httpx.AsyncClient,
                                                                    account: Account) -> None:
    access = (await tokens_of(probe_client, account))["access_token"]
    assert (await probe_client.get(ME, headers=bearer(access))).json()["user_id"] == account.id
    response = await probe_client.post("/graphql", json=GRAPHQL_QUERY, headers=bearer(access))
    assert response.status_code == 200
    assert response.json()["data"]["serverInfo"]["name"] == "Himaya"


async def test_our_own_signature_with_changed_claims_still_works_as_a_control(
        app: FastAPI, probe_client: httpx.AsyncClient, account: Account) -> None:
    claims = await _claims(probe_client, account)
    claims["jti"] = "another"
    assert (await probe_client.get(ME, headers=bearer(_sign(app, claims)))).status_code == 200


async def test_alg_none_is_refused(probe_client: httpx.AsyncClient, account: Account) -> None:
    claims = await _claims(probe_client, account)
    header = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    token = f"{header}.{_b64(json.dumps(claims).encode())}."
    await _assert_refused_everywhere(probe_client, token)
    unsigned_with_kid = jwt.encode(claims, "", algorithm="none", headers={"kid": "x"})
    await _assert_refused_everywhere(probe_client, unsigned_with_kid)


async def test_hs256_signed_with_the_public_key_is_refused(app: FastAPI, probe_client: httpx.AsyncClient,
                                                          account: Account) -> None:
    claims = await _claims(probe_client, account)
    public = _our_key(app).public_key()
    jwks = (await probe_client.get("/.well-known/jwks.json")).json()
    for secret in (public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo),
                   public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw),
                   json.dumps(jwks["keys"][0]).encode()):
        header = _b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": _our_kid(app)}).encode())
        payload = _b64(json.dumps(claims).encode())

        signature = _b64(hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest())
        await _assert_refused_everywhere(probe_client, f"{header}.{payload}.{signature}")


async def test_expired_token_is_refused(app: FastAPI, probe_client: httpx.AsyncClient, account: Account) -> None:
    claims = await _claims(probe_client, account)
    now = int(time.time())
    claims.update(iat=now - 3600, exp=now - 600)
    await _assert_refused_everywhere(probe_client, _sign(app, claims))


@pytest.mark.parametrize("field", ["iat", "nbf"])
async def test_not_yet_valid_token_is_refused(app: FastAPI, probe_client: httpx.AsyncClient, account: Account,
                                              field: str) -> None:
    claims = await _claims(probe_client, account)
    now = int(time.time())
    claims.update(exp=now + 1200)
    claims[field] = now + 600
    if field == "nbf":
        claims["iat"] = now
    await _assert_refused_everywhere(probe_client, _sign(app, claims))


async def test_access_token_with_a_lifetime_over_the_limit_is_refused(app: FastAPI, probe_client: httpx.AsyncClient,
                                                                      account: Account) -> None:
    claims = await _claims(probe_client, account)
    claims["exp"] = claims["iat"] + 86400
    await _assert_refused_everywhere(probe_client, _sign(app, claims))


@pytest.mark.parametrize(("claim", "value"), [("aud", "another-service"), ("aud", ["another-service"]),
                                              ("iss", "https://attacker.example")])
async def test_wrong_audience_or_issuer_is_refused(app: FastAPI, probe_client: httpx.AsyncClient, account: Account,
                                                   claim: str, value: Any) -> None:
    claims = await _claims(probe_client, account)
    claims[claim] = value
    await _assert_refused_everywhere(probe_client, _sign(app, claims))


@pytest.mark.parametrize("missing", ["exp", "iat", "iss", "aud", "sub", "jti", "typ", "sid"])
async def test_every_required_claim_must_be_present(app: FastAPI, probe_client: httpx.AsyncClient,
                                                    account: Account, missing: str) -> None:
    claims = await _claims(probe_client, account)
    del claims[missing]
    await _assert_refused_everywhere(probe_client, _sign(app, claims))


async def test_refresh_token_is_not_an_access_token(probe_client: httpx.AsyncClient, account: Account) -> None:
    tokens = await tokens_of(probe_client, account)
    await _assert_refused_everywhere(probe_client, tokens["refresh_token"])


async def test_access_token_is_not_a_refresh_token(probe_client: httpx.AsyncClient, account: Account) -> None:
    tokens = await tokens_of(probe_client, account)
    response = await probe_client.post("/auth/refresh", json={"refresh_token": tokens["access_token"]})
    assert_unauthenticated(response)
    assert "access_token" not in response.text
    # The genuine refresh token still works afterwards: nothing was spent by the attempt.
    genuine = await probe_client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert genuine.status_code == 200


async def test_unknown_kid_is_refused(app: FastAPI, probe_client: httpx.AsyncClient, account: Account) -> None:
    claims = await _claims(probe_client, account)
    for kid in ("unknown-key", "../../keys/other", 12, None, [_our_kid(app)]):
        token = _hand_signed({"alg": "EdDSA", "typ": "JWT", "kid": kid}, claims, _our_key(app))
        await _assert_refused_everywhere(probe_client, token)
    no_kid = jwt.encode(claims, _our_key(app), algorithm="EdDSA")
    await _assert_refused_everywhere(probe_client, no_kid)


async def test_attacker_key_in_jwk_jku_or_x5u_header_is_ignored(app: FastAPI, probe_client: httpx.AsyncClient,
                                                                 account: Account) -> None:
    claims = await _claims(probe_client, account)
    attacker = Ed25519PrivateKey.generate()
    raw = attacker.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    attacker_jwk = {"kty": "OKP", "crv": "Ed25519", "x": _b64(raw), "kid": "attacker"}
    variants: list[dict[str, Any]] = [
        {"jwk": attacker_jwk},
        {"jwk": attacker_jwk, "kid": "attacker"},
        {"jku": "https://attacker.example/jwks.json"},
        {"jku": "https://attacker.example/jwks.json", "kid": "attacker"},
        {"x5u": "https://attacker.example/cert.pem"},
    ]
    for extra in variants:
        token = _sign(app, claims, key=attacker, headers=extra)
        await _assert_refused_everywhere(probe_client, token)


async def test_tampered_payload_is_refused(app: FastAPI, probe_client: httpx.AsyncClient, account: Account) -> None:
    access = (await tokens_of(probe_client, account))["access_token"]
    header, payload, signature = access.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "00000000-0000-0000-0000-000000000000"
    await _assert_refused_everywhere(probe_client, f"{header}.{_b64(json.dumps(claims).encode())}.{signature}")


async def test_forged_session_id_is_refused(app: FastAPI, probe_client: httpx.AsyncClient, account: Account) -> None:
    claims = await _claims(probe_client, account)
    claims["sid"] = "00000000-0000-0000-0000-000000000000"
    await _assert_refused_everywhere(probe_client, _sign(app, claims))


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer  ", "Token abc", "Bearer a.b.c",
                                    "Bearer " + "a" * 5000, "bearer not-a-jwt"])
async def test_malformed_authorization_header_is_refused(probe_client: httpx.AsyncClient, header: str) -> None:
    for response in (await probe_client.get(ME, headers={"Authorization": header}),
                     await probe_client.post("/graphql", json=GRAPHQL_QUERY, headers={"Authorization": header})):
        assert_unauthenticated(response)
        assert response.headers["www-authenticate"].startswith("Bearer")


async def test_jwks_publishes_only_public_ed25519_keys(app: FastAPI, probe_client: httpx.AsyncClient) -> None:
    jwks = (await probe_client.get("/.well-known/jwks.json")).json()
    assert [key["kid"] for key in jwks["keys"]] == app.state.himaya.auth.keys.kids
    for key in jwks["keys"]:
        assert set(key) == {"kty", "crv", "x", "kid", "use", "alg"}
        assert (key["kty"], key["crv"], key["alg"], key["use"]) == ("OKP", "Ed25519", "EdDSA", "sig")
        assert "d" not in key
