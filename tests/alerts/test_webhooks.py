"""Signed webhooks to partner organisations, and the refusal of internal targets (SSRF)."""

from __future__ import annotations

import ipaddress
import json
from typing import Any

import pytest

from api.alerts import rules as alert_rules
from api.alerts.dispatcher import Sender, dispatch_once
from api.alerts.push import InboxPushSender
from api.alerts.webhooks import SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookSender, refusal, verify
from api.errors import BadInput, Forbidden, NotFound
from api.settings import Settings
from graph.db import Graph
from tests.alerts import repository as db
from tests.alerts.conftest import Network
from tests.alerts.standin import StandIn
from tests.alerts.support import refer
from tests.alerts.tls_standin import TlsReceiver, make_authority

REFUSED = ["https://127.0.0.1/hook", "https://[::1]/hook", "https://169.254.169.254/latest/meta-data/",
           "https://10.0.0.5/hook", "https://2130706433/", "https://0x7f.1/", "https://0177.0.0.1/",
           "https://localhost/hook", "https://[::ffff:127.0.0.1]/", "https://224.0.0.1/", "https://0.0.0.0/",
           "https://user:pass@example.org/", "ftp://example.org/", "not a url", ""]


def webhook_sender(settings: Settings) -> Sender:
    return Sender(push=InboxPushSender(), webhooks=WebhookSender(settings))


async def test_signed_webhook_reaches_the_receiving_organisation(
        graph: Graph, settings: Settings, alert_settings: Settings, network: Network, standin: StandIn) -> None:
    registration = await alert_rules.set_webhook(graph, alert_settings, network.partner, "PROVIDER-NGO",
                                                 standin.base_url + "/hook")
    secret = registration["secret"]
    assert registration["replayWindowSeconds"] == 300
    await refer(graph, settings, network)
    sender = webhook_sender(alert_settings)
    try:
        assert (await dispatch_once(graph, sender, "d", 10)).sent == 1
    finally:
        await sender.aclose()

    [hook] = standin.hooks
    headers = {k.lower(): v for k, v in hook["headers"].items()}
    assert verify(secret, headers[TIMESTAMP_HEADER.lower()], hook["body"], headers[SIGNATURE_HEADER.lower()])
    assert not verify("whsec_wrong", headers[TIMESTAMP_HEADER.lower()], hook["body"],
                      headers[SIGNATURE_HEADER.lower()])
    assert not verify(secret, str(int(headers[TIMESTAMP_HEADER.lower()]) - 301), hook["body"],
                      headers[SIGNATURE_HEADER.lower()])
    body = json.loads(hook["body"])
    [alert] = await db.alerts(graph)
    assert body["alertId"] == alert["id"] and body["kind"] == "REFERRAL_RECEIVED"
    assert set(body) == {"schemaVersion", "alertId", "deliveryId", "kind", "urgent", "createdAt", "subject"}

    rotated = await alert_rules.rotate_webhook_secret(graph, alert_settings, network.partner, "PROVIDER-NGO")
    assert rotated["secret"] != secret


@pytest.mark.parametrize("url", REFUSED)
async def test_internal_and_malformed_targets_are_refused_at_registration(
        graph: Graph, settings: Settings, network: Network, url: str) -> None:
    with pytest.raises(BadInput):
        await alert_rules.set_webhook(graph, settings, network.partner, "PROVIDER-NGO", url)
    await refer(graph, settings, network)
    assert [d for d in await db.deliveries(graph) if d["channel"] == "WEBHOOK"] == []


async def test_http_is_refused_outside_development(graph: Graph, settings: Settings, network: Network) -> None:
    with pytest.raises(BadInput) as refused:
        await alert_rules.set_webhook(graph, settings, network.partner, "PROVIDER-NGO", "http://example.org/hook")
    assert refused.value.message_key == "alerts.webhook_https_required"


async def test_webhook_rights(graph: Graph, alert_settings: Settings, network: Network, standin: StandIn) -> None:
    with pytest.raises(Forbidden):
        await alert_rules.set_webhook(graph, alert_settings, network.worker, "SENDER-NGO", standin.base_url)
    with pytest.raises(NotFound):  # another organisation's endpoint
        await alert_rules.set_webhook(graph, alert_settings, network.partner, "SENDER-NGO", standin.base_url)
    with pytest.raises(NotFound):
        await alert_rules.rotate_webhook_secret(graph, alert_settings, network.partner, "PROVIDER-NGO")


async def test_redirects_are_not_followed(
        graph: Graph, settings: Settings, alert_settings: Settings, network: Network, standin: StandIn) -> None:
    await alert_rules.set_webhook(graph, alert_settings, network.partner, "PROVIDER-NGO",
                                  standin.base_url + "/redirect")
    await refer(graph, settings, network)
    sender = webhook_sender(alert_settings)
    try:
        report = await dispatch_once(graph, sender, "d", 10)
    finally:
        await sender.aclose()
    assert (report.sent, report.retried) == (0, 1)
    assert standin.hooks == []
    [delivery] = await db.deliveries(graph)
    assert "302" in delivery["lastError"]


async def _dispatch(graph: Graph, sender: Sender) -> Any:
    try:
        return await dispatch_once(graph, sender, "d", 10)
    finally:
        await sender.aclose()


async def test_https_delivery_names_the_host_and_goes_to_the_checked_address(
        graph: Graph, settings: Settings, alert_settings: Settings, network: Network) -> None:
    """TLS to the registered host name (SNI, certificate checked against it), sent to the address resolved."""
    authority = make_authority(["localhost"])
    with TlsReceiver(authority) as received:
        url = f"https://localhost:{received.port}/hook"
        registration = await alert_rules.set_webhook(graph, alert_settings, network.partner, "PROVIDER-NGO", url)
        await refer(graph, settings, network)
        report = await _dispatch(graph, Sender(push=InboxPushSender(),
                                               webhooks=WebhookSender(alert_settings, trust=authority.client_trust())))
    assert report.sent == 1
    assert received.server_names == ["localhost"]
    [hook] = received.hooks
    headers = {k.lower(): v for k, v in hook["headers"].items()}
    assert hook["path"] == "/hook" and hook["peer"] == "127.0.0.1"
    assert headers["host"] == f"localhost:{received.port}"
    assert verify(registration["secret"], headers[TIMESTAMP_HEADER.lower()], hook["body"],
                  headers[SIGNATURE_HEADER.lower()])


async def test_https_to_a_certificate_for_another_name_delivers_nothing(
        graph: Graph, settings: Settings, alert_settings: Settings, network: Network) -> None:
    authority = make_authority(["partner.example.org"])
    with TlsReceiver(authority) as received:
        await alert_rules.set_webhook(graph, alert_settings, network.partner, "PROVIDER-NGO",
                                      f"https://localhost:{received.port}/hook")
        await refer(graph, settings, network)
        report = await _dispatch(graph, Sender(push=InboxPushSender(),
                                               webhooks=WebhookSender(alert_settings, trust=authority.client_trust())))
    assert (report.sent, report.retried) == (0, 1)
    assert received.hooks == []
    [delivery] = await db.deliveries(graph)
    assert delivery["lastError"] == "ConnectError"


async def test_targets_are_checked_again_at_send_time(
        graph: Graph, settings: Settings, alert_settings: Settings, network: Network) -> None:
    """An https target accepted at registration whose host now resolves inside is refused by its address."""
    authority = make_authority(["localhost"])
    with TlsReceiver(authority) as received:
        await alert_rules.set_webhook(graph, alert_settings, network.partner, "PROVIDER-NGO",
                                      f"https://localhost:{received.port}/hook")
        await refer(graph, settings, network)
        # Loopback no longer allowed: as if the name's DNS answer now pointed inside the network.
        report = await _dispatch(graph, Sender(push=InboxPushSender(),
                                               webhooks=WebhookSender(settings, trust=authority.client_trust())))
    assert report.dead == 1
    assert received.hooks == [] and received.server_names == []
    [delivery] = await db.deliveries(graph)
    assert delivery["lastError"] == "target-refused:loopback"


def test_address_rules() -> None:
    def refused(text: str) -> str | None:
        return refusal(ipaddress.ip_address(text), allow_loopback=False)

    assert refused("93.184.216.34") is None
    for address in ("127.0.0.1", "::1", "169.254.169.254", "10.0.0.5", "192.168.1.1", "172.16.0.1", "100.64.0.1",
                    "::ffff:127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::", "fd00:ec2::254", "fe80::1", "ff02::1",
                    "0.0.0.0", "240.0.0.1", "255.255.255.255"):  # noqa: S104
        assert refused(address) is not None, address
    assert refusal(ipaddress.ip_address("127.0.0.1"), allow_loopback=True) is None
    assert refusal(ipaddress.ip_address("10.0.0.5"), allow_loopback=True) == "private"
