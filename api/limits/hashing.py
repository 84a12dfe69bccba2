"""A cap on memory-hard hashing (argon2id: passwords, receipts) running at once in this process.

Each hash takes tens of milliseconds of CPU and tens of MiB of memory; without a cap a burst of sign-ins or
receipt look-ups starves every other request. A caller that cannot get a slot in time gets UNAVAILABLE with
Retry-After (HTTP 503), never an unbounded queue.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import TypeVar

from api.errors import Busy

T = TypeVar("T")

DEFAULT_SLOTS = 4
DEFAULT_WAIT_SECONDS = 5.0


class HashingSlots:
    def __init__(self, slots: int = DEFAULT_SLOTS, wait_seconds: float = DEFAULT_WAIT_SECONDS) -> None:
        self.slots = slots
        self.wait_seconds = wait_seconds
        self._semaphore = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self.in_use = 0

    def configure(self, slots: int, wait_seconds: float) -> None:
        """Apply the settings (the app factory does; the slot count changes only while no hash runs)."""
        with self._lock:
            self.wait_seconds = wait_seconds
            if slots != self.slots and self.in_use == 0:
                self.slots, self._semaphore = slots, threading.BoundedSemaphore(slots)

    def _run(self, work: Callable[[], T]) -> T:
        semaphore = self._semaphore
        if not semaphore.acquire(timeout=self.wait_seconds):
            raise Busy(retry_after=max(1, round(self.wait_seconds)))
        with self._lock:
            self.in_use += 1
        try:
            return work()
        finally:
            with self._lock:
                self.in_use -= 1
            semaphore.release()

    async def run(self, work: Callable[[], T]) -> T:
        """Run ``work`` in a worker thread once a slot is free (Busy after the wait)."""
        return await asyncio.to_thread(self._run, work)


SLOTS = HashingSlots()
