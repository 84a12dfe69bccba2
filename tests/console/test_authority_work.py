"""The authority's own work in the console, driven as its users would: the strategy (a coordinator adds an action,
the partner that leads it moves it), guidelines under four eyes, training up to a certificate checked on the public
page without signing in, campaigns and programmes, exports started, built and downloaded; the analyst sees the
exports and no casework. Each new screen in French and Arabic, with the axe check and screenshots."""

from __future__ import annotations

import asyncio
import io
import re
import zipfile
from pathlib import Path

from playwright.sync_api import Browser, Download, Locator, Page, expect

from api.settings import Settings
from api.statistics import jobs
from graph.db import Graph, create_driver
from tests.console.conftest import AXE, ConsolePage, _in_thread

NEW_SCREENS = [("Stratégie nationale", "الاستراتيجية الوطنية", "strategy"),
               ("Lignes directrices", "المبادئ التوجيهية", "guidelines"), ("Formation", "التكوين", "training"),
               ("Campagnes", "الحملات", "campaigns"), ("Programmes partenaires", "برامج الشركاء", "programmes"),
               ("Exports", "التصدير", "exports")]


def _card(page: Page, heading: str) -> Locator:
    return page.locator("article.card", has=page.get_by_role("heading", name=heading, exact=True))


def _nav(page: Page, name: str) -> None:
    page.locator("nav.sidenav").get_by_role("link", name=name, exact=True).click()


def _downloaded(download: Download) -> bytes:
    path = download.path()
    assert path is not None
    return Path(path).read_bytes()


def _build_queued_exports(settings: Settings) -> int:
    """Run the export worker's own step (as `himaya worker` does) until no job is queued."""
    async def run() -> int:
        assert settings.neo4j_password is not None
        driver = create_driver(settings.effective_neo4j_uri, settings.neo4j_user,
                               settings.neo4j_password.get_secret_value(), pool_size=2)
        built = 0
        try:
            while await jobs.process_one(Graph(driver, settings.neo4j_database), settings, "console-test"):
                built += 1
        finally:
            await driver.close()
        return built
    return _in_thread(lambda: asyncio.run(run()))


def test_coordinator_adds_an_action_and_the_partner_leading_it_moves_it(console: ConsolePage,
                                                                       second_console: ConsolePage) -> None:
    page = console.sign_in("demo.coordinator")
    _nav(page, "Stratégie nationale")
    expect(page.get_by_role("heading", name="Stratégie nationale", level=1)).to_be_visible()
    # The demo strategy's dashboard: an overdue action is highlighted, indicators are off track.
    overdue = page.locator("tr.row-urgent[data-code='P2-A1']")
    expect(overdue).to_contain_text("en retard")
    expect(_card(page, "Indicateurs hors trajectoire").locator("li").first).to_be_visible()

    form = _card(page, "Ajouter une action")
    form.get_by_label("Objectif").select_option(label="Partenariat — Travailler avec la société civile et les "
                                                      "partenaires internationaux")
    form.get_by_label("Code", exact=False).first.fill("C1-A9")
    form.get_by_label("Intitulé de l'action — Français").fill("Guide des maraudes partagées")
    form.get_by_label("Intitulé de l'action — Arabe").fill("دليل العمل الميداني المشترك")
    form.get_by_label("Intitulé de l'action — Anglais").fill("Shared outreach handbook")
    form.get_by_label("Organisme chef de file").select_option("DEMO-OIMD")
    form.get_by_label("Échéance").fill("2099-06-30")
    form.get_by_label("Budget (TND)").fill("12000")
    form.get_by_role("button", name="Ajouter une action").click()
    expect(form.get_by_role("status")).to_contain_text("Action C1-A9 ajoutée.")
    row = page.locator("tr[data-code='C1-A9']")
    expect(row).to_contain_text("Guide des maraudes partagées")
    expect(row).to_contain_text("Prévue")
    expect(row).to_contain_text("Organisation internationale pour la mobilité (démo)")

    # An actual for an indicator recorded by hand (not computed by Himaya).
    record = _card(page, "Saisir un réalisé")
    record.get_by_label("Indicateur").select_option(label="C1-AGREEMENTS — Conventions signées avec la société civile")
    record.get_by_label("Valeur").fill("9")
    record.get_by_role("button", name="Saisir un réalisé").click()
    expect(record.get_by_role("status")).to_have_text("C'est fait.")
    console.screenshot("fr-strategy")

    partner = second_console.sign_in("demo.partner")
    _nav(partner, "Stratégie nationale")
    mine = partner.locator("tr[data-code='C1-A9']")
    expect(mine).to_be_visible()
    # Actions led by someone else are read-only for the partner; its own can be moved on.
    expect(partner.locator("tr[data-code='P1-A1']")).to_contain_text("Réservé au chef de file")
    expect(_card(partner, "Ajouter une action")).to_have_count(0)
    update = mine.get_by_role("form", name="Mettre à jour l'action C1-A9")
    update.get_by_label("Nouveau statut").select_option("IN_PROGRESS")
    update.get_by_label("Ajouter un justificatif").fill("Premier atelier de rédaction tenu")
    update.get_by_role("button", name="Enregistrer").click()
    expect(mine).to_contain_text("En cours")
    expect(mine).to_contain_text("Premier atelier de rédaction tenu")
    second_console.screenshot("fr-strategy-partner")
    # The coordinator sees the partner's progress.
    page.reload()
    expect(page.locator("tr[data-code='C1-A9']")).to_contain_text("Premier atelier de rédaction tenu")


def test_a_guideline_drafted_by_one_national_account_is_approved_by_another_then_published(
        console: ConsolePage, second_console: ConsolePage) -> None:
    page = console.sign_in("demo.coordinator")
    _nav(page, "Lignes directrices")
    # The guidelines in force (from the reference catalogue on a fresh demo) print in Arabic.
    transport = page.locator("tr[data-actor='TRANSPORT_OPERATOR']")
    with page.expect_download() as download:
        transport.get_by_role("button", name="PDF (arabe)").click()
    assert _downloaded(download.value).startswith(b"%PDF-")
    draft = _card(page, "Rédiger une nouvelle version")
    draft.get_by_label("Type d'acteur").select_option("LABOUR_INSPECTOR")
    draft.get_by_label("Titre — Français").fill("Contrôles du travail : repérer la traite (v. test)")
    draft.get_by_label("Titre — Arabe").fill("تفقد الشغل: رصد الاتجار (نسخة اختبار)")
    draft.get_by_label("Titre — Anglais").fill("Labour inspections: spotting trafficking (test)")
    for language, items in (("Français", "Passeports confisqués\nDettes impossibles à rembourser"),
                            ("Arabe", "حجز جوازات السفر\nديون يستحيل سدادها"),
                            ("Anglais", "Confiscated passports\nDebts that cannot be repaid")):
        draft.get_by_label(f"Signes à repérer — {language}").fill(items)
    for language, items in (("Français", "Parler au travailleur seul"), ("Arabe", "التحدث مع العامل على انفراد"),
                            ("Anglais", "Talk to the worker alone")):
        draft.get_by_label(f"Que faire — {language}").fill(items)
    draft.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(draft.get_by_role("status")).to_contain_text("Brouillon enregistré")
    row = page.locator("tr[data-status='DRAFT']", has_text="Contrôles du travail : repérer la traite (v. test)")
    # Four eyes: the author cannot approve their own draft.
    expect(row).to_contain_text("Votre brouillon : un autre compte national doit l'approuver.")
    expect(row.get_by_role("button", name="Approuver")).to_have_count(0)
    console.screenshot("fr-guidelines")

    admin = second_console.sign_in("demo.admin")
    _nav(admin, "Lignes directrices")
    theirs = admin.locator("tr[data-status]", has_text="Contrôles du travail : repérer la traite (v. test)")
    theirs.get_by_role("button", name="Approuver").click()
    expect(theirs).to_contain_text("Approuvée")
    theirs.get_by_role("button", name="Publier").click()
    expect(theirs).to_contain_text("Publiée")
    expect(theirs).to_contain_text(re.compile(r"v\d+"))

    page.reload()
    published = page.locator("tr[data-status='PUBLISHED']", has_text="Contrôles du travail : repérer la traite")
    published.get_by_role("button", name="Contrôles du travail : repérer la traite (v. test)").click()
    expect(published).to_contain_text("Passeports confisqués")
    # The new version is the one in force for labour inspectors.
    in_force = page.locator("tr[data-actor='LABOUR_INSPECTOR']")
    expect(in_force).to_contain_text("Contrôles du travail : repérer la traite")
    for button in ("PDF (français)", "PDF (arabe)"):
        with page.expect_download() as download:
            published.get_by_role("button", name=button).click()
        content = _downloaded(download.value)
        assert content.startswith(b"%PDF-")
        assert download.value.suggested_filename.endswith("-fr.pdf" if "français" in button else "-ar.pdf")


def test_training_from_enrolment_to_a_certificate_checked_without_signing_in(
        browser: Browser, console: ConsolePage, second_console: ConsolePage) -> None:
    # The partner organises the demo session: it enrols a participant and records attendance.
    partner = second_console.sign_in("demo.partner")
    _nav(partner, "Formation")
    session = partner.locator("section.session[data-course='TIP-INSP-DEMO']")
    expect(session).to_be_visible()
    expect(partner.get_by_role("heading", name="Indicateurs de formation")).to_have_count(0)
    session.locator("summary", has_text="Inscrire un participant").click()
    session.get_by_label("Nom complet (pour l'attestation)").fill("Salma Ben Youssef")
    session.get_by_label("Institution").fill("Inspection du travail de Sfax (test)")
    session.get_by_label("Secteur").select_option("LABOUR_INSPECTION")
    session.get_by_label("Sexe").select_option("FEMALE")
    session.get_by_role("button", name="Inscrire un participant").click()
    enrolled = session.locator("tr[data-institution='Inspection du travail de Sfax (test)']")
    expect(enrolled).to_be_visible()
    # The name is sealed: the session's list never shows it.
    expect(session).not_to_contain_text("Salma Ben Youssef")
    attendance = enrolled.get_by_role("form", name="Enregistrer la présence")
    attendance.get_by_label("Test avant (0–100)").fill("40")
    attendance.get_by_label("Test après (0–100)").fill("85")
    attendance.get_by_label("Satisfaction (1–5)").fill("5")
    attendance.get_by_role("button", name="Marquer présent").click()
    expect(enrolled).to_contain_text("Présent")
    expect(enrolled).to_contain_text("45")
    second_console.screenshot("fr-training-partner")

    page = console.sign_in("demo.coordinator")
    _nav(page, "Formation")
    expect(page.get_by_role("heading", name="Indicateurs de formation")).to_be_visible()
    row = page.locator("section.session[data-course='TIP-INSP-DEMO'] "
                       "tr[data-institution='Inspection du travail de Sfax (test)']")
    row.get_by_role("button", name="Délivrer l'attestation").click()
    code = row.locator("code")
    expect(code).to_be_visible()
    certificate_code = code.inner_text().strip()
    with page.expect_download() as download:
        row.get_by_role("button", name="Attestation (PDF)").click()
    assert _downloaded(download.value).startswith(b"%PDF-")
    console.screenshot("fr-training")

    # Anyone holding the code checks it on the public page, without signing in.
    context = browser.new_context(viewport={"width": 1180, "height": 820}, locale="fr-FR")
    context.add_init_script(path=str(AXE))
    public = ConsolePage(context, console.server)
    try:
        visitor = public.open(f"/console/verify?code={certificate_code}")
        expect(visitor.get_by_role("heading", name="Vérifier une attestation de formation")).to_be_visible()
        expect(visitor.locator("nav.sidenav")).to_have_count(0)
        visitor.get_by_role("button", name="Vérifier").click()
        result = visitor.get_by_role("status")
        expect(result).to_contain_text("Attestation authentique.")
        expect(result).to_contain_text("Salma Ben Youssef")
        expect(result).to_contain_text("Identifier les victimes lors des contrôles du travail (démo)")
        public.screenshot("fr-verify")
        assert public.axe_violations() == []
        # A forged code is refused with a clear message, and nothing is shown.
        visitor.get_by_label("Code de vérification").fill("HIM-FAKE-0000-0000")
        visitor.get_by_role("button", name="Vérifier").click()
        expect(visitor.get_by_role("alert")).to_be_visible()
        expect(visitor.get_by_text("Salma Ben Youssef")).to_have_count(0)
        visitor.get_by_role("combobox", name="Langue").select_option("ar")
        expect(visitor.get_by_role("heading", name="التحقق من شهادة تكوين")).to_be_visible()
        assert visitor.evaluate("() => document.documentElement.dir") == "rtl"
        public.screenshot("ar-verify")
        assert public.axe_violations() == []
    finally:
        context.close()
    assert public.problems == []


def test_partners_record_campaign_events_and_programme_activities(console: ConsolePage) -> None:
    page = console.sign_in("demo.partner")
    _nav(page, "Campagnes")
    campaign = page.locator("article.card[data-code='TAWA-DEMO']")
    expect(campaign).to_contain_text("Employées de maison")
    expect(page.get_by_role("heading", name="Créer une campagne")).to_have_count(0)
    campaign.locator("summary", has_text="Enregistrer un événement").click()
    event = campaign.get_by_role("form", name="Enregistrer un événement de la campagne TAWA-DEMO")
    event.get_by_label("Type").select_option("SCHOOL_VISIT")
    event.get_by_label("Participants").fill("60")
    event.get_by_label("Note").fill("Lycée pilote (test)")
    event.get_by_role("button", name="Enregistrer un événement").click()
    expect(campaign).to_contain_text("Lycée pilote (test)")
    expect(campaign).to_contain_text("Visite d'école")
    console.screenshot("fr-campaigns-partner")

    _nav(page, "Programmes partenaires")
    programme = page.locator("article.card[data-code='OIMD-SUD-DEMO']")
    expect(programme).to_contain_text("Maraudes à Médenine (démo)")
    programme.locator("summary", has_text="Déclarer une activité").click()
    report = programme.get_by_role("form", name="Déclarer une activité du programme OIMD-SUD-DEMO")
    report.get_by_label("Activité").fill("Permanence juridique à Tataouine (test)")
    report.get_by_label("Bénéficiaires").fill("14")
    report.get_by_label("Résultats").fill("14 personnes informées de leurs droits")
    report.get_by_role("button", name="Déclarer une activité").click()
    expect(programme).to_contain_text("Permanence juridique à Tataouine (test)")
    expect(programme.locator("dd strong")).to_have_text("46")  # 32 from the demo + 14


def test_coordinator_creates_a_campaign(console: ConsolePage) -> None:
    page = console.sign_in("demo.coordinator")
    _nav(page, "Campagnes")
    form = _card(page, "Créer une campagne")
    form.get_by_label("Code", exact=False).first.fill("TEST-CAMP")
    form.get_by_label("Nom de la campagne — Français").fill("Employeurs responsables (test)")
    form.get_by_label("Nom de la campagne — Arabe").fill("مؤجرون مسؤولون (اختبار)")
    form.get_by_label("Nom de la campagne — Anglais").fill("Responsible employers (test)")
    form.get_by_label("Objectif").fill("Rappeler les droits des employées de maison.")
    form.get_by_label("Début", exact=True).fill("2099-01-10")
    form.get_by_label("Fin", exact=True).fill("2099-02-10")
    form.get_by_role("group", name="Publics").get_by_label("Employeurs").check()
    form.get_by_role("group", name="Canaux").get_by_label("Radio").check()
    form.get_by_role("group", name="Gouvernorats").get_by_label("Sfax").check()
    form.get_by_role("button", name="Créer une campagne").click()
    expect(form.get_by_role("status")).to_contain_text("Campagne TEST-CAMP créée.")
    expect(page.locator("article.card[data-code='TEST-CAMP']")).to_contain_text("Employeurs responsables (test)")


def test_an_export_is_started_built_and_downloaded_and_the_analyst_sees_no_casework(
        console: ConsolePage, settings: Settings) -> None:
    page = console.sign_in("demo.analyst")
    nav = page.locator("nav.sidenav")
    expect(nav.get_by_role("link", name="Exports")).to_be_visible()
    expect(nav.get_by_role("link", name="Dossiers")).to_have_count(0)
    expect(nav.get_by_role("link", name="Signalements")).to_have_count(0)
    _nav(page, "Exports")
    start = _card(page, "Lancer un export")
    year = str(int(page.evaluate("() => new Date().getFullYear()")) - 1)
    start.get_by_label("Type d'export").select_option("CTDC")
    start.get_by_label("Année").select_option(year)
    start.get_by_role("button", name="Lancer").click()
    start.get_by_label("Type d'export").select_option("ANNUAL_REPORT")
    start.get_by_label("Langue").select_option("AR")
    start.get_by_role("button", name="Lancer").click()
    ctdc = page.locator("tr[data-kind='CTDC']")
    report = page.locator("tr[data-kind='ANNUAL_REPORT']")
    expect(ctdc).to_contain_text("En attente")
    expect(report).to_contain_text("En attente")
    assert _build_queued_exports(settings) >= 2  # the worker's job
    # The page polls the job and offers the file once it is built.
    expect(ctdc).to_have_attribute("data-status", "DONE")
    expect(report).to_have_attribute("data-status", "DONE")
    console.screenshot("fr-exports")
    with page.expect_download() as download:
        ctdc.get_by_role("button", name=re.compile("Télécharger")).click()
    archive = _downloaded(download.value)
    assert zipfile.is_zipfile(io.BytesIO(archive))
    with zipfile.ZipFile(io.BytesIO(archive)) as files:
        assert any(name.endswith(".csv") for name in files.namelist())
    with page.expect_download() as download:
        report.get_by_role("button", name=re.compile("Télécharger")).click()
    assert _downloaded(download.value).startswith(b"%PDF-")
    # No token ever went into a URL: the download link is a blob handed over by the page.
    assert "access_token" not in page.url
    # Casework typed by hand stays closed to the analyst.
    page.goto(console.server.base_url + "/console/cases")
    expect(page.get_by_role("alert")).to_contain_text("Page introuvable, ou vous n'y avez pas accès.")


def test_dashboard_filters_by_year_and_governorate_and_shows_the_indicators_off_track(console: ConsolePage) -> None:
    page = console.sign_in("demo.coordinator")
    expect(page.get_by_role("heading", name="Tableau de bord national")).to_be_visible()
    this_year = int(page.evaluate("() => new Date().getFullYear()"))
    off_track = _card(page, "Indicateurs de la stratégie hors trajectoire")
    expect(off_track.locator("li").first).to_be_visible()
    expect(off_track).to_contain_text(str(this_year))
    victims = page.locator(".kpi", has_text="Victimes identifiées en").locator(".kpi-value")
    expect(victims).to_have_text(re.compile(r"^\d+$"))
    filters = page.get_by_role("form", name="Filtres")
    filters.get_by_label("Année").select_option(str(this_year - 1))
    expect(page.locator(".kpi", has_text=f"Victimes identifiées en {this_year - 1}")).to_be_visible()
    expect(off_track).to_contain_text(str(this_year - 1))
    filters.get_by_label("Gouvernorat").select_option("TN-11")
    expect(page.get_by_role("heading", name=f"Victimes identifiées par forme d'exploitation ({this_year - 1})"))\
        .to_be_visible()
    off_track.get_by_role("link", name="Voir la stratégie nationale").click()
    expect(page.get_by_role("heading", name="Stratégie nationale", level=1)).to_be_visible()


def test_each_new_screen_in_french_and_arabic_is_accessible(console: ConsolePage) -> None:
    page = console.sign_in("demo.coordinator")
    for language in ("fr", "ar"):
        if language == "ar":
            page.get_by_role("combobox", name="Langue").select_option("ar")
            expect(page.get_by_role("heading", name="لوحة القيادة الوطنية")).to_be_visible()
            assert page.evaluate("() => document.documentElement.dir") == "rtl"
        for french, arabic, slug in NEW_SCREENS:
            _nav(page, french if language == "fr" else arabic)
            console.screenshot(f"{language}-{slug}-screen")
            assert console.axe_violations() == [], f"{language} {slug}"
            if language == "ar" and slug == "strategy":
                # Right to left: the navigation sits on the right; codes stay left to right inside Arabic text.
                nav = page.locator("nav.sidenav").bounding_box()
                main = page.locator("main").bounding_box()
                assert nav is not None and main is not None and nav["x"] > main["x"]
                code = page.locator("tr[data-code='P1-A1'] bdi.ltr").first
                expect(code).to_have_text("P1-A1")
                assert code.get_attribute("dir") == "ltr"
        _nav(page, "Tableau de bord" if language == "fr" else "لوحة القيادة")
        console.screenshot(f"{language}-dashboard-strategy")
        assert console.axe_violations() == [], f"{language} dashboard"
