"""The outbox and its dispatcher, end to end through firebase-admin and a local stand-in for Google's endpoints."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections.abc import Sequence
from typing import Any

import jsonschema
import pytest

from api.alerts import rules as alert_rules
from api.alerts.dispatcher import RetryPolicy, Sender, dispatch_once, escalate_once, run_worker
from api.alerts.payloads import PUSH_KEYS
from api.alerts.push import InboxPushSender, PushResult
from api.alerts.webhooks import WebhookSender
from api.errors import Conflict, Forbidden
from api.graphql.relay import from_global_id, to_global_id
from api.settings import Settings
from graph.alerts import repository as outbox
from graph.db import Graph
from graph.referrals import repository as referrals_repo
from tests.alerts import repository as db
from tests.alerts.conftest import Network
from tests.alerts.standin import StandIn
from tests.alerts.support import CREATE_REFERRAL, PUSH_SCHEMA_PATH, assert_clean_push, open_case, push_schema, refer
from tests.support.consent import consent_to_refer
from tests.support.graphql import run

TOKEN = "partner-device-token-0001"
LEASE = RetryPolicy().lease_seconds


def later(seconds: float) -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(seconds=seconds)


async def register(graph: Graph, net: Network, token: str = TOKEN, locale: str = "fr") -> None:
    await alert_rules.register_device(graph, net.partner, token, "ANDROID", locale)


async def test_referral_alert_reaches_the_partners_device_with_only_allowed_keys(
        graph: Graph, settings: Settings, network: Network, sender: Sender, standin: StandIn) -> None:
    await register(graph, network, locale="ar")
    referral = await refer(graph, settings, network)

    [alert] = await db.alerts(graph)
    assert alert["kind"] == "REFERRAL_RECEIVED"
    assert alert["users"] == [network.partner.user_id]  # partner agents of the receiving organisation only
    report = await dispatch_once(graph, sender, "dispatcher-a", 10)
    assert (report.claimed, report.sent) == (1, 1)

    [message] = standin.messages
    assert message["token"] == TOKEN
    assert set(message["data"]) == PUSH_KEYS
    assert message["data"] == {"alertId": alert["id"], "kind": "REFERRAL_RECEIVED", "title": "إحالة جديدة",
                               "schemaVersion": "1"}
    assert_clean_push(message, referral)
    assert standin.token_requests == 1
    [delivery] = await db.deliveries(graph)
    assert delivery["status"] == "SENT" and delivery["attempts"] == 1
    assert (await dispatch_once(graph, sender, "dispatcher-a", 10)).claimed == 0


def test_example_payloads_match_the_schema() -> None:
    examples = sorted(PUSH_SCHEMA_PATH.parent.glob("example-*.json"))
    assert examples
    for path in examples:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), push_schema(),
                            format_checker=jsonschema.FormatChecker())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"alertId": "3f0b7c1e-5a2d-4c8e-9b61-2d7f4e8a9c10", "kind": "REFERRAL_RECEIVED",
                             "title": "x", "schemaVersion": "1", "victimAlias": "x"}, push_schema())


async def test_unavailable_then_ok_is_retried_and_sent_once(
        graph: Graph, settings: Settings, network: Network, sender: Sender, standin: StandIn) -> None:
    await register(graph, network)
    standin.script[TOKEN] = [503]
    await refer(graph, settings, network)

    first = await dispatch_once(graph, sender, "dispatcher-a", 10)
    assert (first.sent, first.retried) == (0, 1)
    [delivery] = await db.deliveries(graph)
    assert delivery["status"] == "PENDING" and delivery["attempts"] == 1
    assert "Unavailable" in delivery["lastError"] and TOKEN not in delivery["lastError"]
    assert (await dispatch_once(graph, sender, "dispatcher-a", 10)).claimed == 0  # backing off

    second = await dispatch_once(graph, sender, "dispatcher-a", 10, now=later(RetryPolicy().max_seconds))
    assert second.sent == 1
    assert [a["status"] for a in standin.attempts] == [503, 200]
    assert len(standin.messages) == 1
    [delivery] = await db.deliveries(graph)
    assert delivery["status"] == "SENT" and delivery["attempts"] == 2


async def test_quota_exceeded_backs_off_and_gives_up_after_max_attempts(
        graph: Graph, settings: Settings, network: Network, sender: Sender, standin: StandIn) -> None:
    await register(graph, network)
    standin.script[TOKEN] = [429, 429, 429]
    await refer(graph, settings, network)
    policy = RetryPolicy(max_attempts=2, base_seconds=1, max_seconds=2)
    await dispatch_once(graph, sender, "d", 10, policy=policy)
    report = await dispatch_once(graph, sender, "d", 10, policy=policy, now=later(10))
    assert report.dead == 1
    [delivery] = await db.deliveries(graph)
    assert delivery["status"] == "DEAD" and "QuotaExceeded" in delivery["lastError"]

    [dead] = await alert_rules.dead_letters(graph, network.coordinator, first=10)
    assert dead["alertId"] == delivery["alertId"] and dead["channel"] == "PUSH" and TOKEN not in str(dead)
    with pytest.raises(Forbidden):
        await alert_rules.dead_letters(graph, network.partner, first=10)


async def test_unregistered_token_is_removed(
        graph: Graph, settings: Settings, network: Network, sender: Sender, standin: StandIn) -> None:
    await register(graph, network)
    await register(graph, network, token="second-device")
    standin.unregistered.add(TOKEN)
    await refer(graph, settings, network)

    report = await dispatch_once(graph, sender, "dispatcher-a", 10)
    assert (report.sent, report.dead) == (1, 1)
    assert await db.device_tokens(graph, str(network.partner.user_id)) == ["second-device"]
    dead = [d for d in await db.deliveries(graph) if d["status"] == "DEAD"]
    assert len(dead) == 1 and TOKEN not in (dead[0]["lastError"] or "")


async def test_a_dispatcher_killed_before_sending_loses_no_alert(
        graph: Graph, settings: Settings, network: Network, sender: Sender, standin: StandIn) -> None:
    await register(graph, network)
    await refer(graph, settings, network)
    now = dt.datetime.now(dt.UTC)
    taken = await outbox.claim_due(graph, owner="crashed", now=now, lease_until=now + dt.timedelta(seconds=LEASE),
                                   batch=10)
    assert len(taken) == 1  # ...and the process dies here

    assert (await dispatch_once(graph, sender, "survivor", 10)).claimed == 0  # the lease still holds
    report = await dispatch_once(graph, sender, "survivor", 10, now=later(LEASE + 1))
    assert report.sent == 1
    assert len(standin.messages) == 1
    [delivery] = await db.deliveries(graph)
    assert delivery["status"] == "SENT" and delivery["leaseOwner"] is None


class CrashAfterSend:
    """Sends for real, then dies before the outcome is recorded."""

    def __init__(self, inner: Sender) -> None:
        self.inner = inner

    async def send(self, deliveries: Sequence[dict[str, Any]]) -> list[PushResult]:
        await self.inner.send(deliveries)
        raise RuntimeError("killed between send and record")


async def test_a_dispatcher_killed_after_sending_causes_a_repeat_with_the_same_alert_id(
        graph: Graph, settings: Settings, network: Network, sender: Sender, standin: StandIn) -> None:
    await register(graph, network)
    await refer(graph, settings, network)
    with pytest.raises(RuntimeError):
        await dispatch_once(graph, CrashAfterSend(sender), "crashing", 10)  # type: ignore[arg-type]
    assert len(standin.messages) == 1

    await dispatch_once(graph, sender, "survivor", 10, now=later(LEASE + 1))
    first, repeat = standin.messages
    assert first["data"]["alertId"] == repeat["data"]["alertId"]
    [delivery] = await db.deliveries(graph)
    assert delivery["status"] == "SENT"


async def test_two_dispatchers_never_send_one_delivery_twice(
        graph: Graph, settings: Settings, network: Network, sender: Sender, standin: StandIn) -> None:
    tokens = [f"device-{i:03d}" for i in range(40)]
    await db.add_devices(graph, str(network.partner.user_id), tokens)
    await refer(graph, settings, network)

    a, b = await asyncio.gather(dispatch_once(graph, sender, "dispatcher-a", 40),
                                dispatch_once(graph, sender, "dispatcher-b", 40))
    assert a.claimed + b.claimed == 40
    assert sorted(m["token"] for m in standin.messages) == tokens
    assert {d["status"] for d in await db.deliveries(graph)} == {"SENT"}


async def test_a_refused_or_rolled_back_referral_raises_no_alert(
        graph: Graph, settings: Settings, network: Network, sender: Sender, standin: StandIn) -> None:
    await register(graph, network)
    case = await open_case(graph, settings, network)
    await refer(graph, settings, network, case=case)
    [delivered_alert] = await db.alerts(graph)
    duplicate = await run(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": case[1], "serviceId": to_global_id("Service", network.service)}}, scope=network.worker)
    assert duplicate.codes == ["CONFLICT"]
    assert len(await db.alerts(graph)) == 1

    # The outbox write is part of the referral's own statement: rolling the transaction back takes both away.
    other = await open_case(graph, settings, network)
    await consent_to_refer(graph, settings, network.worker, other[1], network.service)
    params = {"id": "6f1c1b9e-8d4a-4a43-9b0c-111111111111", "caseId": from_global_id(other[1])[1],
              "serviceId": network.service, "urgency": "URGENT", "noteSealed": None, "noteKey": None,
              "alertId": "6f1c1b9e-8d4a-4a43-9b0c-222222222222", "override": False, "overrideCode": None,
              "overrideReason": None, **network.worker.params(), **outbox.recipient_roles()}

    async def create_then_fail() -> None:
        async with graph.transaction() as tx:
            row = await tx.run_one(referrals_repo.CREATE_REFERRAL, params)
            assert row is not None and row["outcome"] == "OK"
            raise Conflict()  # a later step of the same change fails

    with pytest.raises(Conflict):
        await create_then_fail()
    assert [a["id"] for a in await db.alerts(graph)] == [delivered_alert["id"]]
    assert len(await db.deliveries(graph)) == 1
    # The dispatcher, run after the rollback, delivers the one real referral's alert and nothing else.
    report = await dispatch_once(graph, sender, "dispatcher-a", 10)
    assert (report.claimed, report.sent) == (1, 1)
    assert [m["data"]["alertId"] for m in standin.messages] == [delivered_alert["id"]]
    assert (await dispatch_once(graph, sender, "dispatcher-a", 10)).claimed == 0
    assert len(standin.messages) == 1


async def test_without_credentials_push_goes_to_the_inbox(
        graph: Graph, settings: Settings, network: Network) -> None:
    await register(graph, network)
    await refer(graph, settings, network)
    inbox = Sender(push=InboxPushSender(), webhooks=WebhookSender(settings))
    try:
        assert (await dispatch_once(graph, inbox, "dev", 10)).sent == 1
    finally:
        await inbox.aclose()
    [alert] = await alert_rules.my_alerts(graph, network.partner, unread_only=True, first=10)
    assert [(d["channel"], d["status"]) for d in alert["deliveries"]] == [("INBOX", "SENT")]


async def test_unanswered_referrals_and_unacknowledged_urgent_alerts_escalate_once(
        graph: Graph, settings: Settings, network: Network) -> None:
    await refer(graph, settings, network, urgency="URGENT")
    assert await escalate_once(graph, settings) == (0, 0)
    await db.age_referrals(graph, settings.referral_unanswered_minutes + 1)
    await db.age_alerts(graph, settings.urgent_alert_escalation_minutes + 1)

    assert await escalate_once(graph, settings) == (1, 1)
    assert await escalate_once(graph, settings) == (0, 0)  # idempotent
    by_kind = {a["kind"]: set(a["users"]) for a in await db.alerts(graph)}
    assert by_kind["REFERRAL_UNANSWERED"] == {network.worker.user_id, network.coordinator.user_id}
    assert by_kind["REFERRAL_RECEIVED"] == {network.partner.user_id, network.coordinator.user_id}


async def test_acknowledged_urgent_alerts_do_not_escalate(graph: Graph, settings: Settings, network: Network) -> None:
    await refer(graph, settings, network, urgency="URGENT")
    [alert] = await alert_rules.my_alerts(graph, network.partner, unread_only=True, first=5)
    await alert_rules.acknowledge_alert(graph, network.partner, alert["id"])
    assert await alert_rules.my_alerts(graph, network.partner, unread_only=True, first=5) == []
    await db.age_alerts(graph, settings.urgent_alert_escalation_minutes + 1)
    assert (await escalate_once(graph, settings))[1] == 0


async def test_dispatch_throughput(graph: Graph, settings: Settings, network: Network, sender: Sender,
                                   standin: StandIn, capsys: pytest.CaptureFixture[str]) -> None:
    """Measured, not asserted: deliveries per second to the local stand-in (200 devices, one batch)."""
    await db.add_devices(graph, str(network.partner.user_id), [f"bench-{i:04d}" for i in range(200)])
    await refer(graph, settings, network)
    started = time.perf_counter()
    report = await dispatch_once(graph, sender, "bench", 200)
    elapsed = time.perf_counter() - started
    assert report.sent == 200, {d["lastError"] for d in await db.deliveries(graph)}
    with capsys.disabled():
        print(f"\ndispatch throughput: {report.sent / elapsed:.0f} deliveries/s ({report.sent} in {elapsed:.2f} s)")


async def test_the_worker_loop_delivers_and_stops(graph: Graph, settings: Settings, network: Network) -> None:
    await register(graph, network)
    await refer(graph, settings, network)
    stop = asyncio.Event()
    worker = asyncio.create_task(run_worker(graph, settings.model_copy(update={"alert_poll_seconds": 0.05}), stop))
    try:
        for _ in range(200):
            if [d["status"] for d in await db.deliveries(graph)] == ["SENT"]:
                break
            await asyncio.sleep(0.05)
        assert [(d["channel"], d["status"]) for d in await db.deliveries(graph)] == [("INBOX", "SENT")]
    finally:
        stop.set()
        await asyncio.wait_for(worker, timeout=10)
