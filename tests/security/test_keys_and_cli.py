"""Signing keys on disk and in settings, rotation, and the `himaya user` commands."""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from click.testing import CliRunner, Result
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import SecretStr

from api.auth.keys import KeyDirectory, KeyMaterialError, private_key_pem, ring_from_pem
from api.cli import main
from api.settings import Settings, get_settings
from graph.db import Graph
from tests.security import repository as security_repo
from tests.security.conftest import (
    ME,
    ORG_CODE,
    MakeAccount,
    add_scope_probe,
    assert_unauthenticated,
    bearer,
    login,
    tokens_of,
)


async def test_generated_keys_are_private_files(client_with: Any, tmp_path: Path, make_account: MakeAccount) -> None:
    who = await make_account()
    async with client_with(state_dir=tmp_path) as (app, http):
        assert (await login(http, who.username, who.password)).status_code == 200
        assert app.state.himaya.auth.keys.active.kid in (await http.get("/.well-known/jwks.json")).text
    key_dir = tmp_path / "keys"
    files = list(key_dir.glob("jwt-ed25519-*.pem"))
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(key_dir.stat().st_mode) == 0o700


async def test_rotation_keeps_tokens_of_the_old_key_valid(client_with: Any, tmp_path: Path,
                                                          make_account: MakeAccount) -> None:
    who = await make_account()
    async with client_with(state_dir=tmp_path) as (app, http):
        old_kid = app.state.himaya.auth.keys.active.kid
        old_tokens = await tokens_of(http, who)
    KeyDirectory(tmp_path / "keys", retention_seconds=3600).rotate()
    async with client_with(state_dir=tmp_path) as (app, http):
        new_kid = app.state.himaya.auth.keys.active.kid
        assert new_kid != old_kid
        published = [key["kid"] for key in (await http.get("/.well-known/jwks.json")).json()["keys"]]
        assert published == [new_kid, old_kid]
        assert (await http.get(ME, headers=bearer(old_tokens["access_token"]))).json()["user_id"] == who.id
        refreshed = await http.post("/auth/refresh", json={"refresh_token": old_tokens["refresh_token"]})
        assert refreshed.status_code == 200
        assert jwt.get_unverified_header(refreshed.json()["access_token"])["kid"] == new_kid


def test_retired_keys_are_dropped_after_the_retention(tmp_path: Path) -> None:
    directory = KeyDirectory(tmp_path / "keys", retention_seconds=0)
    first = directory.load_or_create()
    second = directory.rotate()
    assert second.kids == [second.active.kid]
    assert first.active.kid not in second.kids
    assert len(list((tmp_path / "keys").glob("*.pem"))) == 1


async def test_keys_from_settings_sign_with_the_first_and_verify_with_all(client_with: Any,
                                                                          make_account: MakeAccount) -> None:
    who = await make_account()
    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    async with client_with(jwt_private_keys=SecretStr(private_key_pem(old).decode())) as (_, http):
        old_tokens = await tokens_of(http, who)
    bundle = private_key_pem(new).decode() + private_key_pem(old).decode()
    async with client_with(jwt_private_keys=SecretStr(bundle)) as (app, http):
        assert app.state.himaya.auth.keys.active.kid == ring_from_pem(private_key_pem(new).decode()).active.kid
        assert (await http.get(ME, headers=bearer(old_tokens["access_token"]))).status_code == 200
    async with client_with(jwt_private_keys=SecretStr(private_key_pem(new).decode())) as (_, http):
        assert_unauthenticated(await http.get(ME, headers=bearer(old_tokens["access_token"])))


def test_keys_that_are_not_ed25519_are_refused() -> None:
    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    with pytest.raises(KeyMaterialError):
        ring_from_pem(pem)
    with pytest.raises(KeyMaterialError):
        ring_from_pem("not a key")


@pytest.fixture
def cli_env(settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    assert settings.neo4j_uri and settings.neo4j_password
    monkeypatch.setenv("HIMAYA_ENVIRONMENT", "test")
    monkeypatch.setenv("HIMAYA_NEO4J_URI", settings.neo4j_uri)
    monkeypatch.setenv("HIMAYA_NEO4J_PASSWORD", settings.neo4j_password.get_secret_value())
    monkeypatch.setenv("HIMAYA_STATE_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


async def _cli(args: list[str], stdin: str) -> Result:
    return await asyncio.to_thread(CliRunner().invoke, main, args, input=stdin)


async def test_cli_adds_a_coordinator_with_totp_reading_the_password_from_stdin(
        cli_env: Any, graph: Graph, org_id: str, client: httpx.AsyncClient) -> None:
    password = "a long coordinator passphrase"
    result = await _cli(["user", "add", "Nadia.Coord", "--role", "COORDINATOR", "--organization", ORG_CODE],
                        password + "\n")
    assert result.exit_code == 0, result.output
    assert password not in result.output
    assert "otpauth://totp/Himaya:nadia.coord?secret=" in result.output
    node = await security_repo.user_node(graph, "nadia.coord")
    assert node is not None and node["role"] == "COORDINATOR" and node["totpSecretSealed"]
    assert "totpSecret" not in node  # the seed is stored only sealed
    assert node["passwordHash"].startswith("$argon2id$")


async def test_cli_refuses_weak_passwords_unknown_orgs_and_duplicates(cli_env: Any, graph: Graph,
                                                                      org_id: str) -> None:
    weak = await _cli(["user", "add", "omar", "--role", "CASE_WORKER", "--organization", ORG_CODE], "short\n")
    assert weak.exit_code == 1 and "at least 12" in weak.output
    unknown = await _cli(["user", "add", "omar", "--role", "CASE_WORKER", "--organization", "NOPE"],
                         "long enough password\n")
    assert unknown.exit_code == 1 and "Unknown organization" in unknown.output
    assert await security_repo.user_node(graph, "omar") is None
    ok = await _cli(["user", "add", "omar", "--role", "CASE_WORKER", "--organization", ORG_CODE],
                    "long enough password\n")
    assert ok.exit_code == 0 and "otpauth" not in ok.output
    again = await _cli(["user", "add", "OMAR", "--role", "ANALYST", "--organization", ORG_CODE],
                       "another long password\n")
    assert again.exit_code == 1
    node = await security_repo.user_node(graph, "omar")
    assert node is not None and node["role"] == "CASE_WORKER"


async def test_cli_disable_ends_sessions(cli_env: Any, client: httpx.AsyncClient, make_account: MakeAccount,
                                         app: Any) -> None:
    add_scope_probe(app)
    who = await make_account()
    tokens = await tokens_of(client, who)
    result = await _cli(["user", "disable", who.username], "")
    assert result.exit_code == 0, result.output
    assert "1 session(s) ended" in result.output
    assert_unauthenticated(await client.get(ME, headers=bearer(tokens["access_token"])))
    missing = await _cli(["user", "disable", "nobody.here"], "")
    assert missing.exit_code == 1
