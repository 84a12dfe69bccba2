"""Accounts and oversight in the console, as people would use them: an administrator creates an account and the new
member enrols from the one-time link in a browser of their own (password policy, QR code, secret, TOTP sign-in); an
organisation's administrator manages its own members only; the data protection officer finds the read of a victim's
identity in the audit trail; a second coordinator decides the identification the first requested (who cannot decide
their own). Screens in French and Arabic (right to left), axe-checked, screenshots kept as artefacts."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from tests.console.conftest import ConsolePage
from tests.console.oversight_support import api, bearer_api, demo_case_id, public_api, sign_in_as

PASSWORD = "une phrase de passe assez longue 2026"
MEMBERS = """query($o: ID) { organizationMembers(organizationId: $o) { username } }"""
ORGANIZATION = """query($c: String!) { organization(code: $c) { id } }"""
CREATE = """mutation($input: CreateAccountInput!) { createAccount(input: $input) { token } }"""
ENROL = """mutation($t: String!, $p: String!) { completeEnrolment(token: $t, password: $p) { username otpauthUri } }"""
IDENTITY = """query($v: ID!, $r: String!) { victimIdentity(victimId: $v, reason: $r) { __typename } }"""
VICTIM = """query($id: ID!) { case(id: $id) { victim { id } } }"""


def _create_through_the_console(admin: Page, username: str, role: str) -> str:
    """The administrator creates the account on the Users screen; the one-time link is shown once, with its QR."""
    admin.locator("nav.sidenav").get_by_role("link", name="Utilisateurs").click()
    expect(admin.get_by_role("heading", name="Utilisateurs", level=1)).to_be_visible()
    admin.locator("input[name=new-username]").fill(username)
    admin.locator("select[name=new-role]").select_option(role)
    admin.get_by_role("button", name="Créer et obtenir le lien d'activation").click()
    box = admin.get_by_role("status", name=f"Compte {username} créé.")
    expect(box).to_be_visible()
    expect(box.get_by_role("img", name="Code QR du lien d'activation")).to_be_visible()
    expect(box.get_by_role("button", name="Copier le lien")).to_be_visible()
    url = box.get_by_test_id("enrolment-url").inner_text().strip()
    # The link names the configured public address (HIMAYA_PUBLIC_BASE_URL), the token in the fragment only.
    link = re.fullmatch(r"https?://[^/]+(/console/enrol#token=[\w-]{20,})", url)
    assert link is not None, url
    return admin.url.split("/console", 1)[0] + link[1]


def _enrol(tab: ConsolePage, url: str, username: str) -> str:
    """The new member opens the link in their own browser, sets a password and reads the TOTP secret shown."""
    page = tab.page
    page.goto(url)
    expect(page.get_by_role("heading", name="Activer votre compte")).to_be_visible()
    assert "token" not in page.url  # wiped from the address bar once read
    page.get_by_label("Nouveau mot de passe").fill("court")
    page.get_by_label("Répétez le mot de passe").fill("court")
    page.get_by_role("button", name="Activer le compte").click()
    expect(page.get_by_role("alert")).to_have_text("Le mot de passe doit contenir au moins 12 caractères.")
    page.get_by_label("Nouveau mot de passe").fill(PASSWORD)
    page.get_by_label("Répétez le mot de passe").fill(PASSWORD + "!")
    page.get_by_role("button", name="Activer le compte").click()
    expect(page.get_by_role("alert")).to_have_text("Les deux mots de passe ne sont pas identiques.")
    page.get_by_label("Répétez le mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Activer le compte").click()
    expect(page.get_by_role("status").first).to_have_text(f"Votre compte {username} est prêt.")
    expect(page.get_by_role("img", name="Code QR à scanner dans l'application d'authentification")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret), secret
    return secret


def test_admin_creates_an_account_the_member_enrols_from_the_link_and_signs_in(
        console: ConsolePage, second_console: ConsolePage) -> None:
    admin = console.sign_in("demo.admin")
    url = _create_through_the_console(admin, "test.coordination", "COORDINATOR")
    row = admin.locator("tr", has_text="test.coordination")
    expect(row).to_contain_text("Désactivé ou en attente d'activation")
    console.screenshot("fr-users")
    assert console.axe_violations() == []

    secret = _enrol(second_console, url, "test.coordination")
    second_console.screenshot("fr-enrol-done")
    second_console.page.get_by_role("link", name="Aller à la connexion").click()
    member = sign_in_as(second_console, "test.coordination", PASSWORD, secret)
    expect(member.locator(".whoami")).to_contain_text("test.coordination · Coordinateur national")

    # The link was good once: opened again, it is refused with a clear message.
    again = second_console.context.new_page()
    again.goto(url)
    again.get_by_label("Nouveau mot de passe").fill(PASSWORD)
    again.get_by_label("Répétez le mot de passe").fill(PASSWORD)
    again.get_by_role("button", name="Activer le compte").click()
    expect(again.get_by_role("alert")).to_have_text(
        "Ce lien d'inscription a déjà servi : demandez-en un nouveau à votre administrateur.")

    # The administrator resets the second factor (a new link, shown once) and the account is suspended.
    admin.reload()
    expect(admin.locator("tr", has_text="test.coordination")).to_contain_text("Actif")
    admin.get_by_role("button", name="Réinitialiser le second facteur de test.coordination").click()
    reset = admin.get_by_role("status", name=re.compile("Second facteur de test.coordination réinitialisé"))
    expect(reset).to_be_visible()
    expect(admin.locator("tr", has_text="test.coordination")).to_contain_text("Désactivé ou en attente d'activation")

    admin.get_by_role("combobox", name="Langue").select_option("ar")
    expect(admin.get_by_role("heading", name="المستخدمون", level=1)).to_be_visible()
    assert admin.evaluate("() => document.documentElement.dir") == "rtl"
    console.screenshot("ar-users")
    assert console.axe_violations() == []


def test_enrolment_page_in_arabic_is_right_to_left(console: ConsolePage) -> None:
    page = console.open("/console/enrol")
    expect(page.get_by_role("alert")).to_have_text(re.compile("Ce lien d'activation est incomplet"))
    page.get_by_role("combobox", name="Langue").select_option("ar")
    expect(page.get_by_role("heading", name="تفعيل حسابك")).to_be_visible()
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    console.screenshot("ar-enrol")
    assert console.axe_violations() == []


def test_organisation_admin_manages_its_own_members_only(console: ConsolePage) -> None:
    server = console.server
    created = api(server, "demo.admin", CREATE, {"input": {"username": "amal.admin", "role": "CASE_WORKER",
                                                          "organizationCode": "DEMO-AMAL", "organizationAdmin": True}})
    assert created.get("errors") is None, created
    token = created["data"]["createAccount"]["token"]
    enrolled = public_api(server, ENROL, {"t": token, "p": PASSWORD})
    assert enrolled["data"]["completeEnrolment"]["username"] == "amal.admin"

    page = sign_in_as(console, "amal.admin", PASSWORD, None)
    page.locator("nav.sidenav").get_by_role("link", name="Utilisateurs").click()
    expect(page.get_by_text("Vous administrez les comptes des membres de votre organisation.")).to_be_visible()
    table = page.locator("table.list")
    expect(table).to_contain_text("demo.caseworker")
    expect(table).not_to_contain_text("demo.partner")
    expect(table).not_to_contain_text("demo.coordinator")
    # No choice of organisation, and only the roles an organisation may give its own members.
    expect(page.get_by_role("combobox", name="Organisation")).to_have_count(0)
    roles = page.locator("select[name=new-role] option").all_inner_texts()
    assert "Coordinateur national" not in roles
    assert "Travailleur social" in roles

    page.locator("input[name=new-username]").fill("amal.stagiaire")
    page.get_by_role("button", name="Créer et obtenir le lien d'activation").click()
    box = page.get_by_role("status", name="Compte amal.stagiaire créé.")
    link = box.get_by_test_id("enrolment-url").inner_text().strip()
    # The new member enrols (no second factor for a case worker); the organisation's admin then disables them.
    assert public_api(server, ENROL, {"t": link.split("#token=", 1)[1], "p": PASSWORD}).get("errors") is None
    page.reload()
    row = page.locator("tr", has_text="amal.stagiaire")
    expect(row).to_contain_text("Actif")
    console.screenshot("fr-users-organisation-admin")
    assert console.axe_violations() == []
    row.get_by_role("button", name="Désactiver le compte amal.stagiaire").click()
    expect(page.get_by_role("status").filter(has_text="Compte amal.stagiaire désactivé")).to_be_visible()
    expect(row).to_contain_text("Désactivé ou en attente d'activation")

    # Another organisation's members stay out of reach, even asked for directly through the API.
    other = api(server, "demo.admin", ORGANIZATION, {"c": "DEMO-OIMD"})["data"]["organization"]["id"]
    refused = bearer_api(server, "amal.admin", PASSWORD, MEMBERS, {"o": other})
    assert refused["data"] is None
    assert refused["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_data_protection_officer_finds_the_read_of_a_victim_identity(console: ConsolePage) -> None:
    server = console.server
    victim = api(server, "demo.coordinator", VICTIM, {"id": demo_case_id("V-TUN-01")})["data"]["case"]["victim"]["id"]
    read = api(server, "demo.coordinator", IDENTITY, {"v": victim, "r": "Vérification avant audition (test)"})
    assert read.get("errors") is None, read

    page = console.sign_in("demo.dpo")
    # The audit trail is the data protection officer's home screen.
    expect(page.get_by_role("heading", name="Journal d'audit", level=1)).to_be_visible()
    page.get_by_label("Action (opération)").fill("victimIdentity")
    page.get_by_role("button", name="Rechercher").click()
    row = page.locator("tr[data-action=victimIdentity]").first
    expect(row).to_contain_text("Vérification avant audition (test)")
    expect(row).to_contain_text("demo.coordinator")
    expect(row).to_contain_text("Coordinateur national")
    expect(row).to_contain_text("Réussi")
    expect(row).to_contain_text(victim)
    expect(page.locator("tbody tr:not([data-action=victimIdentity])")).to_have_count(0)
    console.screenshot("fr-audit")
    assert console.axe_violations() == []

    # Clicking the actor narrows the trail to what that person did.
    row.get_by_role("button", name="Voir toutes les actions de cet auteur").click()
    expect(page.get_by_label("Auteur (identifiant du compte)")).not_to_have_value("")
    expect(page.locator("tbody tr").first).to_contain_text("demo.coordinator")

    page.get_by_role("combobox", name="Langue").select_option("ar")
    expect(page.get_by_role("heading", name="سجل التدقيق", level=1)).to_be_visible()
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    # Ids stay left to right inside the Arabic page.
    assert page.locator("tbody code").first.evaluate("e => getComputedStyle(e.closest('bdi')).direction") == "ltr"
    console.screenshot("ar-audit")
    assert console.axe_violations() == []

    page.locator("nav.sidenav").get_by_role("link", name="حسابي").click()
    expect(page.locator("main")).to_contain_text("demo.dpo")
    expect(page.locator("main")).to_contain_text("auditTrail")
    console.screenshot("ar-me")
    assert console.axe_violations() == []


def test_a_second_coordinator_decides_the_identification_the_first_requested(
        console: ConsolePage, second_console: ConsolePage) -> None:
    server = console.server
    created = api(server, "demo.admin", CREATE, {"input": {"username": "test.second.coordinator",
                                                          "role": "COORDINATOR", "organizationCode": "INLTP"}})
    token = created["data"]["createAccount"]["token"]
    uri = public_api(server, ENROL, {"t": token, "p": PASSWORD})["data"]["completeEnrolment"]["otpauthUri"]
    secret = parse_qs(urlsplit(uri).query)["secret"][0]

    first = console.sign_in("demo.coordinator")
    first.goto(console.server.base_url + "/console/cases/" + demo_case_id("V-SFX-02"))
    expect(first.get_by_role("heading", name="Approbations")).to_be_visible()
    first.get_by_label("Motif de la demande d'identification").fill("Indicateurs concordants, entretien du 12")
    first.get_by_role("button", name="Demander l'identification").click()
    expect(first.get_by_role("status").filter(has_text="Demande d'identification envoyée")).to_be_visible()

    first.locator("nav.sidenav").get_by_role("link", name="Approbations").click()
    request = first.locator("li[data-approval=IDENTIFICATION]", has_text="Indicateurs concordants, entretien du 12")
    expect(request).to_be_visible()
    request.get_by_label("Motif").fill("Je valide ma propre demande")
    request.get_by_role("button", name="Approuver l'identification").click()
    expect(request.get_by_role("alert")).to_have_text(
        "Vous ne pouvez pas approuver votre propre demande : un autre coordinateur doit décider.")
    console.screenshot("fr-approvals")
    assert console.axe_violations() == []

    second = sign_in_as(second_console, "test.second.coordinator", PASSWORD, secret)
    second.locator("nav.sidenav").get_by_role("link", name="Approbations").click()
    theirs = second.locator("li[data-approval=IDENTIFICATION]", has_text="Indicateurs concordants, entretien du 12")
    theirs.get_by_label("Motif").fill("Dossier complet, identification justifiée")
    theirs.get_by_role("button", name="Approuver l'identification").click()
    expect(second.get_by_role("status").filter(has_text="approuvée")).to_be_visible()
    expect(second.locator("li[data-approval=IDENTIFICATION]", has_text="Indicateurs concordants")).to_have_count(0)

    first.goto(console.server.base_url + "/console/cases/" + demo_case_id("V-SFX-02"))
    expect(first.locator(".badge-case-identified")).to_be_visible()
    approvals = first.locator("article[aria-labelledby=case-approvals]")
    expect(approvals).to_contain_text("Dossier complet, identification justifiée")
    first.get_by_role("combobox", name="Langue").select_option("ar")
    first.locator("nav.sidenav").get_by_role("link", name="المصادقات").click()
    expect(first.get_by_role("heading", name="المصادقات المعلقة", level=1)).to_be_visible()
    assert first.evaluate("() => document.documentElement.dir") == "rtl"
    console.screenshot("ar-approvals")
    assert console.axe_violations() == []
