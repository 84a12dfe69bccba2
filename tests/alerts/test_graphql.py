"""The alert operations through the GraphQL schema, bad input, and the outbox backlog on /metrics."""

from __future__ import annotations

import httpx

from api.settings import Settings
from graph.db import Graph
from tests.alerts import repository as db
from tests.alerts.conftest import Network
from tests.alerts.support import refer
from tests.support.graphql import ok, run

REGISTER = """mutation($token: String!, $platform: DevicePlatform!, $locale: DeviceLocale!) {
  registerDevice(token: $token, platform: $platform, locale: $locale) { id platform locale } }"""
UNREGISTER = "mutation($token: String!) { unregisterDevice(token: $token) }"
ALERTS = """query($unread: Boolean, $first: Int) { alerts(unreadOnly: $unread, first: $first) {
  id kind title urgent subjectType subjectId acknowledgedAt deliveries { channel status } } }"""
ACK = "mutation($id: ID!) { acknowledgeAlert(id: $id) { id acknowledgedAt } }"


async def test_devices_alerts_and_acknowledgement(graph: Graph, settings: Settings, network: Network) -> None:
    data = await ok(graph, settings, REGISTER, {"token": "tok-1", "platform": "IOS", "locale": "en"},
                    scope=network.partner)
    assert data["registerDevice"]["platform"] == "IOS" and data["registerDevice"]["locale"] == "en"
    referral = await refer(graph, settings, network, urgency="URGENT")

    [alert] = (await ok(graph, settings, ALERTS, {"unread": True}, scope=network.partner))["alerts"]
    assert alert["kind"] == "REFERRAL_RECEIVED" and alert["title"] == "New referral" and alert["urgent"] is True
    assert alert["subjectId"] == referral.id and alert["acknowledgedAt"] is None
    assert alert["deliveries"] == [{"channel": "PUSH", "status": "PENDING"}]
    assert (await ok(graph, settings, ALERTS, {}, scope=network.worker))["alerts"] == []

    acked = await ok(graph, settings, ACK, {"id": alert["id"]}, scope=network.partner)
    assert acked["acknowledgeAlert"]["acknowledgedAt"] is not None
    assert (await ok(graph, settings, ALERTS, {"unread": True}, scope=network.partner))["alerts"] == []
    assert (await run(graph, settings, ACK, {"id": alert["id"]}, scope=network.worker)).codes == ["NOT_FOUND"]

    assert (await ok(graph, settings, UNREGISTER, {"token": "tok-1"}, scope=network.partner))["unregisterDevice"]
    assert await db.device_tokens(graph, str(network.partner.user_id)) == []


async def test_bad_input_is_refused_and_nothing_written(graph: Graph, settings: Settings, network: Network) -> None:
    for token in ["", " ", "a b", "x" * 4097]:
        result = await run(graph, settings, REGISTER, {"token": token, "platform": "ANDROID", "locale": "fr"},
                           scope=network.partner)
        assert result.codes == ["BAD_USER_INPUT"], token
    assert await db.device_tokens(graph, str(network.partner.user_id)) == []
    assert (await run(graph, settings, ACK, {"id": "not-an-id"}, scope=network.partner)).codes == ["BAD_USER_INPUT"]
    assert (await run(graph, settings, ALERTS, {"first": 1000}, scope=network.partner)).codes == ["BAD_USER_INPUT"]
    assert (await run(graph, settings, ALERTS, {})).codes == ["UNAUTHENTICATED"]
    assert (await run(graph, settings, "{ deadLetters { id } }", scope=network.partner)).codes == ["FORBIDDEN"]


async def test_a_token_another_account_holds_is_refused_and_not_moved(
        graph: Graph, settings: Settings, network: Network) -> None:
    await ok(graph, settings, REGISTER, {"token": "shared", "platform": "ANDROID", "locale": "fr"},
             scope=network.partner)
    await refer(graph, settings, network)
    taken = await run(graph, settings, REGISTER, {"token": "shared", "platform": "ANDROID", "locale": "ar"},
                      scope=network.worker)
    assert taken.codes == ["CONFLICT"]
    assert await db.device_tokens(graph, str(network.partner.user_id)) == ["shared"]
    assert await db.device_tokens(graph, str(network.worker.user_id)) == []
    assert [d["status"] for d in await db.deliveries(graph) if d["channel"] == "PUSH"] == ["PENDING"]


async def test_metrics_show_the_outbox_backlog(client: httpx.AsyncClient, graph: Graph, settings: Settings,
                                               network: Network) -> None:
    await db.add_devices(graph, str(network.partner.user_id), ["m-1", "m-2"])
    await refer(graph, settings, network)
    response = await client.get("/metrics")
    assert "himaya_alert_outbox_backlog 2.0" in response.text
