"""Cypher used only by the statistics tests: ageing an export job past its expiry, reading it back."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

EXPIRE_NOW = "MATCH (j:ExportJob {id: $id}) SET j.expiresAt = datetime() - duration({minutes: 1})"
JOB_STATUS = "MATCH (j:ExportJob {id: $id}) RETURN j.status AS status"


async def expire_now(graph: Graph, job_id: str) -> None:
    await graph.write(EXPIRE_NOW, {"id": job_id})


async def job_status(graph: Graph, job_id: str) -> Any:
    row = await graph.read_one(JOB_STATUS, {"id": job_id})
    return None if row is None else row["status"]
