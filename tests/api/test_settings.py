"""Settings refuse missing or placeholder secrets outside development."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from api.settings import Environment, Settings


def test_production_refuses_a_missing_secret_key() -> None:
    with pytest.raises(ValidationError, match="HIMAYA_SECRET_KEY must be set"):
        Settings(environment=Environment.PRODUCTION)


@pytest.mark.parametrize("weak", ["changeme", "secret", "password", "short-but-random-x"])
def test_production_refuses_a_default_or_short_secret_key(weak: str) -> None:
    with pytest.raises(ValidationError, match="HIMAYA_SECRET_KEY"):
        Settings(environment=Environment.PRODUCTION, secret_key=weak)  # type: ignore[arg-type]


def test_production_refuses_a_default_neo4j_password_for_an_external_database() -> None:
    with pytest.raises(ValidationError, match="HIMAYA_NEO4J_PASSWORD"):
        Settings(environment=Environment.PRODUCTION, secret_key="x" * 40, neo4j_uri="neo4j+s://db.example",  # type: ignore[arg-type]
                 neo4j_password="neo4j")  # type: ignore[arg-type]


def test_production_accepts_strong_secrets_and_never_prints_them() -> None:
    settings = Settings(environment=Environment.PRODUCTION, secret_key="k" * 48)  # type: ignore[arg-type]
    assert settings.is_production
    assert "kkkk" not in repr(settings)


def test_development_needs_no_secret() -> None:
    assert Settings(environment=Environment.DEVELOPMENT).secret_key is None


def test_environment_variables_use_the_himaya_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIMAYA_PORT", "9001")
    monkeypatch.setenv("HIMAYA_NEO4J_URI", "neo4j://cluster.example:7687")
    settings = Settings()
    assert settings.port == 9001
    assert settings.effective_neo4j_uri == "neo4j://cluster.example:7687"
    assert not settings.uses_local_neo4j
