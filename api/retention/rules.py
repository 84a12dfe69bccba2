"""Retention periods for every kind of personal data (settings), and one purge over all of them."""

from __future__ import annotations

from api.settings import Settings
from graph.consents.repository import note_expired_consents
from graph.db import Graph
from graph.protected.maintenance import purge_expired
from graph.retention import repository

BATCH = 1000


def periods(settings: Settings) -> dict[str, int]:
    """Days each kind of personal data is kept (HIMAYA_*_RETENTION_DAYS)."""
    return {"identities": settings.identity_retention_days,
            "reportNarratives": settings.report_narrative_retention_days,
            "reporterContacts": settings.reporter_contact_retention_days,
            "messages": settings.message_retention_days,
            "idempotencyAnswers": settings.idempotency_answer_retention_days}


async def purge_all(graph: Graph, settings: Settings, *, dry_run: bool = False) -> dict[str, int]:
    """How many of each kind went (or, with ``dry_run``, would go)."""
    found: dict[str, int] = {}
    for kind, days in periods(settings).items():
        if dry_run:
            found[kind] = await repository.count(graph, kind, days)
        elif kind == "identities":
            found[kind] = await purge_expired(graph, days)
        else:
            total = 0
            while True:
                done = await repository.purge(graph, kind, days, BATCH)
                total += done
                if done < BATCH:
                    break
            found[kind] = total
    return found


async def daily(graph: Graph, settings: Settings) -> dict[str, int]:
    """What the worker runs each HIMAYA_PURGE_INTERVAL_HOURS: the purge, and devices told of expired consents."""
    found = await purge_all(graph, settings)
    found["expiredConsentsNoted"] = await note_expired_consents(graph)
    return found
