"""Publishing guidelines: four eyes, numbered versions, old versions readable, devices told through changes()."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt

from api.settings import Settings
from graph.db import Graph
from tests.strategy import repository as db
from tests.strategy.support import title, world
from tests.support.graphql import ok, run

DRAFT = """
mutation($input: DraftGuidelineInput!) { draftGuideline(input: $input) { id status version actorType title { en } } }
"""
APPROVE = "mutation($id: ID!) { approveGuideline(guidelineVersionId: $id) { id status approvedBy } }"
PUBLISH = """
mutation($input: PublishGuidelineInput!) { publishGuideline(input: $input) { id status version effectiveDate } }
"""
SET_ACTOR_TYPES = """
mutation($code: String!, $types: [String!]!) {
  setOrganizationActorTypes(organizationCode: $code, actorTypes: $types) { organizationCode actorTypes }
}
"""
CHANGES = """
query($since: String) {
  changes(since: $since) {
    nextCursor guidelines { actorType version effectiveDate title { en } watchFor { fr ar en } }
  }
}
"""
GUIDELINES = "query { guidelines(actorType: \"LABOUR_INSPECTOR\") { version effectiveDate title { en } } }"
VERSIONS = "query { guidelineVersions(actorType: \"LABOUR_INSPECTOR\") { version status } }"
DOCUMENT = """
query($version: Int, $language: DocumentLanguage!) {
  guidelineDocument(actorType: "LABOUR_INSPECTOR", version: $version, language: $language) {
    filename contentType contentBase64
  }
}
"""


def draft_input() -> dict:
    def bullets(*texts: str) -> dict:
        return {"fr": [f"{t} (fr)" for t in texts], "ar": [f"{t} (ar)" for t in texts], "en": list(texts)}
    return {"actorType": "LABOUR_INSPECTOR", "title": title("Labour inspection 2027"),
            "watchFor": bullets("Workers sleeping on site", "Passports kept by the employer"),
            "whatToDo": bullets("Talk to each worker alone", "Call the authority's line")}


async def test_the_author_cannot_approve_and_nothing_unapproved_is_published(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    draft = (await ok(graph, settings, DRAFT, {"input": draft_input()}, scope=w.coordinator))["draftGuideline"]
    assert draft["status"] == "DRAFT"
    assert draft["version"] is None

    own = await run(graph, settings, APPROVE, {"id": draft["id"]}, scope=w.coordinator)
    assert own.codes == ["FORBIDDEN"]
    assert own.messages == ["The author of a draft cannot approve it: another coordinator must."]
    unapproved = await run(graph, settings, PUBLISH, {"input": {"guidelineVersionId": draft["id"],
                                                                "effectiveDate": dt.date.today().isoformat()}},
                           scope=w.coordinator_2)
    assert unapproved.codes == ["CONFLICT"]
    assert unapproved.messages == ["This draft has not been approved: it cannot be published."]
    stored = await db.properties(graph, "GuidelineVersion", draft["id"])
    assert stored["status"] == "DRAFT"
    assert "version" not in stored
    assert await db.alerts_of_kind(graph, "GUIDELINE_PUBLISHED") == []
    # A partner agent never sees drafts, nor can it draft.
    assert (await ok(graph, settings, VERSIONS, scope=w.partner_a))["guidelineVersions"] == []
    assert (await run(graph, settings, DRAFT, {"input": draft_input()}, scope=w.partner_a)).codes == ["FORBIDDEN"]
    uneven = draft_input()
    uneven["watchFor"]["ar"] = uneven["watchFor"]["ar"][:1]
    assert (await run(graph, settings, DRAFT, {"input": uneven}, scope=w.coordinator)).codes == ["BAD_USER_INPUT"]


async def test_a_published_version_reaches_devices_and_the_old_one_stays_readable(graph: Graph,
                                                                                  settings: Settings) -> None:
    w = await world(graph)
    await ok(graph, settings, SET_ACTOR_TYPES, {"code": "NGO-A", "types": ["LABOUR_INSPECTOR"]}, scope=w.coordinator)
    first_sync = (await ok(graph, settings, CHANGES, {}, scope=w.worker_a))["changes"]
    assert first_sync["guidelines"] == []
    assert (await ok(graph, settings, GUIDELINES, scope=w.worker_a))["guidelines"][0]["version"] == 1

    draft = (await ok(graph, settings, DRAFT, {"input": draft_input()}, scope=w.coordinator))["draftGuideline"]
    approved = (await ok(graph, settings, APPROVE, {"id": draft["id"]}, scope=w.coordinator_2))["approveGuideline"]
    assert approved["status"] == "APPROVED"
    today = dt.date.today().isoformat()
    published = (await ok(graph, settings, PUBLISH, {"input": {"guidelineVersionId": draft["id"],
                                                               "effectiveDate": today}},
                          scope=w.coordinator))["publishGuideline"]
    assert published == {"id": draft["id"], "status": "PUBLISHED", "version": 2, "effectiveDate": today}
    again = await run(graph, settings, PUBLISH, {"input": {"guidelineVersionId": draft["id"], "effectiveDate": today}},
                      scope=w.coordinator)
    assert again.codes == ["CONFLICT"]

    delta = (await ok(graph, settings, CHANGES, {"since": first_sync["nextCursor"]}, scope=w.worker_a))["changes"]
    assert [(g["actorType"], g["version"], g["effectiveDate"], g["title"]["en"]) for g in delta["guidelines"]] == [
        ("LABOUR_INSPECTOR", 2, today, "Labour inspection 2027")]
    assert delta["guidelines"][0]["watchFor"]["ar"] == ["Workers sleeping on site (ar)",
                                                        "Passports kept by the employer (ar)"]
    assert (await ok(graph, settings, GUIDELINES, scope=w.worker_a))["guidelines"] == [
        {"version": 2, "effectiveDate": today, "title": {"en": "Labour inspection 2027"}}]

    alerts = await db.alerts_of_kind(graph, "GUIDELINE_PUBLISHED")
    assert [(a["subjectId"], sorted(a["users"])) for a in alerts] == [
        (draft["id"], sorted([w.partner_a.user_id, w.worker_a.user_id]))]

    # Old versions stay readable: the reference version 1 and the new version 2 both print, in French and Arabic.
    for version, language in ((1, "fr"), (2, "ar"), (None, "fr")):
        document = (await ok(graph, settings, DOCUMENT, {"version": version, "language": language},
                             scope=w.worker_a))["guidelineDocument"]
        assert document["contentType"] == "application/pdf"
        assert base64.b64decode(document["contentBase64"]).startswith(b"%PDF")
        assert document["filename"] == f"LABOUR_INSPECTOR-v{version or 2}-{language}.pdf"
    missing = await run(graph, settings, DOCUMENT, {"version": 7, "language": "fr"}, scope=w.worker_a)
    assert missing.codes == ["NOT_FOUND"]


async def test_two_publications_at_once_get_distinct_numbers(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    drafts = []
    for _ in range(4):
        draft = (await ok(graph, settings, DRAFT, {"input": draft_input()}, scope=w.coordinator))["draftGuideline"]
        await ok(graph, settings, APPROVE, {"id": draft["id"]}, scope=w.coordinator_2)
        drafts.append(draft["id"])
    today = dt.date.today().isoformat()
    results = await asyncio.gather(*[run(graph, settings, PUBLISH, {"input": {"guidelineVersionId": d,
                                                                              "effectiveDate": today}},
                                         scope=w.coordinator) for d in drafts])
    assert sorted(r.data["publishGuideline"]["version"] for r in results if r.data) == [2, 3, 4, 5]
