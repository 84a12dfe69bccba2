"""Typed settings, read from the environment with the ``HIMAYA_`` prefix."""

from __future__ import annotations

import ipaddress
import os
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from limits import parse as parse_rate_limit
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# The floor of HIMAYA_PUBLICATION_K (api/statistics/disclosure.py): below it, small groups of victims become
# recognisable.
MIN_K = 5
DEFAULT_K = 10

# Values that must never protect real data: placeholders people copy from examples.
_KNOWN_WEAK_SECRETS = frozenset(
    {"", "changeme", "change-me", "secret", "password", "neo4j", "himaya", "dev", "development", "test"}
)
_MIN_SECRET_LENGTH = 32


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    """Every knob of the service. Secrets are ``SecretStr`` so they never print."""

    model_config = SettingsConfigDict(env_prefix="HIMAYA_", env_file=None, extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    state_dir: Path = Field(default=PROJECT_ROOT / ".himaya", description="Local state: Neo4j, keys, demo accounts")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1, le=64,
                         description="API worker processes `himaya serve` starts (default: the number of cores)")
    worker_healthcheck_seconds: int = Field(default=60, ge=5, le=900, description=(
        "How long uvicorn's supervisor waits for a worker's answer before it kills and restarts it (a worker "
        "still importing the app on a busy host answers late)"))
    startup_maintenance: bool = Field(default=True, description=(
        "This process migrates the schema and seals legacy plaintext when it starts. `himaya serve` with several "
        "workers does it once before starting them and turns it off in the workers (they wait for it instead)"))
    public_base_url: str = "http://127.0.0.1:8000"

    # Neo4j. When ``neo4j_uri`` is set, Himaya uses that database and starts nothing locally.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"
    neo4j_bolt_port: int = Field(default=7687, ge=1, le=65535)
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    neo4j_pool_size: int = Field(default=50, ge=1, le=500)
    neo4j_connect_retry_seconds: float = Field(default=60.0, ge=0)

    # Secret used to derive development-only material; production needs every secret set explicitly.
    secret_key: SecretStr | None = None

    # Sign-in. Ed25519 private keys as PEM (PKCS#8), the first one signs; the others stay valid for
    # verification until their tokens have expired (rotation). Unset: generated under <state_dir>/keys/.
    jwt_private_keys: SecretStr | None = None
    jwt_issuer: str = "himaya"
    jwt_audience: str = "himaya-api"
    access_token_ttl_seconds: int = Field(default=900, ge=30, le=900)
    refresh_token_ttl_seconds: int = Field(default=7 * 24 * 3600, ge=900, le=90 * 24 * 3600)
    jwt_leeway_seconds: int = Field(default=10, ge=0, le=60)
    session_check_cache_seconds: float = Field(
        default=5.0, ge=0, le=60, description="How long a live session check is remembered in process (0: never); "
                                              "the longest a revocation made in another process takes to be seen")
    login_max_failures: int = Field(default=5, ge=1, le=100, description="Failures per account before a lock")
    login_max_failures_per_address: int = Field(default=30, ge=1, le=10_000)
    login_failure_window_seconds: int = Field(default=900, ge=1)
    login_lock_seconds: int = Field(default=900, ge=1, description="First lock of an account from one address; "
                                                                    "doubles with each further failure")
    login_max_lock_seconds: int = Field(default=24 * 3600, ge=1)
    password_change_max_failures: int = Field(default=5, ge=1, le=100,
                                              description="Wrong current passwords per account before a lock")
    argon2_max_concurrency: int = Field(default=4, ge=1, le=64,
                                        description="Password and receipt hashes computed at once per process")
    argon2_queue_seconds: float = Field(default=5.0, gt=0, le=60,
                                        description="How long a request waits for a hashing slot before a 503")

    # Client addresses. Only a peer in these networks (the reverse proxies) is believed about the client's
    # address, read from ``client_address_header``; anyone else's header is ignored.
    trusted_proxies: list[str] = Field(default_factory=list, description="CIDR networks of the reverse proxies")
    client_address_header: str = Field(default="x-forwarded-for", min_length=1, max_length=64)
    # /metrics: in production, only loopback peers or a bearer token (from the monitoring network's scraper).
    metrics_token: SecretStr | None = None

    # Audit anchoring (api/audit/anchor.py): signed checkpoints of the chain head, kept outside Neo4j.
    audit_anchor_key: SecretStr | None = Field(default=None, description="Ed25519 private key, PEM (PKCS#8)")
    audit_checkpoint_file: Path | None = Field(default=None, description="Default <state_dir>/audit/checkpoints.jsonl")
    audit_checkpoint_seconds: float = Field(default=300.0, ge=1, le=24 * 3600)
    audit_refusals_flush_seconds: float = Field(default=60.0, ge=1, le=3600,
                                                description="How often anonymous refusals are written, counted")

    identity_retention_days: int = Field(default=3650, ge=1,
                                         description="Days after a victim's last case closes before `himaya purge` "
                                                     "erases their identity")
    # Retention of the other personal data (issue 13), each with its period; the worker purges daily.
    report_narrative_retention_days: int = Field(default=3650, ge=1, description="Days after a report is closed "
                                                 "or transmitted before its narrative is erased")
    reporter_contact_retention_days: int = Field(default=730, ge=1, description="Days after a report is closed or "
                                                 "transmitted before the reporter's contact is erased")
    message_retention_days: int = Field(default=730, ge=1, description="Days after which reporter messages go")
    idempotency_answer_retention_days: int = Field(default=7, ge=1, description="Days after which stored "
                                                   "idempotent answers go (expired ones go sooner)")
    purge_interval_hours: float = Field(default=24.0, gt=0, le=24 * 7, description="How often the worker purges")
    # Accounts created through the API get a one-time enrolment link (only its hash is stored).
    enrolment_link_hours: int = Field(default=72, ge=1, le=24 * 14, description="Hours an enrolment link is valid")
    transmission_deadline_days: int = Field(default=15, ge=1, le=365,
                                            description="Days from qualification to transmission to a court")

    # Flood control of anonymous intake (limits' notation, e.g. "5/10 minutes"): per client and overall.
    public_intake_per_client: str = Field(default="5/10 minutes", min_length=3, max_length=40)
    # Deprecated and ignored: one bucket shared by every client let ~25 addresses shut the channel for everyone.
    # The cost of intake is bounded by ``argon2_max_concurrency`` instead.
    public_intake_overall: str = Field(default="120/minute", min_length=3, max_length=40)

    # Alerts to partners (api/alerts). Without Firebase credentials, push alerts go to a development inbox.
    firebase_credentials: Path | None = Field(default=None, description="Service-account JSON for FCM")
    fcm_endpoint: str = Field(default="https://fcm.googleapis.com", description="Base URL of the FCM v1 API")
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    webhook_replay_window_seconds: int = Field(default=300, ge=30, le=3600,
                                               description="Receivers reject signatures older than this")
    webhook_allow_loopback_for_tests: bool = Field(default=False, description="Honoured only when environment=test")
    alert_max_attempts: int = Field(default=8, ge=1, le=50, description="Failed attempts before a delivery is dead")
    alert_retry_base_seconds: float = Field(default=5.0, gt=0, le=3600)
    alert_retry_max_seconds: float = Field(default=3600.0, gt=0)
    alert_lease_seconds: int = Field(default=60, ge=5, le=3600)
    alert_batch_size: int = Field(default=200, ge=1, le=500)
    alert_poll_seconds: float = Field(default=2.0, gt=0, le=300)
    referral_unanswered_minutes: int = Field(default=24 * 60, ge=1, description="Pending referral escalation")
    urgent_alert_escalation_minutes: int = Field(default=30, ge=1, description="Unacknowledged urgent alerts")
    capacity_low_threshold: int = Field(default=1, ge=0, description="Capacity at/below which coordinators hear")
    protection_review_notice_days: int = Field(default=7, ge=0, le=90,
                                               description="Days before a protection measure's review it is alerted")
    network_recompute_minutes: int = Field(default=15, ge=1, le=24 * 60,
                                           description="How often the worker recomputes suspected networks")

    # Statistics and exports (api/statistics, api/exports): the publication resolution k of the disclosure control.
    publication_k: int = Field(default=DEFAULT_K, ge=MIN_K, le=1000,
                               description="Counts below k are withheld, the rest rounded down to a multiple of k")
    export_ttl_hours: int = Field(default=24, ge=1, le=24 * 30, description="Hours an export file stays downloadable")
    export_poll_seconds: float = Field(default=2.0, gt=0, le=300)

    cors_origins: list[str] = Field(default_factory=list)
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    log_json: bool | None = None

    # Mobile contracts and offline work (api/contracts, api/idempotency).
    persisted_operations_required: bool | None = Field(
        default=None, description="Mobile clients may send only persisted operation ids (default: production)")
    idempotency_ttl_seconds: int = Field(default=24 * 3600, ge=60, le=7 * 24 * 3600)
    idempotency_wait_seconds: float = Field(default=10.0, gt=0, le=60,
                                            description="How long a retry waits for the first attempt's answer")

    @property
    def is_production(self) -> bool:
        return self.environment is Environment.PRODUCTION

    @property
    def uses_local_neo4j(self) -> bool:
        return self.neo4j_uri is None

    @property
    def neo4j_home(self) -> Path:
        return self.state_dir / "neo4j"

    @property
    def effective_neo4j_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.neo4j_bolt_port}"

    @property
    def webhook_loopback_allowed(self) -> bool:
        """Loopback webhook targets, for tests against a local receiver only."""
        return self.webhook_allow_loopback_for_tests and self.environment is Environment.TEST

    @property
    def enforces_persisted_operations(self) -> bool:
        """Whether mobile clients are held to persisted operations (production unless configured)."""
        if self.persisted_operations_required is not None:
            return self.persisted_operations_required
        return self.is_production

    @property
    def logs_as_json(self) -> bool:
        return self.log_json if self.log_json is not None else self.is_production

    @field_validator("public_intake_per_client", "public_intake_overall")
    @classmethod
    def _rate_limit_notation(cls, value: str) -> str:
        try:
            parse_rate_limit(value)
        except ValueError as exc:
            raise ValueError(f"not a rate limit such as '5/10 minutes': {value!r}") from exc
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for network in value:
            try:
                ipaddress.ip_network(network, strict=False)
            except ValueError as exc:
                raise ValueError(f"not a network such as 10.0.0.0/8: {network!r}") from exc
        return value

    @model_validator(mode="after")
    def _refuse_weak_secrets_outside_development(self) -> Settings:
        if self.environment is Environment.DEVELOPMENT or self.environment is Environment.TEST:
            return self
        problems: list[str] = []
        if self.secret_key is None or _is_weak(self.secret_key.get_secret_value()):
            problems.append(f"HIMAYA_SECRET_KEY must be set to a random value of at least {_MIN_SECRET_LENGTH} chars")
        if self.neo4j_uri is not None and (
            self.neo4j_password is None or self.neo4j_password.get_secret_value().lower() in _KNOWN_WEAK_SECRETS
        ):
            problems.append("HIMAYA_NEO4J_PASSWORD must be set to a non-default password")
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _is_weak(value: str) -> bool:
    return value.lower() in _KNOWN_WEAK_SECRETS or len(value) < _MIN_SECRET_LENGTH


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings of this process, read once."""
    return Settings()
