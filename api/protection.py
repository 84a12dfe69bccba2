"""Process-wide protection services: the sealer (envelope encryption), receipt hashing, flood control."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from api.limits.store import key_file, limits_key
from api.reports.rules import PublicIntakeLimiter, ReceiptHasher
from api.settings import Settings
from graph.protected.sealer import Sealer

DEFAULT_INTAKE_PER_CLIENT: str = Settings.model_fields["public_intake_per_client"].default
DEFAULT_INTAKE_OVERALL: str = Settings.model_fields["public_intake_overall"].default


@dataclass(frozen=True)
class Protection:
    sealer: Sealer
    receipts: ReceiptHasher
    intake: PublicIntakeLimiter


@lru_cache(maxsize=8)
def _keys(state_dir: Path) -> tuple[Sealer, ReceiptHasher]:
    keys_dir = state_dir / "keys"
    keys_dir.mkdir(parents=True, exist_ok=True)
    keys_dir.chmod(0o700)
    return Sealer.from_state_dir(keys_dir), ReceiptHasher.from_state_dir(keys_dir)


@lru_cache(maxsize=8)
def _protection(state_dir: Path, per_client: str, overall: str, limits_secret: bytes) -> Protection:
    sealer, receipts = _keys(state_dir)
    return Protection(sealer=sealer, receipts=receipts,
                      intake=PublicIntakeLimiter(per_client, overall, secret=limits_secret))


def protection_for(state_dir: Path, per_client: str = DEFAULT_INTAKE_PER_CLIENT,
                   overall: str = DEFAULT_INTAKE_OVERALL, limits_secret: bytes | None = None) -> Protection:
    """Keys are generated into <state_dir>/keys (0600) on first use and read afterwards."""
    secret = limits_secret if limits_secret is not None else key_file(state_dir / "keys" / "limits.key")
    return _protection(state_dir, per_client, overall, secret)


def protection_of(settings: Settings) -> Protection:
    """The protection services with the intake limits these settings configure."""
    return protection_for(settings.state_dir, settings.public_intake_per_client, settings.public_intake_overall,
                          limits_key(settings))


def default_sealer() -> Sealer:
    """The sealer of this process's settings (HIMAYA_STATE_DIR), for callers that were not handed one."""
    from api.settings import get_settings

    return protection_for(get_settings().state_dir).sealer
