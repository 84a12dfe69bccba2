"""The FastAPI application factory."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from strawberry.fastapi import GraphQLRouter

from api.audit import anchor, refusals
from api.auth.router import install_auth
from api.auth.service import AuthRuntime
from api.console.static import LocalGraphiQLRouter, install_console
from api.contracts.persisted import PersistedOperationsMiddleware
from api.deps import get_graphql_context
from api.graphql.schema import build_schema
from api.idempotency.middleware import IdempotencyMiddleware
from api.limits.hashing import SLOTS
from api.limits.metrics_access import metrics_allowed
from api.logging_setup import configure_logging
from api.metrics import Metrics, exposition
from api.middleware import (
    BodySizeLimitMiddleware,
    DatabaseUnavailableMiddleware,
    JsonBodyGuardMiddleware,
    RequestContextMiddleware,
)
from api.protection import protection_of
from api.settings import Settings, get_settings
from api.state import AppState
from api.statistics.download import install_exports
from graph.alerts import repository as alerts_repository
from graph.db import Graph, create_driver, wait_for_neo4j
from graph.health import repository as health_repository
from graph.limits import repository as limits_repository
from graph.migrations.runner import load_migrations, migrate
from graph.protected.maintenance import seal_legacy_plaintext
from ops.neo4j_server import Neo4jConfig, read_password

logger = logging.getLogger("himaya.app")


def neo4j_password(settings: Settings) -> str:
    """The configured password, or the one generated for the local server on its first start."""
    if settings.neo4j_password is not None:
        return settings.neo4j_password.get_secret_value()
    if settings.uses_local_neo4j:
        generated = read_password(Neo4jConfig(home=settings.neo4j_home, bolt_port=settings.neo4j_bolt_port))
        if generated:
            return generated
    return ""


async def startup_maintenance(graph: Graph, settings: Settings) -> None:
    """What one process does before serving: schema migrations (under their lease), legacy plaintext sealed."""
    report = await migrate(graph)
    logger.info(report.describe())
    sealed = await seal_legacy_plaintext(graph, protection_of(settings).sealer)
    if any(sealed.values()):
        logger.info("secrets stored in clear are now sealed", extra={"sealed": sealed})


async def _migrations_applied(graph: Graph) -> bool:
    versions = [m.version for m in load_migrations()]
    return await health_repository.applied_count(graph, versions) == len(versions)


async def _connect_and_migrate(state: AppState) -> None:
    """Keep trying until Neo4j answers, then bring the schema up to date (or, in a worker of ``himaya serve``,
    wait until the process that started the workers has). Never crashes the process."""
    delay = 1.0
    while True:
        reachable = await wait_for_neo4j(state.graph.driver, timeout_s=state.settings.neo4j_connect_retry_seconds)
        if reachable:
            try:
                if state.settings.startup_maintenance:
                    await startup_maintenance(state.graph, state.settings)
                    state.migrations_current = True
                    return
                if await _migrations_applied(state.graph):
                    state.migrations_current = True
                    return
            except Exception:
                logger.exception("migrations failed; will retry")
        await asyncio.sleep(delay)
        delay = min(delay * 2, 30.0)


async def _housekeeping(state: AppState) -> None:
    """On a schedule: anonymous refusals written as counts, a signed checkpoint of the audit head, expired
    rate-limit counters purged. A failure is logged and tried again next time."""

    settings = state.settings
    tick = min(settings.audit_refusals_flush_seconds, settings.audit_checkpoint_seconds, 60.0)
    last_checkpoint = last_purge = 0.0
    while True:
        await asyncio.sleep(tick)
        if not state.migrations_current:
            continue
        now = time.monotonic()
        try:
            counted = await refusals.flush(state.graph)
            for operation, count in counted.items():
                state.metrics.anonymous_refusals.labels(operation=operation).inc(count)
            if now - last_checkpoint >= settings.audit_checkpoint_seconds:
                await anchor.write_checkpoint(state.graph, settings)
                last_checkpoint = now
            if now - last_purge >= 300:
                await limits_repository.purge_expired(state.graph, now_ms=int(time.time() * 1000))
                last_purge = now
        except Exception:
            logger.exception("housekeeping failed; will retry")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(as_json=settings.logs_as_json)
    metrics = Metrics()
    metrics.neo4j_pool_max.set(settings.neo4j_pool_size)
    driver = create_driver(settings.effective_neo4j_uri, settings.neo4j_user, neo4j_password(settings),
                           pool_size=settings.neo4j_pool_size)
    state = AppState(settings=settings, metrics=metrics, graph=Graph(driver, settings.neo4j_database),
                     auth=AuthRuntime.from_settings(settings))
    SLOTS.configure(settings.argon2_max_concurrency, settings.argon2_queue_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.background.append(asyncio.create_task(_connect_and_migrate(state)))
        state.background.append(asyncio.create_task(_housekeeping(state)))
        logger.info("himaya started", extra={"environment": settings.environment.value,
                                             "neo4j": settings.effective_neo4j_uri})
        try:
            yield
        finally:
            for task in state.background:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            if state.migrations_current:
                with contextlib.suppress(Exception):
                    await refusals.flush(state.graph)
            await driver.close()

    development = not settings.is_production
    app = FastAPI(
        title="Himaya",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads from a CDN and breaks under our CSP; GraphiQL is the explorer
        redoc_url=None,
        openapi_url="/openapi.json" if development else None,
    )
    app.state.himaya = state

    graphql_app: GraphQLRouter[object, None] = LocalGraphiQLRouter(
        build_schema(production=settings.is_production),
        context_getter=get_graphql_context,
        graphql_ide="graphiql" if development else None,
        allow_queries_via_get=False,
        multipart_uploads_enabled=False,
    )
    app.include_router(graphql_app, prefix="/graphql")
    install_auth(app)
    install_console(app)
    install_exports(app)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        reachable = await state.graph.ping()
        metrics.neo4j_up.set(1 if reachable else 0)
        if reachable and not state.migrations_current:
            with contextlib.suppress(Exception):
                versions = [m.version for m in load_migrations()]
                applied = await health_repository.applied_count(state.graph, versions)
                state.migrations_current = applied == len(versions)
        checks = {"neo4j": "up" if reachable else "down",
                  "migrations": "current" if state.migrations_current else "pending"}
        ready = reachable and state.migrations_current
        return JSONResponse({"status": "ready" if ready else "not ready", "checks": checks},
                            status_code=200 if ready else 503)

    @app.get("/metrics", include_in_schema=False)
    async def metrics_endpoint(request: Request) -> Response:
        if settings.is_production and not metrics_allowed(request, settings):
            return JSONResponse({"error": {"code": "FORBIDDEN", "message": "forbidden"}}, status_code=403)
        with contextlib.suppress(Exception):
            metrics.outbox_backlog.set(await alerts_repository.outbox_backlog(state.graph))
        return PlainTextResponse(exposition(metrics), media_type=CONTENT_TYPE_LATEST)

    # Innermost first: persisted ids become documents before an Idempotency-Key is looked at.
    app.add_middleware(IdempotencyMiddleware, state=state, ttl_seconds=settings.idempotency_ttl_seconds,
                       wait_seconds=settings.idempotency_wait_seconds)
    app.add_middleware(PersistedOperationsMiddleware, state=state, enforce=settings.enforces_persisted_operations)
    app.add_middleware(JsonBodyGuardMiddleware)
    app.add_middleware(DatabaseUnavailableMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type", "Accept-Language", "Idempotency-Key",
                                          "X-Request-ID", "X-Himaya-Client"], allow_credentials=False)
    app.add_middleware(RequestContextMiddleware, metrics=metrics, hsts=settings.is_production,
                       strict_csp=settings.is_production)
    return app
