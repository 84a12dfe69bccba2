"""Export jobs: queued by ``startExport``, built by the worker (``himaya worker``), downloaded by their owner.

A job is QUEUED, then RUNNING with a percentage, then DONE (its file downloadable until it expires, then EXPIRED
and the file deleted) or FAILED. Files live under ``<state dir>/exports/`` (0600), named by the job id only.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import logging
import os
import time
import uuid
from enum import StrEnum
from pathlib import Path
from typing import Any

from api.errors import BadInput
from api.settings import Settings
from api.statistics import exports
from api.statistics.exports import Artefact, ExportContext, ExportKind, Progress
from api.statistics.report import build_annual_report
from api.statistics.rules import period_of, require_statistics_role
from graph.access.scope import Role, Scope
from graph.db import Graph, Record
from graph.statistics import repository

logger = logging.getLogger("himaya.exports")
LEASE_SECONDS = 600


class ExportStatus(StrEnum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"
    EXPIRED = "EXPIRED"


class ReportLanguage(StrEnum):
    FR = "FR"
    AR = "AR"


def exports_dir(settings: Settings) -> Path:
    return settings.state_dir / "exports"


def job_file(settings: Settings, job_id: str) -> Path:
    return exports_dir(settings) / str(uuid.UUID(job_id))


async def start_export(graph: Graph, scope: Scope, kind: ExportKind, year: int,
                       language: ReportLanguage | None) -> Record:
    require_statistics_role(scope)
    period_of(year, None, None)  # a valid year
    if kind is ExportKind.ANNUAL_REPORT:
        language = language or ReportLanguage.FR
    elif language is not None:
        raise BadInput("statistics.language_for_reports_only")
    return await repository.create_export_job(graph, scope, kind.value, year,
                                              language.value if language else None)


async def export_job(graph: Graph, scope: Scope, job_id: str) -> Record | None:
    """The caller's own job (anyone else's reads as absent)."""
    require_statistics_role(scope)
    try:
        wanted = str(uuid.UUID(job_id))
    except ValueError:
        return None
    return await repository.export_job(graph, scope, wanted)


def is_expired(job: Record, now: dt.datetime | None = None) -> bool:
    expires = job.get("expiresAt")
    if expires is None:
        return False
    native = expires.to_native() if hasattr(expires, "to_native") else expires
    return bool(native <= (now or dt.datetime.now(dt.UTC)))


# ------------------------------------------------------------------------------------------- building
async def build(kind: ExportKind, context: ExportContext, language: ReportLanguage | None) -> Artefact:
    if kind is ExportKind.CTDC:
        return await exports.build_ctdc(context)
    if kind is ExportKind.QUESTIONNAIRE:
        return await exports.build_questionnaire(context)
    if kind is ExportKind.RESEARCH:
        return await exports.build_research(context)
    return await build_annual_report(context, (language or ReportLanguage.FR).value.lower())


def write_private(path: Path, content: bytes) -> None:
    """Write atomically, readable by the service account only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_suffix(".part")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    temporary.replace(path)


def owner_scope(row: Record) -> Scope:
    """The job is built with its owner's rights (an analyst's export reads what an analyst may aggregate)."""
    return Scope(user_id=row["job"]["ownerId"], role=Role(row["ownerRole"]), organization_id=row.get("ownerOrg"))


async def process_one(graph: Graph, settings: Settings, worker: str) -> bool:
    """Claim and build the oldest queued job; False when there was none."""
    row = await repository.claim_export_job(graph, worker, LEASE_SECONDS)
    if row is None:
        return False
    job: dict[str, Any] = row["job"]
    started = time.monotonic()

    async def progress(percent: int) -> None:
        await repository.export_job_progress(graph, job["id"], worker, max(0, min(99, percent)), LEASE_SECONDS)

    try:
        context = ExportContext(graph=graph, scope=owner_scope(row), year=int(job["year"]),
                                k=settings.publication_k, deadline_days=settings.transmission_deadline_days,
                                progress=progress)
        language = ReportLanguage(job["language"]) if job.get("language") else None
        artefact = await build(ExportKind(job["kind"]), context, language)
        write_private(job_file(settings, job["id"]), artefact.content)
        await repository.finish_export_job(graph, job["id"], worker, file_name=artefact.file_name,
                                           content_type=artefact.content_type, size=len(artefact.content),
                                           sha256=hashlib.sha256(artefact.content).hexdigest(),
                                           ttl_hours=settings.export_ttl_hours)
        logger.info("export built", extra={"job": job["id"], "kind": job["kind"],
                                           "seconds": round(time.monotonic() - started, 2)})
    except Exception:
        logger.exception("export failed", extra={"job": job["id"], "kind": job["kind"]})
        await repository.fail_export_job(graph, job["id"], worker, "statistics.export_failed")
    return True


async def expire(graph: Graph, settings: Settings) -> int:
    """Mark done jobs past their expiry EXPIRED and delete their files."""
    expired = await repository.expire_export_jobs(graph)
    for job_id in expired:
        with contextlib.suppress(FileNotFoundError):
            job_file(settings, job_id).unlink()
    return len(expired)


async def run_export_worker(graph: Graph, settings: Settings, stop: asyncio.Event, worker: str) -> None:
    """Loop until ``stop`` is set: build queued exports one at a time, expire old files."""
    failures = 0
    logger.info("export worker started", extra={"owner": worker})
    while not stop.is_set():
        busy = False
        try:
            await expire(graph, settings)
            busy = await process_one(graph, settings, worker)
            failures = 0
        except Exception:
            failures += 1
            logger.exception("export round failed")
        if busy:
            continue
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=settings.export_poll_seconds * min(2 ** failures, 30))
    logger.info("export worker stopped", extra={"owner": worker})


async def build_now(graph: Graph, settings: Settings, kind: ExportKind, year: int, language: ReportLanguage | None,
                    progress: Progress, scope: Scope) -> Artefact:
    """Build an export in this process (the CLI), with the given progress callback."""
    context = ExportContext(graph=graph, scope=scope, year=year, k=settings.publication_k,
                            deadline_days=settings.transmission_deadline_days, progress=progress)
    return await build(kind, context, language)
