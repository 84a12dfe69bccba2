"""The national strategy: building it, targets within its years, actions and their overdue alerts, the dashboard."""

from __future__ import annotations

from api.alerts.dispatcher import raise_overdue_actions
from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from tests.api.casework.support import open_case_for
from tests.strategy import repository as db
from tests.strategy.support import (
    ADD_ACTION,
    ADD_INDICATOR,
    DASHBOARD,
    RECORD_ACTUAL,
    SET_TARGET,
    THIS_YEAR,
    UPDATE_ACTION,
    computed_indicator,
    small_strategy,
    title,
    world,
)
from tests.support.graphql import ok, run


async def test_a_target_outside_the_strategy_years_is_refused_and_nothing_is_stored(graph: Graph,
                                                                                    settings: Settings) -> None:
    w = await world(graph)
    strategy = await small_strategy(graph, settings, w.coordinator)
    data = await ok(graph, settings, ADD_INDICATOR, {"input": {
        "objectiveId": strategy["objectives"]["P1"], "code": "PEOPLE-AWARE", "title": title("People aware"),
        "unit": "%"}}, scope=w.coordinator)
    indicator = data["addStrategyIndicator"]["id"]

    for period in (THIS_YEAR - 2, THIS_YEAR + 3):
        refused = await run(graph, settings, SET_TARGET, {"input": {"indicatorId": indicator, "period": period,
                                                                    "value": 40}}, scope=w.coordinator)
        assert refused.codes == ["BAD_USER_INPUT"]
        assert refused.messages == [f"The period {period} lies outside the strategy "
                                    f"({THIS_YEAR - 1}–{THIS_YEAR + 2})."]
    assert await db.count(graph, "IndicatorPeriod") == 0

    set_ = await ok(graph, settings, SET_TARGET, {"input": {"indicatorId": indicator, "period": THIS_YEAR + 2,
                                                           "value": 40}}, scope=w.coordinator)
    assert set_["setIndicatorTarget"]["periods"] == [{"period": THIS_YEAR + 2, "target": 40.0, "actual": None}]


async def test_a_computed_indicator_takes_no_recorded_actual_and_an_unknown_measure_is_refused(
        graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    strategy = await small_strategy(graph, settings, w.coordinator)
    indicator = await computed_indicator(graph, settings, w.coordinator, strategy["objectives"]["R1"], "VICTIMS",
                                         "VICTIMS_IDENTIFIED", 10)
    refused = await run(graph, settings, RECORD_ACTUAL, {"input": {"indicatorId": indicator, "period": THIS_YEAR,
                                                                   "value": 3}}, scope=w.coordinator)
    assert refused.codes == ["CONFLICT"]
    unknown = await run(graph, settings, ADD_INDICATOR, {"input": {
        "objectiveId": strategy["objectives"]["R1"], "code": "X", "title": title("X"), "unit": "n",
        "measure": "EVERYTHING"}}, scope=w.coordinator)
    assert unknown.codes == ["BAD_USER_INPUT"]


async def test_dashboard_fills_itself_from_cases_and_flags_what_is_off_track(graph: Graph,
                                                                             settings: Settings) -> None:
    w = await world(graph)
    strategy = await small_strategy(graph, settings, w.coordinator)
    await computed_indicator(graph, settings, w.coordinator, strategy["objectives"]["R1"], "VICTIMS",
                             "VICTIMS_IDENTIFIED", 2)

    def victims(dashboard: dict) -> dict:
        protection = next(a for a in dashboard["axes"] if a["code"] == "PROTECTION")
        return protection["objectives"][0]["indicators"][0]

    before = (await ok(graph, settings, DASHBOARD, {"id": strategy["id"]}, scope=w.analyst))["strategyDashboard"]
    assert before["period"] == THIS_YEAR
    assert victims(before) == {"indicator": {"code": "VICTIMS", "measure": "VICTIMS_IDENTIFIED"}, "target": 2.0,
                               "actual": 0.0, "progress": 0.0, "offTrack": True}
    assert [i["indicator"]["code"] for i in before["indicatorsOffTrack"]] == ["VICTIMS"]

    await open_case_for(graph, settings, w.worker_a)
    middle = (await ok(graph, settings, DASHBOARD, {"id": strategy["id"]}, scope=w.analyst))["strategyDashboard"]
    assert victims(middle)["actual"] == 1.0
    assert victims(middle)["progress"] == 0.5

    await open_case_for(graph, settings, w.worker_a)
    after = (await ok(graph, settings, DASHBOARD, {"id": strategy["id"]}, scope=w.analyst))["strategyDashboard"]
    assert victims(after)["actual"] == 2.0
    assert victims(after)["offTrack"] is False
    assert after["indicatorsOffTrack"] == []
    protection = next(a for a in after["axes"] if a["code"] == "PROTECTION")
    assert protection["progress"] == 1.0

    outside = await run(graph, settings, DASHBOARD, {"id": strategy["id"], "period": THIS_YEAR + 5}, scope=w.analyst)
    assert outside.codes == ["BAD_USER_INPUT"]


async def test_overdue_action_alerts_its_lead_agency_once_and_only_it_may_update(graph: Graph,
                                                                                 settings: Settings) -> None:
    w = await world(graph)
    strategy = await small_strategy(graph, settings, w.coordinator)
    created = await ok(graph, settings, ADD_ACTION, {"input": {
        "objectiveId": strategy["objectives"]["P2"], "code": "A-TRAIN", "title": title("Train labour inspectors"),
        "leadAgencyCode": "MIN-SOC", "partnerCodes": ["NGO-A"], "startDate": f"{THIS_YEAR}-01-01",
        "dueDate": f"{THIS_YEAR + 1}-06-30", "budget": 25000}}, scope=w.coordinator)
    action = created["addStrategyAction"]
    assert action["leadAgency"] == {"code": "MIN-SOC"}
    assert action["partners"] == [{"code": "NGO-A"}]
    unknown = await run(graph, settings, ADD_ACTION, {"input": {
        "objectiveId": strategy["objectives"]["P2"], "code": "A-X", "title": title("X"),
        "leadAgencyCode": "NOWHERE"}}, scope=w.coordinator)
    assert unknown.codes == ["BAD_USER_INPUT"]

    assert await raise_overdue_actions(graph) == 0
    await db.make_action_late(graph, action["id"])
    dashboard = (await ok(graph, settings, DASHBOARD, {"id": strategy["id"]}, scope=w.coordinator))
    assert dashboard["strategyDashboard"]["actionsOverdue"] == [{"code": "A-TRAIN", "leadAgency": {"code": "MIN-SOC"}}]
    assert await raise_overdue_actions(graph) == 1
    assert await raise_overdue_actions(graph) == 0
    alerts = await db.alerts_of_kind(graph, "STRATEGY_ACTION_OVERDUE")
    assert [(a["subjectId"], a["users"]) for a in alerts] == [(action["id"], [w.ministry_user])]

    # A partner of another organisation cannot touch the action; the lead agency's member can.
    stranger = await run(graph, settings, UPDATE_ACTION, {"input": {"actionId": action["id"], "status": "DONE"}},
                         scope=w.partner_a)
    assert stranger.codes == ["NOT_FOUND"]
    assert (await db.properties(graph, "StrategyAction", action["id"]))["status"] == "PLANNED"
    lead = Scope(w.ministry_user, Role.PARTNER_AGENT, w.ministry)
    done = await ok(graph, settings, UPDATE_ACTION, {"input": {"actionId": action["id"], "status": "DONE",
                                                              "evidence": ["Attendance sheets, 3 sessions"]}},
                    scope=lead)
    assert done["updateStrategyAction"]["status"] == "DONE"
    assert done["updateStrategyAction"]["evidence"] == ["Attendance sheets, 3 sessions"]
    again = await run(graph, settings, UPDATE_ACTION, {"input": {"actionId": action["id"], "status": "IN_PROGRESS"}},
                      scope=lead)
    assert again.codes == ["CONFLICT"]
    dashboard = (await ok(graph, settings, DASHBOARD, {"id": strategy["id"]}, scope=w.coordinator))
    assert dashboard["strategyDashboard"]["actionsOverdue"] == []
