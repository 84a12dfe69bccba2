"""The core job in a few clicks: open a case, find assistance, refer; the partner accepts in its own browser,
and the sender sees it."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import expect

from tests.console.conftest import ConsolePage, ConsoleServer

VICTIM_OF = "query($r: String) { cases(reference: $r, first: 1) { edges { node { victim { id } } } } }"
RECORD_CONSENT = "mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }"


def record_referral_consent(server: ConsoleServer, username: str, reference: str, organization: str) -> None:
    """The victim's consent to share with that organisation, recorded through the API as the case worker."""
    account = server.accounts[username]
    with httpx.Client(base_url=server.base_url, timeout=60) as http:
        signed_in = http.post("/auth/login", json={"username": account.username, "password": account.password})
        assert signed_in.status_code == 200, signed_in.text
        headers = {"Authorization": f"Bearer {signed_in.json()['access_token']}"}
        found = http.post("/graphql", json={"query": VICTIM_OF, "variables": {"r": reference}}, headers=headers)
        victim = found.json()["data"]["cases"]["edges"][0]["node"]["victim"]["id"]
        recorded = http.post("/graphql", headers=headers, json={"query": RECORD_CONSENT, "variables": {"input": {
            "victimId": victim, "organizationCode": organization, "purpose": "REFERRAL"}}})
        assert recorded.json().get("errors") is None, recorded.text


def test_case_worker_refers_and_the_partner_accepts(console: ConsolePage, second_console: ConsolePage) -> None:
    page = console.sign_in("demo.caseworker")
    page.get_by_role("link", name="Dossiers").click()
    page.get_by_role("button", name="Ouvrir un dossier").click()
    page.get_by_label("Alias de la victime (jamais le vrai nom)").fill("Awa test")
    page.get_by_label("Sexe").select_option("FEMALE")
    page.get_by_label("Nationalité").fill("CI")
    page.get_by_label("Servitude domestique").check()
    page.get_by_role("form", name="Ouvrir un dossier").get_by_role("button", name="Ouvrir un dossier").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"HIM-\d{4}-\d+"))
    reference = heading.inner_text().strip()
    console.screenshot("fr-case-page")

    page.get_by_role("link", name="Trouver une aide pour ce dossier").click()
    page.get_by_label("Retour volontaire et rapatriement").check()
    page.get_by_role("button", name="Chercher les services").click()
    match = page.locator("li.match", has_text="Aide au retour volontaire (démo)")
    expect(match).to_be_visible()
    expect(match.locator(".reasons li").first).to_be_visible()
    # The consent check is visible: this new victim has given no consent yet.
    expect(match.get_by_text("Aucun consentement valide pour cette organisation")).to_be_visible()
    expect(page.get_by_role("heading", name="Services écartés, et pourquoi")).to_be_visible()
    console.screenshot("fr-find-assistance")
    # Sharing needs the victim's consent: recorded (as the worker would, with the victim), then searched again.
    record_referral_consent(console.server, "demo.caseworker", reference,
                            console.server.accounts["demo.partner"].organization)
    page.get_by_role("button", name="Chercher les services").click()
    match = page.locator("li.match", has_text="Aide au retour volontaire (démo)")
    expect(match.get_by_text("Aucun consentement valide pour cette organisation")).to_have_count(0)
    match.get_by_label("Urgence").select_option("PRIORITY")
    note = f"Arrivée prévue lundi ({reference})"
    match.get_by_label("Note pour le service (sans données d'identité)").fill(note)
    match.get_by_role("button", name="Orienter vers ce service").click()
    expect(match.get_by_role("status")).to_contain_text("Orientation envoyée")

    partner = second_console.sign_in("demo.partner")
    partner.locator("nav.sidenav").get_by_role("link", name="Orientations").click()
    # The partner may not see the case itself (need to know): the referral is found by its note.
    row = partner.locator("tr", has_text=note)
    expect(row).to_be_visible()
    expect(row).to_contain_text("En attente")
    second_console.screenshot("fr-referrals-partner")
    row.get_by_role("button", name="Accepter").click()
    expect(partner.locator("tr", has_text=note)).to_contain_text("Acceptée")
    # Capacity in one click: the service's free places go down by one.
    capacity = partner.locator(".capacity li", has_text="Aide au retour volontaire (démo)")
    before = int(capacity.locator("strong").inner_text())
    capacity.get_by_role("button", name=re.compile("^−")).click()
    expect(capacity.locator("strong")).to_have_text(str(before - 1))

    page.locator("nav.sidenav").get_by_role("link", name="Orientations").click()
    sent = page.locator("tr", has_text=note)
    expect(sent).to_contain_text("Acceptée")
