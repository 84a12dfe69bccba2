"""One async driver per process, and the thin helpers every repository uses to talk to Neo4j.

Every call here is one Cypher round trip; a context variable counts them so tests (and the request
log) can see how many a GraphQL operation needed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, LiteralString

from neo4j import AsyncDriver, AsyncGraphDatabase, RoutingControl
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

logger = logging.getLogger("himaya.graph")

Record = dict[str, Any]


@dataclass
class RoundTripCounter:
    count: int = 0
    queries: list[str] = field(default_factory=list)


_round_trips: ContextVar[RoundTripCounter | None] = ContextVar("himaya_round_trips", default=None)


@asynccontextmanager
async def count_round_trips() -> AsyncIterator[RoundTripCounter]:
    """Count the Cypher round trips made inside this context (used by tests and request logs)."""
    counter = RoundTripCounter()
    token = _round_trips.set(counter)
    try:
        yield counter
    finally:
        _round_trips.reset(token)


def current_round_trip_counter() -> RoundTripCounter | None:
    return _round_trips.get()


def _note_round_trip(query: str) -> None:
    counter = _round_trips.get()
    if counter is not None:
        counter.count += 1
        counter.queries.append(query.strip().splitlines()[0][:80] if query.strip() else "")


def create_driver(uri: str, user: str, password: str, *, pool_size: int = 50,
                  retry_seconds: float = 5.0) -> AsyncDriver:
    """``retry_seconds``: how long a statement is retried while Neo4j is away (a restart, a leader election)
    before the caller gets an error (the API answers 503 then, instead of holding the request for 30 s)."""
    return AsyncGraphDatabase.driver(
        uri,
        auth=(user, password),
        max_connection_pool_size=pool_size,
        max_transaction_retry_time=retry_seconds,
        connection_timeout=5.0,
        liveness_check_timeout=30.0,
        connection_acquisition_timeout=15.0,
        notifications_min_severity="OFF",
    )


async def wait_for_neo4j(driver: AsyncDriver, *, timeout_s: float) -> bool:
    """Retry with exponential back-off until Neo4j answers; say so in the log. Returns reachability."""
    deadline = time.monotonic() + timeout_s
    delay = 0.25
    attempt = 0
    while True:
        attempt += 1
        try:
            await driver.verify_connectivity()
            if attempt > 1:
                logger.info("neo4j reachable", extra={"attempts": attempt})
            return True
        except AuthError:
            logger.error("neo4j refused our credentials: check HIMAYA_NEO4J_USER / HIMAYA_NEO4J_PASSWORD")
            return False
        except (ServiceUnavailable, SessionExpired, OSError) as exc:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                logger.warning("neo4j still unreachable; serving with /readyz=503 until it answers",
                               extra={"attempts": attempt, "error": type(exc).__name__})
                return False
            logger.warning("neo4j not reachable yet, retrying",
                           extra={"attempt": attempt, "retry_in_s": round(delay, 2)})
            await asyncio.sleep(min(delay, remaining))
            delay = min(delay * 2, 5.0)


class Graph:
    """What repositories receive: read and write helpers bound to one database."""

    def __init__(self, driver: AsyncDriver, database: str) -> None:
        self.driver = driver
        self.database = database

    async def read(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> list[Record]:
        """Run one read query in its own auto-retried transaction."""
        return await self._execute(query, params, RoutingControl.READ)

    async def write(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> list[Record]:
        """Run one write query in its own auto-retried transaction."""
        return await self._execute(query, params, RoutingControl.WRITE)

    async def read_maps(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> list[Record]:
        """``read`` for a statement that returns only maps, lists and plain values (map projections): the rows as
        they arrive, without the driver's walk through every nested value looking for nodes to convert."""
        _note_round_trip(query)
        records, _, _ = await self.driver.execute_query(
            query, dict(params or {}), database_=self.database, routing_=RoutingControl.READ
        )
        return [dict(zip(record.keys(), record.values(), strict=True)) for record in records]

    async def read_one(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> Record | None:
        rows = await self.read(query, params)
        return rows[0] if rows else None

    async def write_one(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> Record | None:
        rows = await self.write(query, params)
        return rows[0] if rows else None

    async def _execute(
        self, query: LiteralString, params: Mapping[str, Any] | None, routing: RoutingControl
    ) -> list[Record]:
        _note_round_trip(query)
        records, _, _ = await self.driver.execute_query(
            query, dict(params or {}), database_=self.database, routing_=routing
        )
        return [record.data() for record in records]

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """One explicit write transaction for a change made of several statements (all or nothing)."""
        async with self.driver.session(database=self.database) as session:
            tx = await session.begin_transaction()
            wrapped = Transaction(tx)
            try:
                yield wrapped
            except BaseException:
                await tx.rollback()
                raise
            else:
                await tx.commit()
            finally:
                await tx.close()

    async def ping(self) -> bool:
        try:
            await self.driver.verify_connectivity()
        except Exception:  # any failure means "not reachable" for readiness purposes
            return False
        return True


class Transaction:
    """A statement runner bound to one open transaction."""

    def __init__(self, tx: Any) -> None:
        self._tx = tx

    async def run(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> list[Record]:
        _note_round_trip(query)
        result = await self._tx.run(query, dict(params or {}))
        return [record.data() async for record in result]

    async def run_one(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> Record | None:
        rows = await self.run(query, params)
        return rows[0] if rows else None

