"""Exports: queued by startExport, built by the worker, downloaded by their owner only, until they expire."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from typing import Any

import httpx
from pypdf import PdfReader

from api.auth import accounts as user_rules
from api.settings import Settings
from api.statistics import jobs
from api.statistics.exports import CTDC_COLUMNS, CTDC_QUASI_IDENTIFIERS, RESEARCH_QUASI_IDENTIFIERS
from graph.access.scope import Role
from graph.db import Graph
from tests.api.statistics import repository as probe
from tests.api.statistics.support import NOW, load
from tests.security.audit import repository as audit_probe

START = """
mutation($kind: ExportKind!, $year: Int!, $language: ReportLanguage) {
  startExport(kind: $kind, year: $year, language: $language) { id kind year status progress downloadPath }
}
"""
JOB = "query($id: ID!) { exportJob(id: $id) { id status progress fileName size downloadPath error expiresAt } }"
PASSWORD = "correct horse battery staple"
YEAR = NOW.year - 1


async def token(client: httpx.AsyncClient, graph: Graph, username: str, role: Role = Role.ANALYST) -> str:
    await user_rules.create_user(graph, username=username, password=PASSWORD, role=role, organization_code="INLTP",
                                 with_totp=False)
    response = await client.post("/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


async def graphql(client: httpx.AsyncClient, bearer: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables},
                                 headers={"Authorization": f"Bearer {bearer}"})
    body: dict[str, Any] = response.json()
    return body


async def built(client: httpx.AsyncClient, graph: Graph, settings: Settings, bearer: str, kind: str,
                language: str | None = None) -> dict[str, Any]:
    started = await graphql(client, bearer, START, {"kind": kind, "year": YEAR, "language": language})
    assert "errors" not in started, started
    job = started["data"]["startExport"]
    assert (job["status"], job["progress"], job["downloadPath"]) == ("QUEUED", 0, None)
    assert await jobs.process_one(graph, settings, "test-worker")
    done = (await graphql(client, bearer, JOB, {"id": job["id"]}))["data"]["exportJob"]
    assert (done["status"], done["progress"], done["error"]) == ("DONE", 100, None)
    assert done["downloadPath"] == f"/exports/{job['id']}"
    return dict(done)


def csv_rows(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))


async def test_a_ctdc_export_is_downloaded_by_its_owner_only_until_it_expires(
        client: httpx.AsyncClient, graph: Graph, settings: Settings) -> None:
    await load(graph, settings)
    owner = await token(client, graph, "nadia.analyst")
    other = await token(client, graph, "karim.analyst")
    job = await built(client, graph, settings, owner, "CTDC")

    response = await client.get(job["downloadPath"], headers={"Authorization": f"Bearer {owner}"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert "no-store" in response.headers["cache-control"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    victims = csv_rows(archive, f"ctdc-{YEAR}-victims.csv")
    assert list(victims[0]) == list(CTDC_COLUMNS)
    assert {row["yearOfRegistration"] for row in victims} == {str(YEAR)}
    combos = Counter(tuple(row[q] for q in CTDC_QUASI_IDENTIFIERS) for row in victims)
    assert min(combos.values()) >= settings.publication_k
    assert all(row[c] in {"", "1"} for row in victims for c in CTDC_COLUMNS if c.startswith(("is", "means")))
    text = archive.read(f"ctdc-{YEAR}-victims.csv").decode("utf-8")
    assert "V-STAT-" not in text
    assert "HIM-" not in text  # no alias, no case reference
    aggregates = csv_rows(archive, f"ctdc-{YEAR}-aggregates.csv")
    assert [row["count"] for row in aggregates if row["count"] != "" and int(row["count"]) % 10 != 0] == []
    assert {row["rule"] for row in aggregates} == {"K_ANONYMOUS"}

    # someone else, no token, a bad token, a malformed id: nothing is given away
    assert (await client.get(job["downloadPath"], headers={"Authorization": f"Bearer {other}"})).status_code == 404
    assert (await graphql(client, other, JOB, {"id": job["id"]}))["data"]["exportJob"] is None
    assert (await client.get(job["downloadPath"])).status_code == 401
    assert (await client.get(job["downloadPath"], headers={"Authorization": "Bearer nope"})).status_code == 401
    missing = await client.get("/exports/not-a-uuid", headers={"Authorization": f"Bearer {owner}",
                                                               "Accept-Language": "en"})
    assert missing.status_code == 404
    assert missing.json() == {"error": {"code": "NOT_FOUND", "message": "Not found."}}

    await probe.expire_now(graph, job["id"])
    expired = await client.get(job["downloadPath"], headers={"Authorization": f"Bearer {owner}"})
    assert expired.status_code == 410
    assert expired.json()["error"]["code"] == "EXPIRED"
    assert (await graphql(client, owner, JOB, {"id": job["id"]}))["data"]["exportJob"]["status"] == "EXPIRED"
    assert await jobs.expire(graph, settings) == 1
    assert not jobs.job_file(settings, job["id"]).exists()
    assert await probe.job_status(graph, job["id"]) == "EXPIRED"

    events = [e for e in await audit_probe.all_events(graph) if e["action"] == "downloadExport"]
    assert [e["outcome"] for e in events] == ["OK", "ERROR:NOT_FOUND",
                                              "ERROR:NOT_FOUND", "ERROR:EXPIRED"]
    assert {e["target"][0] for e in events} >= {job["id"]}


async def test_questionnaire_research_and_both_annual_reports(client: httpx.AsyncClient, graph: Graph,
                                                               settings: Settings) -> None:
    await load(graph, settings)
    owner = await token(client, graph, "leila.coordinator", Role.COORDINATOR)
    headers = {"Authorization": f"Bearer {owner}"}

    job = await built(client, graph, settings, owner, "QUESTIONNAIRE")
    archive = zipfile.ZipFile(io.BytesIO((await client.get(job["downloadPath"], headers=headers)).content))
    workbook = zipfile.ZipFile(io.BytesIO(archive.read(f"questionnaire-{YEAR}.xlsx")))
    sheets = [workbook.read(name).decode("utf-8") for name in sorted(workbook.namelist())
              if name.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 3
    assert ['rightToLeft="1"' in sheet for sheet in sheets] == [False, False, True]
    tip = csv_rows(archive, f"questionnaire-{YEAR}-victims_by_group_and_form.csv")
    assert [row["key"] for row in tip][:3] == ["SEX_TRAFFICKING", "FORCED_LABOUR", "FORCED_CRIMINALITY"]
    assert [value for row in tip for key, value in row.items()
            if key != "key" and value not in {"—", "0"} and int(value) % 10 != 0] == []

    job = await built(client, graph, settings, owner, "RESEARCH")
    archive = zipfile.ZipFile(io.BytesIO((await client.get(job["downloadPath"], headers=headers)).content))
    rows = csv_rows(archive, f"research-{YEAR}.csv")
    combos = Counter(tuple(row[q] for q in RESEARCH_QUASI_IDENTIFIERS) for row in rows)
    assert rows and min(combos.values()) >= settings.publication_k
    dictionary = csv_rows(archive, "data-dictionary.csv")
    assert [d["column"] for d in dictionary] == list(rows[0])
    assert all(d["fr"] and d["ar"] and d["en"] for d in dictionary)

    for language, title in (("FR", "Rapport annuel"), ("AR", "التقرير السنوي")):
        job = await built(client, graph, settings, owner, "ANNUAL_REPORT", language)
        response = await client.get(job["downloadPath"], headers=headers)
        assert response.headers["content-type"] == "application/pdf"
        pdf = PdfReader(io.BytesIO(response.content))
        assert len(pdf.pages) >= 5
        assert pdf.metadata is not None and title in str(pdf.metadata.title)
        assert len(pdf.outline) == 8  # the sections, as listed in the table of contents


async def test_bad_export_requests_are_refused(client: httpx.AsyncClient, graph: Graph, settings: Settings) -> None:
    await load(graph, settings)
    analyst = await token(client, graph, "sami.analyst")
    worker = await token(client, graph, "hela.worker", Role.CASE_WORKER)
    for variables, code in (({"kind": "CTDC", "year": 1990}, "BAD_USER_INPUT"),
                            ({"kind": "CTDC", "year": YEAR, "language": "AR"}, "BAD_USER_INPUT"),
                            ({"kind": "PASSPORTS", "year": YEAR}, "BAD_USER_INPUT")):
        body = await graphql(client, analyst, START, variables)
        assert body["errors"][0]["extensions"]["code"] == code, body
        assert body.get("data") is None
    refused = await graphql(client, worker, START, {"kind": "CTDC", "year": YEAR})
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert not await jobs.process_one(graph, settings, "test-worker")  # nothing was queued
