"""Anonymous refusals, counted instead of recorded one by one.

A caller without a token who asks for fields that need one used to append one audit event per aliased field
(15 per request, all serialised on the audit head): a free way to flood the log. They are now counted per
operation in this process and written as one ``ANONYMOUS_REFUSALS`` event per interval (the counts in
``target`` as ``field=count``), and exposed as ``himaya_anonymous_refusals_total``.
"""

from __future__ import annotations

import threading
from collections import Counter

from api.audit import log as audit
from graph.access.scope import ANONYMOUS
from graph.db import Graph

ACTION = "ANONYMOUS_REFUSALS"
OUTCOME = "DENIED:UNAUTHENTICATED"


class RefusalTally:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()

    def note(self, operation: str) -> None:
        with self._lock:
            self._counts[operation[:audit.MAX_TARGET_LENGTH - 12]] += 1

    def take(self) -> Counter[str]:
        with self._lock:
            counts, self._counts = self._counts, Counter()
        return counts

    def give_back(self, counts: Counter[str]) -> None:
        with self._lock:
            self._counts.update(counts)


TALLY = RefusalTally()


async def flush(graph: Graph, tally: RefusalTally = TALLY) -> dict[str, int]:
    """Write what was counted since the last flush as one audit event; the counts written."""
    counts = tally.take()
    if not counts:
        return {}
    target = [f"{operation}={count}" for operation, count in sorted(counts.items())]
    chunks = [target[i:i + audit.MAX_TARGETS] for i in range(0, len(target), audit.MAX_TARGETS)]
    written = 0
    try:
        for chunk in chunks:
            await audit.append(graph, audit.AuditEntry.of(ANONYMOUS, ACTION, OUTCOME, target=chunk,
                                                          reason="aggregated"))
            written += len(chunk)
    except Exception:
        unwritten = sorted(counts.items())[written:]
        tally.give_back(Counter(dict(unwritten)))  # counted again at the next flush
        raise
    return dict(counts)
