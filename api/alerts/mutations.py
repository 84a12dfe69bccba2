"""Alert mutations: devices, acknowledgements, webhook endpoints."""

from __future__ import annotations

import strawberry

from api.alerts import rules as rules
from api.alerts.types import Alert, Device, DeviceLocale, DevicePlatform, WebhookRegistration
from api.graphql.fields import mutation
from api.graphql.info import Info
from api.protection import protection_of


@strawberry.type
class AlertMutations:
    @mutation
    async def register_device(self, info: Info, token: str, platform: DevicePlatform,
                              locale: DeviceLocale) -> Device:
        """Register this device for my push alerts (the token is a device secret)."""
        row = await rules.register_device(info.context.graph, info.context.scope, token, platform.value, locale.value,
                                          sealer=protection_of(info.context.settings).sealer)
        return Device.from_record(row)

    @mutation
    async def unregister_device(self, info: Info, token: str) -> bool:
        """Stop push alerts to this device; true when it was registered."""
        return await rules.unregister_device(info.context.graph, info.context.scope, token,
                                             sealer=protection_of(info.context.settings).sealer)

    @mutation
    async def acknowledge_alert(self, info: Info, id: strawberry.ID) -> Alert:
        """Mark one of my alerts as seen."""
        row = await rules.acknowledge_alert(info.context.graph, info.context.scope, str(id))
        return Alert.from_record(row, info.context.language)

    @mutation
    async def set_webhook(self, info: Info, organization_code: str, url: str) -> WebhookRegistration:
        """Send an organisation's alerts to a webhook; returns the signing secret once."""
        row = await rules.set_webhook(info.context.graph, info.context.settings, info.context.scope,
                                      organization_code, url)
        return WebhookRegistration.from_record(row)

    @mutation
    async def rotate_webhook_secret(self, info: Info, organization_code: str) -> WebhookRegistration:
        """Replace an organisation's webhook signing secret; returns the new one once."""
        row = await rules.rotate_webhook_secret(info.context.graph, info.context.settings, info.context.scope,
                                                organization_code)
        return WebhookRegistration.from_record(row)
