"""Rules for alerts: devices, the caller's alerts, dead letters, and organisations' webhook endpoints."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from api.alerts.webhooks import UnsafeTarget, resolve_target
from api.common.cursors import page_size
from api.errors import BadInput, Forbidden, NotFound, Unauthenticated
from api.settings import Settings
from graph.access.permissions import Permission
from graph.access.scope import Scope
from graph.alerts import repository
from graph.db import Graph, Record

MAX_TOKEN_LENGTH = 4096
PLATFORMS = frozenset({"ANDROID", "IOS", "WEB"})
LOCALES = frozenset({"fr", "ar", "en"})


def require_signed_in(scope: Scope) -> None:
    if not scope.authenticated:
        raise Unauthenticated()


def _token(token: str) -> str:
    if not token or len(token) > MAX_TOKEN_LENGTH or any(ch.isspace() or ord(ch) < 32 for ch in token):
        raise BadInput("alerts.invalid_device_token")
    return token


async def register_device(graph: Graph, scope: Scope, token: str, platform: str, locale: str) -> Record:
    require_signed_in(scope)
    if platform not in PLATFORMS or locale not in LOCALES:
        raise BadInput("alerts.invalid_device")
    device = await repository.register_device(graph, scope, token=_token(token), platform=platform, locale=locale)
    if device is None:
        raise Unauthenticated()
    return device


async def unregister_device(graph: Graph, scope: Scope, token: str) -> bool:
    require_signed_in(scope)
    return await repository.unregister_device(graph, scope, _token(token))


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
    row = await repository.set_webhook(graph, scope, code=organization_code.strip(), url=checked, secret=secret)
    if row is None:
        raise NotFound()
    return {**row, "secret": secret, "replayWindowSeconds": settings.webhook_replay_window_seconds}


async def rotate_webhook_secret(graph: Graph, settings: Settings, scope: Scope,
                                organization_code: str) -> dict[str, Any]:
    _webhook_role(scope)
    secret = _new_secret()
    row = await repository.rotate_webhook_secret(graph, scope, code=organization_code.strip(), secret=secret)
    if row is None:
        raise NotFound()
    return {**row, "secret": secret, "replayWindowSeconds": settings.webhook_replay_window_seconds}
