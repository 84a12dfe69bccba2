"""Bad statistics queries get a clear error and no figure."""

from __future__ import annotations

from typing import Any

from api.settings import Settings
from graph.access.scope import Role
from graph.db import Graph
from tests.api.network.support import error_code, execute
from tests.api.statistics.support import NOW, caller, load
from tests.api.statistics.test_statistics import STATISTICS


async def refused(graph: Graph, settings: Settings, query: dict[str, Any], code: str = "BAD_USER_INPUT",
                  role: Role = Role.COORDINATOR) -> str:
    result = await execute(graph, settings, STATISTICS, {"q": query}, scope=caller(role))
    assert error_code(result) == code, result.errors
    assert result.data is None
    return str(result.errors[0].message) if result.errors else ""


async def test_bad_queries_are_refused_with_a_clear_message(graph: Graph, settings: Settings) -> None:
    await load(graph, settings)
    await refused(graph, settings, {"measure": "VICTIMS_AND_MORE"})
    await refused(graph, settings, {"measure": "VICTIMS", "dimensions": ["SHOE_SIZE"]})
    message = await refused(graph, settings, {"measure": "VICTIMS",
                                              "dimensions": ["YEAR", "SEX", "FORM", "GOVERNORATE"]})
    assert message == "At most 3 dimensions."
    message = await refused(graph, settings, {"measure": "VICTIMS", "dimensions": ["COURT"]})
    assert message == "The dimension COURT does not exist for the measure VICTIMS."
    await refused(graph, settings, {"measure": "VICTIMS", "dimensions": ["SEX", "SEX"]})
    message = await refused(graph, settings, {"measure": "REPORTS", "sex": "FEMALE"})
    assert message == "The filter sex does not exist for the measure REPORTS."
    message = await refused(graph, settings, {"measure": "VICTIMS", "dateFrom": f"{NOW.year}-06-01",
                                              "dateTo": f"{NOW.year}-01-31"})
    assert message == "The end date is before the start date."
    await refused(graph, settings, {"measure": "VICTIMS", "year": NOW.year, "dateFrom": f"{NOW.year}-01-01"})
    await refused(graph, settings, {"measure": "VICTIMS", "year": 1999})
    await refused(graph, settings, {"measure": "VICTIMS", "governorate": "x" * 200})


async def test_an_analyst_asking_for_exact_kpis_is_refused(graph: Graph, settings: Settings) -> None:
    await load(graph, settings)
    result = await execute(graph, settings, "query($p: StatisticsPeriod!) { kpis(period: $p, exact: true) { k } }",
                           {"p": {"year": NOW.year}}, scope=caller(Role.ANALYST))
    assert error_code(result) == "FORBIDDEN"
    assert result.data is None
