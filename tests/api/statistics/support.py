"""The demo network with its statistical victims, and callers of each role."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from seed.demo import REFERRALS, load_demo
from seed.demo import _case_rows as demo_case_rows
from seed.demo_ids import demo_id
from seed.demo_reports import load_demo_reports
from seed.demo_statistics import load_demo_statistics, statistics_rows

NOW = datetime.now(UTC).replace(microsecond=0)


def caller(role: Role, organization: str = "INLTP") -> Scope:
    return Scope(user_id=f"user-{role.value.lower()}", role=role, organization_id=demo_id("organization", organization))


async def load(graph: Graph, settings: Settings) -> None:
    await load_demo(graph, now=NOW)
    await load_demo_reports(graph, settings.state_dir)
    await load_demo_statistics(graph, now=NOW)


def all_cases() -> list[dict[str, Any]]:
    """Every demo case row (hand-written and statistical), as loaded."""
    cases, _ = statistics_rows(NOW)
    return cases + demo_case_rows(NOW)


def identified_victims() -> list[dict[str, Any]]:
    """The victims the statistics count as identified, each with its case (from the rows the seeds load)."""
    _, referrals = statistics_rows(NOW)
    cases = all_cases()
    assisted = {r["case"] for r in referrals if r["props"]["status"] in {"ACCEPTED", "COMPLETED"}}
    assisted |= {demo_id("case", r.alias) for r in REFERRALS if r.status in {"ACCEPTED", "COMPLETED"}}
    return [row for row in cases if row["case"]["status"] in {"PRESUMED", "IDENTIFIED", "ASSISTED"}
            or (row["case"]["status"] == "CLOSED" and row["case"]["id"] in assisted)]
