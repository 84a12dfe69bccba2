"""The outbox dispatcher (``himaya worker``): claim due deliveries under a lease, send, record, retry, escalate.

At-least-once: a dispatcher that dies between sending and recording loses its lease when it runs out, and
another one sends again, with the same alert id (receivers and apps drop duplicates by it). Two dispatchers
never hold the same delivery: the claim is one statement that locks each delivery before re-checking it.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import random
import signal
import socket
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from api.alerts.push import FcmPushSender, InboxPushSender, PushResult
from api.alerts.rules import device_token_index, open_delivery_secrets
from api.alerts.webhooks import WebhookSender
from api.links.rules import recompute_if_due
from api.protection import default_sealer, protection_of
from api.retention.rules import daily
from api.settings import Settings
from api.strategy import rules as strategy_rules
from api.witnesses.rules import raise_reviews_due
from graph.alerts import repository
from graph.db import Graph
from graph.protected.sealer import Sealer

logger = logging.getLogger("himaya.alerts.dispatcher")


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 8
    base_seconds: float = 5.0
    max_seconds: float = 3600.0
    lease_seconds: int = 60

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        return cls(max_attempts=settings.alert_max_attempts, base_seconds=settings.alert_retry_base_seconds,
                   max_seconds=settings.alert_retry_max_seconds, lease_seconds=settings.alert_lease_seconds)

    def delay(self, attempts: int) -> float:
        """Exponential back-off with jitter: between half and all of base·2^(attempts-1), capped."""
        ceiling = min(self.max_seconds, self.base_seconds * 2.0 ** max(0, attempts - 1))
        return ceiling * (0.5 + random.random() / 2)  # noqa: S311 - jitter, not a secret


class PushChannel(Protocol):
    async def send(self, deliveries: Sequence[dict[str, Any]]) -> list[PushResult]: ...

    async def aclose(self) -> None: ...


@dataclass
class Sender:
    """Everything the dispatcher sends through: push (FCM or inbox) and webhooks."""

    push: PushChannel
    webhooks: WebhookSender

    async def send(self, deliveries: Sequence[dict[str, Any]]) -> list[PushResult]:
        """One result per delivery, in order."""
        results: list[PushResult | None] = [None] * len(deliveries)
        push_idx = [i for i, d in enumerate(deliveries) if d["channel"] == "PUSH"]
        hook_idx = [i for i, d in enumerate(deliveries) if d["channel"] == "WEBHOOK"]
        with_token = [i for i in push_idx if deliveries[i].get("token")]
        for i in push_idx:
            if not deliveries[i].get("token"):
                results[i] = PushResult(ok=False, permanent=True, error="no-device")
        if with_token:
            for i, result in zip(with_token, await self.push.send([deliveries[i] for i in with_token]), strict=True):
                results[i] = result
        hooks = await asyncio.gather(*(self.webhooks.post(deliveries[i]) for i in hook_idx))
        for i, hook in zip(hook_idx, hooks, strict=True):
            results[i] = PushResult(ok=hook.ok, permanent=hook.permanent, error=hook.error)
        return [r if r is not None else PushResult(ok=False, permanent=True, error="unknown-channel")
                for r in results]

    async def aclose(self) -> None:
        await self.push.aclose()
        await self.webhooks.aclose()


def build_sender(settings: Settings) -> Sender:
    """FCM when credentials are configured, else the development inbox (said once in the log)."""
    push: PushChannel
    if settings.firebase_credentials is not None:
        push = FcmPushSender(settings.firebase_credentials, settings.fcm_endpoint,
                             timeout=settings.webhook_timeout_seconds)
        logger.info("push alerts go to FCM", extra={"endpoint": settings.fcm_endpoint})
    else:
        push = InboxPushSender()
        logger.warning("HIMAYA_FIREBASE_CREDENTIALS is not set: push alerts go to the development inbox only")
    return Sender(push=push, webhooks=WebhookSender(settings))


@dataclass
class DispatchReport:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    dead: int = 0


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def dispatch_once(graph: Graph, sender: Sender, owner: str, batch: int = 100, *,
                        policy: RetryPolicy | None = None, now: dt.datetime | None = None,
                        sealer: Sealer | None = None) -> DispatchReport:
    """Claim up to ``batch`` due deliveries, send them, record each outcome. Three round trips at most."""
    policy = policy or RetryPolicy()
    now = now or _now()
    claimed = await repository.claim_due(graph, owner=owner, now=now,
                                         lease_until=now + dt.timedelta(seconds=policy.lease_seconds), batch=batch)
    report = DispatchReport(claimed=len(claimed))
    if not claimed:
        return report
    sealer = sealer or default_sealer()
    claimed = [open_delivery_secrets(sealer, delivery) for delivery in claimed]
    outcomes = await sender.send(claimed)
    finished = max(now, _now())
    results: list[dict[str, Any]] = []
    gone: list[str] = []
    for delivery, outcome in zip(claimed, outcomes, strict=True):
        attempts = int(delivery["attempts"] or 0) + 1
        result: dict[str, Any] = {"id": delivery["id"], "attempts": attempts, "error": outcome.error,
                                  "sentAt": None, "nextAttemptAt": None, "channel": outcome.channel}
        if outcome.ok:
            result.update(status="SENT", sentAt=finished)
            report.sent += 1
        elif outcome.permanent or attempts >= policy.max_attempts:
            result["status"] = "DEAD"
            report.dead += 1
        else:
            result.update(status="PENDING", nextAttemptAt=now + dt.timedelta(seconds=policy.delay(attempts)))
            report.retried += 1
        if outcome.token_gone and delivery.get("token"):
            gone.append(device_token_index(sealer, delivery["token"]))
        results.append(result)
    await _record_within_lease(graph, owner, results, deadline=time.monotonic() + policy.lease_seconds * 0.8)
    if gone:
        await repository.remove_devices_by_token(graph, gone)
    return report


async def _record_within_lease(graph: Graph, owner: str, results: list[dict[str, Any]], *, deadline: float) -> None:
    """Record what was sent, retrying while Neo4j is away (a restart) but only while the lease holds: recorded
    late, a delivery would be sent a second time by whoever claims it after the lease."""
    delay = 0.5
    while True:
        try:
            await repository.record_results(graph, owner=owner, results=results)
            return
        except Exception:
            if time.monotonic() + delay >= deadline:
                raise
            logger.warning("recording dispatch results failed; retrying within the lease",
                           extra={"deliveries": len(results)})
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)


async def escalate_once(graph: Graph, settings: Settings, *, now: dt.datetime | None = None,
                        limit: int = 200) -> tuple[int, int]:
    """Raise REFERRAL_UNANSWERED for referrals pending too long, and widen unacknowledged urgent alerts."""
    now = now or _now()
    unanswered = await repository.escalate_unanswered_referrals(
        graph, cutoff=now - dt.timedelta(minutes=settings.referral_unanswered_minutes), limit=limit)
    urgent = await repository.escalate_urgent_alerts(
        graph, cutoff=now - dt.timedelta(minutes=settings.urgent_alert_escalation_minutes), limit=limit)
    return unanswered, urgent


async def raise_overdue_transmissions(graph: Graph, settings: Settings, *, limit: int = 200) -> int:
    """TRANSMISSION_OVERDUE, once per qualified report left untransmitted past HIMAYA_TRANSMISSION_DEADLINE_DAYS."""
    return await repository.raise_overdue_transmissions(graph, deadline_days=settings.transmission_deadline_days,
                                                        limit=limit)


async def raise_trafficking_schedule(graph: Graph, settings: Settings) -> tuple[int, int | None]:
    """PROTECTION_REVIEW_DUE for protection measures coming up for review; suspected networks when due."""
    return await raise_reviews_due(graph, settings), await recompute_if_due(graph, settings)
async def raise_overdue_actions(graph: Graph, *, limit: int = 200) -> int:
    """STRATEGY_ACTION_OVERDUE to the lead agency, once per strategy action past its due date."""
    return await strategy_rules.raise_overdue_actions(graph, limit=limit)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


async def run_worker(graph: Graph, settings: Settings, stop: asyncio.Event, *, escalate_every_s: float = 60.0) -> None:
    """Loop until ``stop`` is set: dispatch while there is work, otherwise wait the poll interval."""
    sender = build_sender(settings)
    owner = worker_id()
    policy = RetryPolicy.from_settings(settings)
    last_escalation = 0.0
    last_purge = time.monotonic()  # the first purge runs one interval after start (issue 13: retention)
    failures = 0
    logger.info("alert dispatcher started", extra={"owner": owner})
    try:
        while not stop.is_set():
            busy = False
            try:
                report = await dispatch_once(graph, sender, owner, settings.alert_batch_size, policy=policy,
                                             sealer=protection_of(settings).sealer)
                busy = report.claimed >= settings.alert_batch_size
                if report.claimed:
                    logger.info("alerts dispatched", extra=report.__dict__)
                if time.monotonic() - last_escalation >= escalate_every_s:
                    await escalate_once(graph, settings)
                    await raise_overdue_transmissions(graph, settings)
                    await raise_trafficking_schedule(graph, settings)
                    await raise_overdue_actions(graph)
                    last_escalation = time.monotonic()
                if time.monotonic() - last_purge >= settings.purge_interval_hours * 3600:
                    logger.info("retention purge", extra=await daily(graph, settings))
                    last_purge = time.monotonic()
                failures = 0
            except Exception:
                failures += 1
                logger.exception("dispatch round failed")
            if busy:
                continue
            wait = settings.alert_poll_seconds * min(2 ** failures, 30)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=wait)
    finally:
        await sender.aclose()
        logger.info("alert dispatcher stopped", extra={"owner": owner})


def install_stop_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
