"""Push alerts through Firebase Cloud Messaging (firebase-admin), or to a development inbox without credentials.

Pointing firebase-admin at another FCM base URL (``HIMAYA_FCM_ENDPOINT``): the SDK has no public option; its
messaging service builds ``https://fcm.googleapis.com/v1/projects/<id>/messages:send`` from a class constant.
We register, under the SDK's own service name and before first use, a subclass of that service whose only
changes are the base URL and the HTTP client (no hidden retries: the dispatcher owns retries and back-off).
``messaging.send_each_async(..., app=...)`` then uses it like the stock one. The OAuth token endpoint comes
from the service-account JSON (``token_uri``), as google-auth reads it. Tokens are device secrets: they are
never logged and never written into errors.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import firebase_admin
from firebase_admin import _http_client as fb_http
from firebase_admin import credentials, exceptions, messaging
from firebase_admin._retry import HttpxRetry
from google.auth.transport.requests import Request

from api.alerts.payloads import push_data

logger = logging.getLogger("himaya.alerts.push")

FCM_BATCH = 500  # send_each's limit
_MESSAGING_SERVICE = "_messaging"  # the name firebase_admin.messaging registers its service under
# Tokens FCM says are dead: the device is forgotten.
_GONE = (messaging.UnregisteredError, messaging.SenderIdMismatchError)


@dataclass(frozen=True)
class PushResult:
    ok: bool
    permanent: bool = False
    error: str | None = None
    token_gone: bool = False
    channel: str | None = None


class _EndpointMessagingService(messaging._MessagingService):  # type: ignore[misc]
    """The SDK's messaging service with another base URL and without its own retries."""

    def __init__(self, app: firebase_admin.App, base_url: str, timeout: float) -> None:
        super().__init__(app)
        base = base_url.rstrip("/")
        self._fcm_url = f"{base}/v1/projects/{self._project_id}/messages:send"
        self._fcm_topic_url = f"{base}/v1/projects/{self._project_id}/registrations"
        self._async_client = fb_http.HttpxAsyncClient(
            credential=self._credential, timeout=timeout, http2=base.startswith("https://"),
            retry_config=HttpxRetry(max_retries=0, status_forcelist=[], backoff_factor=0))

    @property
    def google_credential(self) -> Any:
        return self._credential

    async def aclose(self) -> None:
        await self._async_client.aclose()

    def close(self) -> None:
        """Closed by ``aclose`` inside the event loop (the stock close starts a new loop)."""


def _message(delivery: dict[str, Any]) -> messaging.Message:
    urgent = bool(delivery.get("urgent"))
    with warnings.catch_warnings():
        # firebase-admin 7 marks ``token`` deprecated in favour of installation ids; apps register FCM tokens.
        warnings.simplefilter("ignore", DeprecationWarning)
        return _build(delivery, urgent)


def _build(delivery: dict[str, Any], urgent: bool) -> messaging.Message:
    return messaging.Message(
        token=delivery["token"],
        data=push_data(delivery["alertId"], delivery["kind"], delivery.get("locale")),
        android=messaging.AndroidConfig(priority="high" if urgent else "normal"),
        apns=messaging.APNSConfig(headers={"apns-priority": "5", "apns-push-type": "background"},
                                  payload=messaging.APNSPayload(aps=messaging.Aps(content_available=True))),
    )


def _describe(error: BaseException) -> str:
    """A short, token-free description of a send failure."""
    code = getattr(error, "code", None)
    return f"{type(error).__name__}:{code}" if code else type(error).__name__


class FcmPushSender:
    """Sends data-only messages with ``messaging.send_each_async`` in batches of at most 500."""

    def __init__(self, credentials_path: Path, endpoint: str, *, timeout: float = 10.0,
                 in_flight: int | None = None) -> None:
        # HTTP/2 (https) multiplexes a whole batch on one connection; over HTTP/1.1 each message needs its own
        # connection, so batches are cut to what one connection pool serves without queueing into timeouts.
        self._in_flight = in_flight or (FCM_BATCH if endpoint.startswith("https://") else 100)
        certificate = credentials.Certificate(str(credentials_path))
        self._app = firebase_admin.initialize_app(certificate, name=f"himaya-{uuid.uuid4().hex}")
        self._service: _EndpointMessagingService = self._app._get_service(
            _MESSAGING_SERVICE, lambda app: _EndpointMessagingService(app, endpoint, timeout))

    async def aclose(self) -> None:
        await self._service.aclose()
        firebase_admin.delete_app(self._app)

    async def _ensure_token(self) -> None:
        """Fetch the OAuth token off the event loop (google-auth refreshes synchronously)."""
        credential = self._service.google_credential
        if not credential.valid:
            await asyncio.to_thread(credential.refresh, Request())

    async def send(self, deliveries: Sequence[dict[str, Any]]) -> list[PushResult]:
        results: list[PushResult] = []
        try:
            await self._ensure_token()
        except Exception as exc:  # the token endpoint failed: every delivery is retried later
            logger.warning("fcm token refresh failed", extra={"error": type(exc).__name__})
            return [PushResult(ok=False, error=f"auth:{type(exc).__name__}") for _ in deliveries]
        step = min(FCM_BATCH, self._in_flight)
        for start in range(0, len(deliveries), step):
            chunk = deliveries[start:start + step]
            try:
                batch = await messaging.send_each_async([_message(d) for d in chunk], dry_run=False, app=self._app)
            except (exceptions.FirebaseError, ValueError) as exc:
                results.extend(PushResult(ok=False, error=_describe(exc)) for _ in chunk)
                continue
            for response in batch.responses:
                error = response.exception
                if response.success or error is None:
                    results.append(PushResult(ok=True))
                elif isinstance(error, _GONE):
                    results.append(PushResult(ok=False, permanent=True, token_gone=True, error=_describe(error)))
                elif isinstance(error, exceptions.InvalidArgumentError):
                    results.append(PushResult(ok=False, permanent=True, error=_describe(error)))
                else:  # QUOTA_EXCEEDED, UNAVAILABLE, INTERNAL, transport errors: back off and retry
                    results.append(PushResult(ok=False, error=_describe(error)))
        return results


class InboxPushSender:
    """Development without Firebase credentials: push deliveries land in the in-app inbox (``alerts`` query)."""

    async def send(self, deliveries: Sequence[dict[str, Any]]) -> list[PushResult]:
        return [PushResult(ok=True, channel="INBOX") for _ in deliveries]

    async def aclose(self) -> None:
        return None
