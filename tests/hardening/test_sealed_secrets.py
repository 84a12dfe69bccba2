"""TOTP seeds, webhook secrets, device tokens, referral and protection-measure notes and case reasons are stored
only sealed."""

from __future__ import annotations

import time

import httpx
import pytest

from api.alerts import rules as alert_rules
from api.alerts.dispatcher import Sender, dispatch_once
from api.alerts.webhooks import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from api.auth import totp
from api.errors import Conflict
from api.graphql.relay import from_global_id
from api.protection import protection_for
from api.settings import Settings
from graph.access.scope import Role
from graph.db import Graph
from graph.protected.maintenance import rotate_kek, seal_legacy_plaintext
from tests.alerts.conftest import Network, alert_settings, network, sender, service_account, standin
from tests.alerts.standin import StandIn
from tests.alerts.support import NOTE, open_case, refer
from tests.hardening import repository as store
from tests.security.conftest import MakeAccount, login
from tests.support.graphql import ok

__all__ = ["alert_settings", "network", "sender", "service_account", "standin"]

CLOSE = """mutation($input: ChangeCaseStatusInput!) { changeCaseStatus(input: $input) { status closeReason } }"""
REFERRAL = "query($id: ID!) { node(id: $id) { ... on Referral { note } } }"
REASON = "Victim moved in with her aunt Fatma Ben Salah in Sfax"
TOKEN = "fcm-device-token-" + "x" * 40


async def test_a_totp_seed_is_stored_only_sealed(graph: Graph, make_account: MakeAccount,
                                                 client: httpx.AsyncClient) -> None:
    coordinator = await make_account("salma.coordinator", Role.COORDINATOR)
    assert coordinator.totp_secret
    assert coordinator.totp_secret not in await store.every_value(graph)
    signed_in = await login(client, coordinator.username, coordinator.password,
                            otp=totp.code_at(coordinator.totp_secret, time.time()))
    assert signed_in.status_code == 200


async def test_a_webhook_secret_is_stored_only_sealed_and_still_signs(
        graph: Graph, alert_settings: Settings, network: Network, standin: StandIn, sender: Sender) -> None:
    registration = await alert_rules.set_webhook(graph, alert_settings, network.partner, "PROVIDER-NGO",
                                                 standin.base_url + "/hook")
    assert registration["secret"] not in await store.every_value(graph)
    rotated = await alert_rules.rotate_webhook_secret(graph, alert_settings, network.partner, "PROVIDER-NGO")
    assert rotated["secret"] not in await store.every_value(graph)
    await refer(graph, alert_settings, network)
    report = await dispatch_once(graph, sender, "test", 10, sealer=protection_for(alert_settings.state_dir).sealer)
    assert report.sent >= 1
    [hook] = standin.hooks
    headers = {k.lower(): v for k, v in hook["headers"].items()}
    assert verify(rotated["secret"], headers[TIMESTAMP_HEADER.lower()], hook["body"],
                  headers[SIGNATURE_HEADER.lower()])


async def test_a_device_token_is_stored_only_sealed_and_not_moved_to_another_account(
        graph: Graph, settings: Settings, network: Network) -> None:
    device = await alert_rules.register_device(graph, network.partner, TOKEN, "ANDROID", "fr")
    assert TOKEN not in await store.every_value(graph)
    with pytest.raises(Conflict):
        await alert_rules.register_device(graph, network.worker, TOKEN, "IOS", "ar")
    again = await alert_rules.register_device(graph, network.partner, TOKEN, "ANDROID", "ar")
    assert again["id"] == device["id"]  # still the partner's
    assert await alert_rules.unregister_device(graph, network.worker, TOKEN) is False
    assert await alert_rules.unregister_device(graph, network.partner, TOKEN) is True


async def test_a_user_keeps_at_most_ten_devices(graph: Graph, settings: Settings, network: Network) -> None:
    for n in range(14):
        await alert_rules.register_device(graph, network.worker, f"{TOKEN}-{n}", "ANDROID", "fr")
    kept = [n for n in range(14) if await alert_rules.unregister_device(graph, network.worker, f"{TOKEN}-{n}")]
    assert kept == list(range(4, 14))


async def test_a_referral_note_and_a_close_reason_are_stored_only_sealed(
        graph: Graph, settings: Settings, network: Network) -> None:
    referral = await refer(graph, settings, network)
    closed = await ok(graph, settings, CLOSE, {"input": {"caseId": referral.case_id, "status": "CLOSED",
                                                         "reason": REASON}}, scope=network.worker)
    assert closed["changeCaseStatus"] == {"status": "CLOSED", "closeReason": REASON}
    stored = await store.every_value(graph)
    assert NOTE not in stored
    assert REASON not in stored
    read = await ok(graph, settings, REFERRAL, {"id": referral.id}, scope=network.worker)
    assert read["node"]["note"] == NOTE


async def test_key_rotation_covers_every_sealed_secret(graph: Graph, settings: Settings, network: Network) -> None:
    await alert_rules.register_device(graph, network.partner, TOKEN, "ANDROID", "fr")
    referral = await refer(graph, settings, network)
    ring_path = settings.state_dir / "keys" / "kek.json"
    active, rewrapped = await rotate_kek(graph, ring_path)
    keks, keys = await store.kek_ids(graph)
    assert keks == [active]
    assert rewrapped == keys
    read = await ok(graph, settings, REFERRAL, {"id": referral.id}, scope=network.worker)
    assert read["node"]["note"] == NOTE


async def test_secrets_stored_in_clear_by_an_older_version_are_sealed(
        graph: Graph, settings: Settings, network: Network) -> None:
    referral = await refer(graph, settings, network)
    case = await open_case(graph, settings, network)
    legacy = {"userId": network.worker.user_id, "caseId": from_global_id(case[1])[1],
              "referralId": from_global_id(referral.id)[1], "orgCode": "PROVIDER-NGO",
              "totp": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "reason": REASON, "note": "legacy note about Amel",
              "webhookSecret": "whsec_legacy_secret_value", "token": TOKEN,
              "measureNote": "legacy relocation to Tozeur"}
    await store.write_legacy_secrets(graph, legacy)
    sealer = protection_for(settings.state_dir).sealer
    sealed = await seal_legacy_plaintext(graph, sealer)
    # "note": the referral's and the protection measure's
    assert sealed == {"totpSecret": 1, "secret": 1, "token": 1, "note": 2, "closeReason": 1, "statusReason": 0}
    stored = await store.every_value(graph)
    for value in ("JBSWY3DPEHPK3PXP", REASON, "legacy note about Amel", "whsec_legacy_secret_value", TOKEN,
                  "legacy relocation to Tozeur"):
        assert value not in stored
    read = await ok(graph, settings, REFERRAL, {"id": referral.id}, scope=network.worker)
    assert read["node"]["note"] == "legacy note about Amel"
    # The sealed device token is found again by its keyed hash.
    assert await alert_rules.unregister_device(graph, network.worker, TOKEN) is True
    assert await seal_legacy_plaintext(graph, sealer) == dict.fromkeys(sealed, 0)
