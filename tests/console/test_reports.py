"""The reports inbox: triage, a message to the anonymous reporter, linking to a case, transmission to the court
with a preview and the PDF, and the chain of custody."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.console.conftest import ConsolePage


def test_coordinator_triages_and_transmits_a_report(console: ConsolePage) -> None:
    page = console.sign_in("demo.coordinator")
    page.get_by_role("link", name="Signalements").click()
    row = page.locator("tr", has_text="SIG-2026-000002")
    expect(row).to_contain_text("Reçu")
    console.screenshot("fr-reports")
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SIG-2026-000002")
    page.get_by_role("button", name="Prendre en examen").click()
    expect(page.get_by_text("Statut modifié.")).to_be_visible()

    page.get_by_label("Répondre au déclarant").fill("Merci, nous examinons votre signalement.")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator(".message-to_reporter")).to_contain_text("nous examinons")

    link = page.get_by_label("Lier à un dossier")
    expect(link.locator("option", has_text="HIM-2026-900007")).to_be_attached()
    link.select_option(label=link.locator("option", has_text="HIM-2026-900007").inner_text())
    page.get_by_role("button", name="Lier à un dossier").click()
    expect(page.locator(".badge", has_text="Lié à un dossier")).to_be_visible()

    preview = page.locator("dl.preview")
    expect(preview).to_contain_text("SIG-2026-000002")
    page.get_by_label("Récit", exact=True).uncheck()
    expect(preview.locator("dt", has_text="Récit")).to_have_count(0)
    console.screenshot("fr-report-transmit")
    page.locator("form", has=page.get_by_role("group", name="Contenu du dossier transmis")).get_by_role(
        "button", name="Transmettre au parquet").click()
    expect(page.get_by_text(re.compile("Transmis à .*Empreinte du contenu"))).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Ouvrir le PDF de la transmission").click()
    pdf = download.value
    assert pdf.suggested_filename.endswith(".pdf")
    with open(pdf.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    custody = page.locator("ol.timeline")
    expect(custody.locator("li")).to_have_count(5)
    expect(custody.locator("li[data-action=TRANSMITTED]")).to_contain_text("Transmis au parquet")
