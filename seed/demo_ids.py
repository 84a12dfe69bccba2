"""Stable ids of demo records, shared by the demo seeds (``seed/demo.py`` and the domain modules it calls)."""

from __future__ import annotations

import uuid

DEMO_NAMESPACE = uuid.UUID("3b0b6f0e-8f0c-4d0f-9a55-6a6d0e5d7e01")


def demo_id(kind: str, key: str) -> str:
    """The stable id of a demo record: the same on every installation and every run."""
    return str(uuid.uuid5(DEMO_NAMESPACE, f"{kind}:{key}"))
