"""KPIs per organisation: national roles and analysts for any, members for their own organisation only."""

from __future__ import annotations

import datetime as dt

from api.settings import Settings
from graph.access.scope import Role
from graph.db import Graph, count_round_trips
from tests.api.network.support import error_code, execute, ok
from tests.api.statistics.support import NOW, all_cases, caller, load

KPIS = """
query($code: String, $p: StatisticsPeriod!, $exact: Boolean! = false) {
  kpis(organizationCode: $code, period: $p, exact: $exact) {
    organizationCode periodStart periodEnd rule k closureRate referralsPerCase acceptanceRate completionRate
    medianDaysToFirstService
    caseLoad { value withheld } casesOpened { value withheld } casesClosed { value withheld }
    referrals { value withheld }
    timeToClose { within30 { value } within90 { value } within180 { value } after180 { value } }
    reportingDelay { within30 { value } }
  }
}
"""


def expected_figures(organization: str, year: int) -> dict[str, int]:
    start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
    owned = [row["case"] for row in all_cases() if row["organization"] == organization]
    return {
        "caseLoad": sum(1 for c in owned if c["openedAt"] < end and (c["closedAt"] is None or c["closedAt"] >= end)),
        "opened": sum(1 for c in owned if start <= c["openedAt"] < end),
        "closed": sum(1 for c in owned if c["closedAt"] is not None and start <= c["closedAt"] < end),
    }


async def test_a_coordinator_gets_an_organisations_exact_kpis_in_one_round_trip(graph: Graph,
                                                                                 settings: Settings) -> None:
    await load(graph, settings)
    year = NOW.year - 1
    async with count_round_trips() as trips:
        data = await ok(graph, settings, KPIS, {"code": "DEMO-AMAL", "p": {"year": year}, "exact": True},
                        scope=caller(Role.COORDINATOR))
    assert trips.count == 1
    kpis = data["kpis"]
    expected = expected_figures("DEMO-AMAL", year)
    assert kpis["rule"] == "EXACT"
    assert (kpis["periodStart"], kpis["periodEnd"]) == (f"{year}-01-01", f"{year}-12-31")
    assert kpis["caseLoad"]["value"] == expected["caseLoad"]
    assert kpis["casesOpened"]["value"] == expected["opened"]
    assert kpis["casesClosed"]["value"] == expected["closed"]
    bands = kpis["timeToClose"]
    assert sum(bands[name]["value"] for name in ("within30", "within90", "within180", "after180")) == \
        expected["closed"]
    assert kpis["closureRate"] == round(expected["closed"] / (expected["closed"] + expected["caseLoad"]), 3)
    assert kpis["referralsPerCase"] >= 1


async def test_members_see_their_own_organisation_only(graph: Graph, settings: Settings) -> None:
    await load(graph, settings)
    worker = caller(Role.CASE_WORKER, "DEMO-AMAL")
    own = (await ok(graph, settings, KPIS, {"code": "DEMO-AMAL", "p": {"year": NOW.year}}, scope=worker))["kpis"]
    assert own["rule"] == "EXACT"
    assert own["casesOpened"]["value"] == expected_figures("DEMO-AMAL", NOW.year)["opened"]
    default = (await ok(graph, settings, KPIS, {"code": None, "p": {"year": NOW.year}}, scope=worker))["kpis"]
    assert default == own
    for code in ("DEMO-KARAMA", "NO-SUCH-ORG"):
        result = await execute(graph, settings, KPIS, {"code": code, "p": {"year": NOW.year}}, scope=worker)
        assert error_code(result) == "FORBIDDEN", code
        assert result.data is None
    judge = await execute(graph, settings, KPIS, {"code": "TPI-TUNIS", "p": {"year": NOW.year}},
                          scope=caller(Role.JUDICIAL_OFFICER, "DEMO-AMAL"))
    assert error_code(judge) == "FORBIDDEN"


async def test_analysts_get_national_kpis_under_the_disclosure_control(graph: Graph, settings: Settings) -> None:
    await load(graph, settings)
    kpis = (await ok(graph, settings, KPIS, {"p": {"year": NOW.year - 1}}, scope=caller(Role.ANALYST)))["kpis"]
    assert kpis["rule"] == "K_ANONYMOUS"
    assert kpis["k"] == 10
    assert kpis["organizationCode"] is None
    for name in ("caseLoad", "casesOpened", "casesClosed", "referrals"):
        figure = kpis[name]
        published = figure["value"] if not figure["withheld"] else 0  # a withheld figure has no value to check
        assert published % 10 == 0, name
    assert kpis["casesOpened"]["value"] >= 100
    missing = await execute(graph, settings, KPIS, {"code": "NO-SUCH-ORG", "p": {"year": NOW.year}},
                            scope=caller(Role.ANALYST))
    assert error_code(missing) == "NOT_FOUND"
