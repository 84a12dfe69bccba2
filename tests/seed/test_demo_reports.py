"""Demo reports go through the real rules: sealed, triaged, transmitted to Sfax, and loaded only once."""

from __future__ import annotations

from api.settings import Settings
from graph.db import Graph
from seed.demo import load_demo
from seed.demo_reports import load_demo_reports
from tests.api.reports import repository as reports_db
from tests.support.graphql import ok


async def test_demo_reports_are_created_once_and_the_printed_receipt_works(graph: Graph, settings: Settings) -> None:
    await load_demo(graph)
    lines = await load_demo_reports(graph, settings.state_dir)
    assert len(lines) == 1
    receipt = lines[0].split("receipt ")[1].split(" ")[0]
    stored = await reports_db.raw_reports(graph)
    assert sorted(r["status"] for r in stored) == ["RECEIVED", "RECEIVED", "TRANSMITTED"]
    assert all("fictif" not in repr(r) for r in stored)  # narratives are sealed
    [transmission] = await reports_db.raw_transmissions(graph)
    assert transmission["status"] == "ACKNOWLEDGED"

    view = await ok(graph, settings, "query($r: String!) { reportByReceipt(receipt: $r) { status messages { body } } }",
                    {"r": receipt})
    assert view["reportByReceipt"]["status"] == "RECEIVED"
    assert len(view["reportByReceipt"]["messages"]) == 1

    assert await load_demo_reports(graph, settings.state_dir) == []
    assert len(await reports_db.raw_reports(graph)) == 3
