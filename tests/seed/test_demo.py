"""The demo network: idempotent, complete enough to demonstrate every workflow, and fictional."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from graph.access.scope import Role
from graph.db import Graph
from seed import names
from seed.demo import DEMO_ACCOUNTS_FILE, create_demo_accounts, load_demo
from tests.seed import repository as seeded
from tests.support import repository as support

VICTIM_PROPERTIES = {"id", "alias", "sex", "ageBand", "birthYear", "birthDatePrecision", "minor", "nationality",
                     "languages", "specialNeeds", "createdAt", "updatedAt", "version", "syncSeq"}


async def test_demo_is_idempotent(graph: Graph) -> None:
    first = await load_demo(graph)
    assert first.created["cases"] == 8
    labels = await support.count_by_label(graph)
    relationships = await seeded.relationship_counts(graph)

    second = await load_demo(graph)

    assert not any(second.created.values())
    assert second.describe() == "demo network already loaded: nothing to add"
    assert await support.count_by_label(graph) == labels
    assert await seeded.relationship_counts(graph) == relationships


async def test_demo_covers_every_referral_state_and_organisation_kind(graph: Graph) -> None:
    await load_demo(graph)

    assert set(await seeded.referral_statuses(graph)) == set(names.REFERRAL_STATUSES)
    assert await seeded.organization_kinds(graph) == set(names.ORGANIZATION_KINDS)
    counts = await support.count_by_label(graph)
    assert counts["Service"] >= 30
    assert counts["Consent"] >= 8
    cases = await support.all_properties(graph, "Case")
    assert {c["status"] for c in cases} == set(names.CASE_STATUSES)
    assert all(re.fullmatch(r"HIM-\d{4}-\d{6}", c["reference"]) for c in cases)
    assert await seeded.orphans(graph) == {"cases": 0, "referrals": 0, "services": 0, "consents": 0}


async def test_demo_services_capacity_matches_accepted_referrals(graph: Graph) -> None:
    await load_demo(graph)

    rows = await seeded.capacities(graph)
    assert all(r["available"] == r["maximum"] - r["accepted"] >= 0 for r in rows)
    assert any(r["available"] == 0 for r in rows), "some demo services are full"


async def test_demo_holds_no_real_looking_personal_data(graph: Graph) -> None:
    await load_demo(graph)

    victims = await support.all_properties(graph, "Victim")
    assert victims
    assert all(set(v) <= VICTIM_PROPERTIES for v in victims), "victims carry aliases only, no names"
    assert all(re.fullmatch(r"V-[A-Z]{3}-\d{2}", v["alias"]) for v in victims)
    assert (await support.count_by_label(graph)).get("Identity", 0) == 0
    demo_phones = await seeded.contact_phones(graph)
    assert demo_phones and all(re.fullmatch(r"\+216 70 000 \d{3}", p) for p in demo_phones)
    services = await support.all_properties(graph, "Service")
    categories = set(names.service_categories())
    assert all(s["category"] in categories for s in services)


async def test_demo_accounts_are_created_once_with_private_credentials(graph: Graph, tmp_path: Path) -> None:
    await load_demo(graph)

    lines = await create_demo_accounts(graph, tmp_path)

    assert len(lines) == len(Role)
    accounts = await seeded.users(graph)
    assert {a["role"] for a in accounts} == {r.value for r in Role}
    credentials = tmp_path / DEMO_ACCOUNTS_FILE
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    assert credentials.read_text(encoding="utf-8").count("password=") == len(Role)
    assert await create_demo_accounts(graph, tmp_path) == []
    assert credentials.read_text(encoding="utf-8").count("password=") == len(Role)
