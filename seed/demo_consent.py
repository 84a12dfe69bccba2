"""Demo data for consent-gated sharing: the victim of each demo referral consented to it (issue 13)."""

from __future__ import annotations

from graph.db import Graph
from graph.seed import repository


async def load(graph: Graph) -> int:
    """REFERRAL consents for the demo referrals that lack one; how many were created (0 the second time)."""
    return await repository.demo_referral_consents(graph)
