"""National statistics on the demo data: k-anonymous for analysts, exact on request for national roles."""

from __future__ import annotations

from collections import Counter

from api.settings import Settings
from graph.access.scope import Role
from graph.db import Graph, count_round_trips
from tests.api.network.support import error_code, execute, ok
from tests.api.statistics.support import NOW, caller, identified_victims, load

STATISTICS = """
query($q: StatisticsQuery!) {
  statistics(query: $q) {
    measure dimensions rule k total totalWithheld
    cells { keys value withheld }
    margins { dimension key value withheld }
  }
}
"""


def by_keys(result: dict[str, object]) -> dict[tuple[str | None, ...], int | None]:
    cells = result["cells"]
    assert isinstance(cells, list)
    return {tuple(cell["keys"]): cell["value"] for cell in cells}


async def test_analyst_gets_k_anonymous_victims_by_year_in_one_round_trip(graph: Graph, settings: Settings) -> None:
    await load(graph, settings)
    async with count_round_trips() as trips:
        data = await ok(graph, settings, STATISTICS, {"q": {"measure": "VICTIMS", "dimensions": ["YEAR"]}},
                        scope=caller(Role.ANALYST))
    assert trips.count == 1
    result = data["statistics"]
    assert result["rule"] == "K_ANONYMOUS"
    assert result["k"] == settings.publication_k == 10
    exact = Counter(str(row["case"]["openedAt"].year) for row in identified_victims())
    assert set(by_keys(result)) == {(year,) for year in exact}
    for (year,), value in by_keys(result).items():
        assert value == exact[year] - exact[year] % 10
    assert {str(NOW.year - 2), str(NOW.year - 1), str(NOW.year)} <= set(exact)


async def test_coordinator_asks_for_exact_counts_by_sex_and_age(graph: Graph, settings: Settings) -> None:
    await load(graph, settings)
    query = {"measure": "VICTIMS", "dimensions": ["SEX_AND_AGE", "CITIZENSHIP"], "year": NOW.year - 1,
             "exact": True}
    result = (await ok(graph, settings, STATISTICS, {"q": query}, scope=caller(Role.COORDINATOR)))["statistics"]
    assert result["rule"] == "EXACT"
    assert result["k"] is None
    expected: Counter[tuple[str, str]] = Counter()
    for row in identified_victims():
        victim, case = row["victim"], row["case"]
        if case["openedAt"].year != NOW.year - 1:
            continue
        group = {("FEMALE", True): "GIRLS", ("FEMALE", False): "WOMEN", ("MALE", True): "BOYS",
                 ("MALE", False): "MEN"}[(victim["sex"], victim["minor"])]
        expected[(group, "NATIONAL" if victim["nationality"] == "TN" else "FOREIGN")] += 1
    assert by_keys(result) == dict(expected)
    assert result["total"] == sum(expected.values())


async def test_tip_forms_count_debt_bondage_and_a_victim_under_each_of_their_forms(graph: Graph,
                                                                                   settings: Settings) -> None:
    await load(graph, settings)
    query = {"measure": "VICTIMS", "dimensions": ["TIP_FORM"], "exact": True}
    result = (await ok(graph, settings, STATISTICS, {"q": query}, scope=caller(Role.ADMIN)))["statistics"]
    cells = by_keys(result)
    expected: Counter[str] = Counter()
    labour = {"FORCED_LABOUR", "DOMESTIC_SERVITUDE", "FORCED_BEGGING", "FORCED_CRIMINALITY", "SLAVERY_AND_PRACTICES"}
    tip = {"SEXUAL_EXPLOITATION": "SEX_TRAFFICKING", "FORCED_LABOUR": "FORCED_LABOUR",
           "DOMESTIC_SERVITUDE": "SERVITUDE", "FORCED_BEGGING": "FORCED_BEGGING",
           "FORCED_CRIMINALITY": "FORCED_CRIMINALITY", "SLAVERY_AND_PRACTICES": "SLAVERY_LIKE_PRACTICES"}
    for row in identified_victims():
        case = row["case"]
        categories = {"DEBT_BONDAGE" if f in labour and "DEBT_BONDAGE" in case["meansOfControl"]
                      else tip.get(f, "OTHER") for f in case["exploitationForms"]}
        expected.update(categories)
    assert cells == {(name,): n for name, n in expected.items()}
    assert cells[("DEBT_BONDAGE",)] is not None


async def test_filters_narrow_the_count(graph: Graph, settings: Settings) -> None:
    await load(graph, settings)
    query = {"measure": "VICTIMS", "dimensions": ["GOVERNORATE"], "nationality": "CI", "form": "DOMESTIC_SERVITUDE",
             "dateFrom": f"{NOW.year - 2}-01-01", "dateTo": f"{NOW.year - 1}-12-31", "exact": True}
    result = (await ok(graph, settings, STATISTICS, {"q": query}, scope=caller(Role.COORDINATOR)))["statistics"]
    expected = Counter(row["governorate"] for row in identified_victims()
                       if row["victim"]["nationality"] == "CI"
                       and "DOMESTIC_SERVITUDE" in row["case"]["exploitationForms"]
                       and row["case"]["openedAt"].year in {NOW.year - 2, NOW.year - 1})
    assert by_keys(result) == {(gov,): n for gov, n in expected.items()}


async def test_every_measure_answers(graph: Graph, settings: Settings) -> None:
    await load(graph, settings)
    for measure, dimensions in (("CASES", ["STATUS"]), ("REPORTS", ["CHANNEL", "STATUS"]),
                                ("REFERRALS", ["SERVICE_CATEGORY", "STATUS"]),
                                ("TRANSMISSIONS", ["COURT", "COURT_STATUS", "OVERDUE"])):
        query = {"measure": measure, "dimensions": dimensions, "exact": True}
        result = (await ok(graph, settings, STATISTICS, {"q": query}, scope=caller(Role.COORDINATOR)))["statistics"]
        assert result["total"] > 0, measure
    transmissions = (await ok(graph, settings, STATISTICS, {"q": {
        "measure": "TRANSMISSIONS", "dimensions": ["COURT"], "exact": True}}, scope=caller(Role.ADMIN)))
    assert by_keys(transmissions["statistics"]) == {("TPI-SFAX",): 1}


async def test_an_analyst_asking_for_exact_counts_is_refused_and_gets_no_figure(graph: Graph,
                                                                                settings: Settings) -> None:
    await load(graph, settings)
    result = await execute(graph, settings, STATISTICS, {"q": {"measure": "VICTIMS", "exact": True}},
                           scope=caller(Role.ANALYST))
    assert error_code(result) == "FORBIDDEN"
    assert result.data is None
    assert "national" in result.errors[0].message


async def test_casework_roles_get_no_national_statistics(graph: Graph, settings: Settings) -> None:
    await load(graph, settings)
    for role in (Role.CASE_WORKER, Role.PARTNER_AGENT, Role.JUDICIAL_OFFICER):
        result = await execute(graph, settings, STATISTICS, {"q": {"measure": "VICTIMS"}},
                               scope=caller(role, "DEMO-AMAL"))
        assert error_code(result) == "FORBIDDEN", role
        assert result.data is None
