"""The console adds no back door: a case worker who types the address of another organisation's case sees
nothing of it."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.console.conftest import ConsolePage


def test_case_worker_cannot_open_another_organisations_case_by_its_url(console: ConsolePage,
                                                                      second_console: ConsolePage) -> None:
    coordinator = second_console.sign_in("demo.coordinator")
    coordinator.locator("nav.sidenav").get_by_role("link", name="Dossiers").click()
    other = coordinator.locator("tr", has_text="Réseau Jasr Médenine (démo)").first
    expect(other).to_be_visible()
    reference = other.locator("th").inner_text().strip()
    other.get_by_role("link").click()
    expect(coordinator.locator("main h1")).to_have_text(reference)
    address = coordinator.url.split("/console", 1)[1]

    worker = console.sign_in("demo.caseworker")
    worker.locator("nav.sidenav").get_by_role("link", name="Dossiers").click()
    expect(worker.locator("table.list")).to_be_visible()
    expect(worker.locator("table.list")).not_to_contain_text(reference)
    worker.goto(console.server.base_url + "/console" + address)
    expect(worker.get_by_role("alert")).to_have_text("Page introuvable, ou vous n'y avez pas accès.")
    expect(worker.locator("main")).not_to_contain_text(reference)
