"""Rules for alerts: devices, the caller's alerts, dead letters, and organisations' webhook endpoints."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from api.alerts.webhooks import UnsafeTarget, resolve_target
from api.common.cursors import page_size
from api.errors import BadInput, Conflict, Forbidden, NotFound, Unauthenticated
from api.protection import default_sealer, protection_of
from api.settings import Settings
from graph.access.permissions import Permission
from graph.access.scope import Scope
from graph.alerts import repository
from graph.db import Graph, Record
from graph.protected.sealer import Sealer

MAX_TOKEN_LENGTH = 4096
MAX_DEVICES_PER_USER = 10
PLATFORMS = frozenset({"ANDROID", "IOS", "WEB"})
LOCALES = frozenset({"fr", "ar", "en"})


def require_signed_in(scope: Scope) -> None:
    if not scope.authenticated:
        raise Unauthenticated()


def _token(token: str) -> str:
    if not token or len(token) > MAX_TOKEN_LENGTH or any(ch.isspace() or ord(ch) < 32 for ch in token):
        raise BadInput("alerts.invalid_device_token")
    return token


def device_token_index(sealer: Sealer, token: str) -> str:
    """How a device is found: a keyed hash of its token (the token itself is stored only sealed)."""
    return sealer.token_index("device-token", token)


async def register_device(graph: Graph, scope: Scope, token: str, platform: str, locale: str, *,
                          sealer: Sealer | None = None) -> Record:
    """A token another account holds is refused (it is not moved); past MAX_DEVICES_PER_USER devices, the least
    recently registered one is forgotten."""
    require_signed_in(scope)
    if platform not in PLATFORMS or locale not in LOCALES:
        raise BadInput("alerts.invalid_device")
    sealer = sealer or default_sealer()
    index = device_token_index(sealer, _token(token))
    key, sealed = sealer.seal_field(index, "token", token)
    assert key is not None and sealed is not None
    device = await repository.register_device(graph, scope, token_index=index, token_sealed=sealed, token_key=key,
                                              platform=platform, locale=locale, keep=MAX_DEVICES_PER_USER - 1)
    if device is None:
        raise Unauthenticated()
    if device.get("heldElsewhere"):
        raise Conflict("alerts.device_held_elsewhere")
    return device


async def unregister_device(graph: Graph, scope: Scope, token: str, *, sealer: Sealer | None = None) -> bool:
    require_signed_in(scope)
    return await repository.unregister_device(graph, scope, device_token_index(sealer or default_sealer(),
                                                                               _token(token)))


async def my_alerts(graph: Graph, scope: Scope, *, unread_only: bool, first: int | None) -> list[Record]:
    require_signed_in(scope)
    return await repository.list_my_alerts(graph, scope, unread_only=unread_only, limit=page_size(first))


def _alert_id(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError as exc:
        raise BadInput("error.invalid_id") from exc


async def acknowledge_alert(graph: Graph, scope: Scope, alert_id: str) -> Record:
    require_signed_in(scope)
    alert = await repository.acknowledge_alert(graph, scope, _alert_id(alert_id))
    if alert is None:
        raise NotFound()
    return alert


async def dead_letters(graph: Graph, scope: Scope, *, first: int | None) -> list[Record]:
    require_signed_in(scope)
    if not scope.national:
        raise Forbidden()
    return await repository.list_dead_letters(graph, scope, limit=page_size(first))


async def _checked_url(url: str, settings: Settings) -> str:
    cleaned = (url or "").strip()
    try:
        await resolve_target(cleaned, settings)
    except UnsafeTarget as exc:
        key = {"https-required": "alerts.webhook_https_required", "unresolvable": "alerts.webhook_unresolvable",
               "malformed": "alerts.webhook_url_invalid", "credentials-in-url": "alerts.webhook_url_invalid"}
        raise BadInput(key.get(exc.reason, "alerts.webhook_target_refused")) from exc
    return cleaned


def _webhook_role(scope: Scope) -> None:
    require_signed_in(scope)
    # the authority for any organisation, partner agents for their own
    if not scope.can(Permission.MANAGE_WEBHOOKS):
        raise Forbidden()


def _new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


async def set_webhook(graph: Graph, settings: Settings, scope: Scope, organization_code: str,
                      url: str) -> dict[str, Any]:
    """Register (or replace) the endpoint; the new signing secret is returned this once only."""
    _webhook_role(scope)
    checked = await _checked_url(url, settings)
    secret = _new_secret()
    key, sealed = _seal_secret(settings, organization_code, secret)
    row = await repository.set_webhook(graph, scope, code=organization_code.strip(), url=checked,
                                       secret_sealed=sealed, secret_key=key)
    if row is None:
        raise NotFound()
    return {**row, "secret": secret, "replayWindowSeconds": settings.webhook_replay_window_seconds}


async def rotate_webhook_secret(graph: Graph, settings: Settings, scope: Scope,
                                organization_code: str) -> dict[str, Any]:
    _webhook_role(scope)
    secret = _new_secret()
    key, sealed = _seal_secret(settings, organization_code, secret)
    row = await repository.rotate_webhook_secret(graph, scope, code=organization_code.strip(),
                                                 secret_sealed=sealed, secret_key=key)
    if row is None:
        raise NotFound()
    return {**row, "secret": secret, "replayWindowSeconds": settings.webhook_replay_window_seconds}


def webhook_subject(organization_code: str) -> str:
    """What a webhook secret is sealed for (its associated data): the endpoint of this organisation."""
    return f"webhook:{organization_code.strip()}"


def _seal_secret(settings: Settings, organization_code: str, secret: str) -> tuple[dict[str, str], str]:
    key, sealed = protection_of(settings).sealer.seal_field(webhook_subject(organization_code), "secret", secret)
    assert key is not None and sealed is not None
    return key, sealed


def open_delivery_secrets(sealer: Sealer, delivery: Record) -> Record:
    """A claimed delivery with its device token and webhook secret opened (values stored before sealing as they
    are); the dispatcher holds them in memory only while sending."""
    opened = dict(delivery)
    if delivery.get("tokenSealed") is not None and delivery.get("tokenIndex"):
        opened["token"] = sealer.open_field(delivery.get("tokenKey"), str(delivery["tokenIndex"]), "token",
                                            delivery["tokenSealed"])
    if delivery.get("webhookSecretSealed") is not None and delivery.get("organizationCode"):
        opened["webhookSecret"] = sealer.open_field(delivery.get("webhookKey"),
                                                    webhook_subject(str(delivery["organizationCode"])), "secret",
                                                    delivery["webhookSecretSealed"])
    return opened
