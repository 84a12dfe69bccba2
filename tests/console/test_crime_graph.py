"""The crime graph in the console: a coordinator opens a suspected network, clicks a node of the drawing, sees its
details and neighbours and confirms a link with a reason; a case worker adds a perpetrator and a route event on its
own case; a partner organisation sees only how many other cases share evidence, never which. French and Arabic (right to
left), axe-checked, screenshots kept as artefacts."""

from __future__ import annotations

import datetime as dt
import re
import time

from playwright.sync_api import Page, expect

from tests.console.conftest import ConsolePage
from tests.console.oversight_support import api, demo_case_id

REFERENCE = "query($id: ID!) { case(id: $id) { reference } }"
_GRAPH_READY = """() => { const el = document.querySelector('.crime-graph');
    return !!(el && el._cyreg && el._cyreg.cy && el._cyreg.cy.edges('.caselink').length >= 1); }"""
_LINKED_CASE = """() => { const cy = document.querySelector('.crime-graph')._cyreg.cy;
    const node = cy.nodes('.case').filter(n => n.connectedEdges('.caselink').length > 0)[0];
    const p = node.renderedPosition(); return { x: p.x, y: p.y, label: node.data('label') }; }"""


def _click_a_linked_case(page: Page) -> str:
    """Click, on the canvas, a case node that has a suggested link to another case; its reference."""
    page.wait_for_function(_GRAPH_READY, timeout=120_000)
    box = page.locator(".crime-graph").bounding_box()
    assert box is not None
    node = page.evaluate(_LINKED_CASE)
    page.mouse.click(box["x"] + node["x"], box["y"] + node["y"])
    return str(node["label"])


def _reference(console: ConsolePage, alias: str) -> str:
    found = api(console.server, "demo.coordinator", REFERENCE, {"id": demo_case_id(alias)})
    return str(found["data"]["case"]["reference"])


def test_coordinator_explores_a_suspected_network_and_confirms_a_link(console: ConsolePage) -> None:
    tunis, sfax = _reference(console, "V-TUN-01"), _reference(console, "V-SFX-01")
    page = console.sign_in("demo.coordinator")
    page.locator("nav.sidenav").get_by_role("link", name="Graphe criminel").click()
    expect(page.get_by_role("heading", name="Graphe criminel : réseaux présumés", level=1)).to_be_visible()
    page.get_by_role("button", name="Recalculer les réseaux").click()
    # The whole-graph computation can take minutes on a busy machine (a wait, not a timing assertion).
    expect(page.get_by_role("status").filter(has_text="Réseaux recalculés")).to_be_visible(timeout=600_000)

    # The network where the two NGOs' cases meet through the recruiter's phone.
    page.get_by_role("button", name=re.compile(r"^Réseau \d+ — ")).filter(has_text="Sfax").filter(
        has_text="Tunis").first.click()
    clicked = _click_a_linked_case(page)
    other = sfax if clicked == tunis else tunis
    details = page.get_by_test_id("node-details")
    expect(details).to_contain_text(clicked)
    expect(details).to_contain_text("Voisins (2)")
    expect(details.get_by_role("button", name=f"Dossier — {other}")).to_be_visible()
    console.screenshot("fr-crime-graph")
    assert console.axe_violations() == []

    decision = details.get_by_role("form", name=re.compile("Décision sur le lien"))
    expect(decision).to_contain_text("Suggéré")
    expect(decision).to_contain_text("Téléphone")
    decision.get_by_label("Motif de la décision (obligatoire)").fill("Même recruteur confirmé par les deux auditions")
    decision.get_by_role("button", name="Confirmer le lien").click()
    confirmed = re.compile(f"Lien .*{re.escape(other)}.* confirmé")
    expect(page.get_by_role("status").filter(has_text=confirmed)).to_be_visible()
    expect(decision).to_contain_text("Même recruteur confirmé par les deux auditions")
    expect(decision).to_contain_text("Confirmé")

    # Node by node from the keyboard too: the phone sits between the Tunis recruiter and the Sfax case.
    page.get_by_text("Nœuds du graphe (accès clavier)").click()
    page.locator(".node-list").get_by_role("button", name="Identifiant — Téléphone").click()
    expect(details).to_contain_text("Voisins (2)")
    expect(details).to_contain_text(sfax)
    expect(details).to_contain_text("Sami")

    page.get_by_role("combobox", name="Langue").select_option("ar")
    expect(page.get_by_role("heading", name="الرسم البياني الإجرامي: الشبكات المشتبه بها", level=1)).to_be_visible()
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    # The same network (where Sfax and Tunis meet), not whichever comes first on a busier demo graph.
    page.get_by_role("button", name=re.compile(r"^الشبكة")).filter(has_text="صفاقس").filter(
        has_text="تونس").first.click()
    page.wait_for_function(_GRAPH_READY, timeout=120_000)
    console.screenshot("ar-crime-graph")
    assert console.axe_violations() == []

    # The case page shows the paths to the other case, and the perpetrator's identity only after a stated reason.
    page.get_by_role("combobox", name="اللغة").select_option("fr")
    page.goto(console.server.base_url + "/console/cases/" + demo_case_id("V-TUN-01"))
    links = page.locator("article[aria-labelledby=case-links]")
    expect(links).to_contain_text("Dossiers liés par des éléments communs : 1")
    expect(links.get_by_role("link", name=sfax)).to_be_visible()
    expect(links).to_contain_text("Confirmé")
    sami = page.locator("li[data-perpetrator]", has_text="Sami")
    expect(sami).not_to_contain_text("Ben Salem")
    sami.get_by_role("button", name="Lire l'identité (lecture journalisée)").click()
    sami.locator("input[name=identity-reason]").fill("Préparation de la transmission au parquet")
    sami.get_by_role("button", name="Afficher l'identité").click()
    expect(sami.locator(".identity")).to_contain_text("(fictif) Sami Ben Salem")
    console.screenshot("fr-case-trafficking")
    assert console.axe_violations() == []


def test_case_worker_adds_a_perpetrator_and_a_route_event_on_its_own_case(console: ConsolePage) -> None:
    page = console.sign_in("demo.caseworker")
    page.goto(console.server.base_url + "/console/cases/" + demo_case_id("V-TUN-01"))
    expect(page.get_by_role("heading", name="Auteurs présumés")).to_be_visible()

    page.get_by_role("button", name="Ajouter un auteur présumé").click()
    form = page.get_by_role("form", name="Ajouter un auteur présumé")
    form.locator("input[name=perpetrator-alias]").fill("Intermédiaire Kamel")
    form.locator("select[name=perpetrator-role]").select_option("TRANSPORTER")
    form.locator("select[name=perpetrator-relation]").select_option("OTHER")
    form.locator("input[name=perpetrator-identifier-value]").fill("06 12")
    form.get_by_role("button", name="Enregistrer").click()
    # A malformed phone is refused with the valid format, and nothing is recorded.
    expect(form.get_by_role("alert")).to_contain_text("Numéro de téléphone invalide : donnez un numéro international")
    expect(page.locator("li[data-perpetrator]", has_text="Kamel")).to_have_count(0)
    form.locator("input[name=perpetrator-identifier-value]").fill("+216 55 123 987")
    form.get_by_role("button", name="Enregistrer").click()
    added = page.get_by_role("status").filter(has_text="Auteur présumé « Intermédiaire Kamel » ajouté.")
    expect(added).to_be_visible()
    kamel = page.locator("li[data-perpetrator]", has_text="Kamel")
    expect(kamel).to_contain_text("Transporteur")
    expect(kamel).to_contain_text("Téléphone")

    page.get_by_role("button", name="Ajouter une étape du parcours").click()
    route = page.get_by_role("form", name="Ajouter une étape du parcours")
    route.locator("select[name=route-type]").select_option("TRANSIT")
    route.locator("input[name=route-country]").fill("LBY")
    route.locator("input[name=route-place]").fill("Ras Jedir")
    route.locator("input[name=route-date]").fill("2025-03")
    route.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status").filter(has_text="Étape du parcours ajoutée.")).to_be_visible()
    step = page.locator("li[data-stage=TRANSIT]", has_text="Ras Jedir")
    expect(step).to_contain_text("LBY")
    expect(step).to_contain_text("2025-03")
    console.screenshot("fr-case-worker-trafficking")
    assert console.axe_violations() == []

    page.get_by_role("combobox", name="Langue").select_option("ar")
    expect(page.get_by_role("heading", name="المشتبه بهم")).to_be_visible()
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    # The phone-like codes stay left to right inside the Arabic page.
    assert step.locator("bdi").first.evaluate("e => getComputedStyle(e).direction") == "ltr"
    console.screenshot("ar-case-trafficking")
    assert console.axe_violations() == []


def test_partner_organisations_see_only_how_many_cases_share_evidence(console: ConsolePage,
                                                                       second_console: ConsolePage) -> None:
    sfax = _reference(console, "V-SFX-01")
    # The NGO that owns the Tunis case: a count of the other cases that share its evidence, never which ones.
    page = console.sign_in("demo.caseworker")
    expect(page.locator("nav.sidenav")).not_to_contain_text("Graphe criminel")
    page.goto(console.server.base_url + "/console/cases/" + demo_case_id("V-TUN-01"))
    links = page.locator("article[aria-labelledby=case-links]")
    expect(links).to_contain_text(re.compile(r"Dossiers liés par des éléments communs : [1-9]"))
    expect(links).to_contain_text("Le détail de ces dossiers est réservé à l'Instance")
    expect(links.get_by_role("link")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(sfax)
    console.screenshot("fr-case-organisation-links")
    assert console.axe_violations() == []

    # A partner agent has no crime graph, not even by typing its address.
    partner = second_console.sign_in("demo.partner")
    expect(partner.locator("nav.sidenav")).not_to_contain_text("Graphe criminel")
    partner.goto(console.server.base_url + "/console/crime-graph")
    expect(partner.get_by_role("alert")).to_have_text("Page introuvable, ou vous n'y avez pas accès.")


RECORD_WITNESS = """mutation($input: RecordProtectedPersonInput!) { recordProtectedPerson(input: $input) { id } }"""
MEASURES = """query($id: ID!) { case(id: $id) { protectedPersons { alias measures { kind status responsibleBody
  reviewDue note } } } }"""


def _measures_of(console: ConsolePage, alias: str) -> list[dict[str, object]]:
    found = api(console.server, "demo.coordinator", MEASURES, {"id": demo_case_id("V-SFX-01")})
    person = next(p for p in found["data"]["case"]["protectedPersons"] if p["alias"] == alias)
    return list(person["measures"])


def test_coordinator_puts_a_protection_measure_in_place_and_changes_it(console: ConsolePage) -> None:
    alias = f"Lanceur d'alerte « L{time.time_ns() % 100000} »"
    api(console.server, "demo.coordinator", RECORD_WITNESS, {"input": {
        "caseId": demo_case_id("V-SFX-01"), "role": "WHISTLEBLOWER", "alias": alias, "riskLevel": "HIGH"}})
    page = console.sign_in("demo.coordinator")
    page.goto(console.server.base_url + "/console/cases/" + demo_case_id("V-SFX-01"))
    person = page.get_by_role("article", name="Témoins et lanceurs d'alerte protégés").locator(
        "li", has_text=alias).first
    expect(person).to_be_visible()

    person.get_by_role("button", name="Mettre en place une mesure de protection").click()
    form = person.get_by_role("form", name="Mettre en place une mesure de protection")
    form.locator("select[name=measure-kind]").select_option("RELOCATION")
    form.locator("input[name=measure-body]").fill("Direction de la protection (démo)")
    # A review date already past is refused with the reason, and nothing is recorded.
    form.locator("input[name=measure-review]").fill("2020-01-01")
    form.get_by_role("button", name="Enregistrer").click()
    expect(form.get_by_role("alert")).to_contain_text("La date de révision est déjà passée.")
    assert _measures_of(console, alias) == []

    review = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    form.locator("input[name=measure-review]").fill(review)
    form.locator("textarea[name=measure-note]").fill("Hébergement sûr à Gafsa (démo)")
    form.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status").filter(has_text="Mesure de protection enregistrée.")).to_be_visible()
    measure = person.get_by_test_id("protection-measure").filter(has_text="Direction de la protection")
    expect(measure).to_contain_text("En cours")
    expect(measure).to_contain_text("Hébergement sûr à Gafsa (démo)")
    assert _measures_of(console, alias) == [{"kind": "RELOCATION", "status": "ACTIVE",
                                             "responsibleBody": "Direction de la protection (démo)",
                                             "reviewDue": review, "note": "Hébergement sûr à Gafsa (démo)"}]
    console.screenshot("fr-protection-measure")
    assert console.axe_violations() == []

    measure.get_by_role("button", name="Modifier").click()
    change = measure.get_by_role("form", name="Modifier")
    change.locator("select[name=measure-new-status]").select_option("ENDED")
    change.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status").filter(has_text="Mesure de protection modifiée.")).to_be_visible()
    assert [m["status"] for m in _measures_of(console, alias)] == ["ENDED"]

    page.get_by_role("combobox", name="Langue").select_option("ar")
    expect(page.get_by_role("button", name="اتخاذ تدبير حماية").first).to_be_visible()
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    console.screenshot("ar-protection-measure")
    assert console.axe_violations() == []
