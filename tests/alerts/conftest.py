"""Fixtures for alert tests: the Google/FCM stand-in, a service account pointing at it, and a small network."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from api.alerts.dispatcher import Sender
from api.alerts.push import FcmPushSender
from api.alerts.webhooks import WebhookSender
from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from tests.alerts import repository as db
from tests.alerts.standin import Server, StandIn


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with Server(StandIn()) as state:
        yield state


@pytest.fixture
def service_account(standin: StandIn, tmp_path: Path) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    standin.public_key_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    path = tmp_path / "service-account.json"
    path.write_text(json.dumps({
        "type": "service_account", "project_id": "himaya-test", "private_key_id": uuid.uuid4().hex,
        "private_key": pem, "client_email": "dispatcher@himaya-test.iam.gserviceaccount.com",
        "client_id": "1", "token_uri": standin.base_url + "/token"}))
    return path


@pytest.fixture
def alert_settings(settings: Settings, standin: StandIn, service_account: Path) -> Settings:
    return settings.model_copy(update={"firebase_credentials": service_account, "fcm_endpoint": standin.base_url,
                                       "webhook_allow_loopback_for_tests": True})


@pytest.fixture
async def sender(alert_settings: Settings) -> AsyncIterator[Sender]:
    assert alert_settings.firebase_credentials is not None
    built = Sender(push=FcmPushSender(alert_settings.firebase_credentials, alert_settings.fcm_endpoint),
                   webhooks=WebhookSender(alert_settings))
    yield built
    await built.aclose()


@dataclass
class Network:
    sender_org: str
    provider_org: str
    service: str
    worker: Scope
    partner: Scope
    other_partner: Scope
    coordinator: Scope


@pytest.fixture
async def network(graph: Graph) -> Network:
    sender_org = await db.create_organization(graph, "SENDER-NGO")
    provider_org = await db.create_organization(graph, "PROVIDER-NGO")
    authority = await db.create_organization(graph, "AUTHORITY", kind="NATIONAL_AUTHORITY")
    service = await db.create_service(graph, provider_org)
    worker = await db.create_user(graph, sender_org, "worker", "CASE_WORKER")
    partner = await db.create_user(graph, provider_org, "partner", "PARTNER_AGENT")
    other_partner = await db.create_user(graph, provider_org, "partner-2", "CASE_WORKER")
    coordinator = await db.create_user(graph, authority, "coordinator", "COORDINATOR")
    return Network(
        sender_org=sender_org, provider_org=provider_org, service=service,
        worker=Scope(user_id=worker, role=Role.CASE_WORKER, organization_id=sender_org),
        partner=Scope(user_id=partner, role=Role.PARTNER_AGENT, organization_id=provider_org),
        other_partner=Scope(user_id=other_partner, role=Role.CASE_WORKER, organization_id=provider_org),
        coordinator=Scope(user_id=coordinator, role=Role.COORDINATOR, organization_id=authority),
    )
