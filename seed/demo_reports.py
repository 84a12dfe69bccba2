"""Demo reports and transmissions, created through the same rules as the API (so they are sealed for real).

Runs only while the graph holds no report at all, so running `himaya seed demo` twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from api.protection import protection_for
from api.reports import rules as report_rules
from api.reports.rules import ReportChannel, ReportStatus, ReportSubmission, ReportUrgency
from api.transmissions import rules as transmission_rules
from api.transmissions.rules import PackageField
from graph.access.scope import Role, Scope
from graph.db import Graph
from graph.reports import repository
from seed.demo_ids import demo_id
from seed.reference import court_id

# Demo actions are recorded in the custody chain as done by the seeding process, not by a person.
SEED_ACTOR = "system:demo-seed"


def _submission(channel: ReportChannel, narrative: str, governorate: str, forms: list[str], indicators: list[str],
                *, minors: bool = False, urgency: ReportUrgency = ReportUrgency.ROUTINE,
                contact: str | None = None, share: bool = False) -> ReportSubmission:
    return ReportSubmission(channel=channel, narrative=narrative, governorate=governorate, place=None,
                            occurred_on=None, exploitation_forms=forms, indicators=indicators, persons_at_risk=None,
                            minors_involved=minors, urgency=urgency, reporter_contact=contact,
                            reporter_agrees_to_share_identity=share)


async def load_demo_reports(graph: Graph, state_dir: Path) -> list[str]:
    """Create the demo reports once; returns lines to show (a demo receipt to try `reportByReceipt`)."""
    if await repository.count_reports(graph) > 0:
        return []
    protection = protection_for(state_dir)
    sealer, receipts = protection.sealer, protection.receipts
    coordinator = Scope(user_id=SEED_ACTOR, role=Role.COORDINATOR, organization_id=demo_id("organization", "INLTP"))
    nobody = Scope(user_id=None, role=None, organization_id=None)

    public = await report_rules.submit_report(graph, sealer, receipts, nobody, _submission(
        ReportChannel.PUBLIC, "(Démo, fictif) Deux adolescentes vendent des mouchoirs aux feux rouges tard le soir; "
        "un homme récupère l'argent.", "TN-11", ["FORCED_BEGGING"], ["MINOR_WORKING", "MINOR_NOT_IN_SCHOOL"],
        minors=True, urgency=ReportUrgency.URGENT))
    await report_rules.submit_report(graph, sealer, receipts, nobody, _submission(
        ReportChannel.PUBLIC, "(Démo, fictif) Des ouvriers agricoles dorment dans un hangar et ne sont pas payés "
        "depuis trois mois.", "TN-21", ["FORCED_LABOUR"],
        ["WITHHOLDING_OF_WAGES", "ABUSIVE_WORKING_AND_LIVING_CONDITIONS"]))
    hotline = await report_rules.submit_report(graph, sealer, receipts, coordinator, _submission(
        ReportChannel.HOTLINE, "(Démo, fictif) Appel au numéro vert : une employée de maison dit que ses papiers "
        "sont gardés par son employeur.", "TN-61", ["DOMESTIC_SERVITUDE"], ["RETENTION_OF_DOCUMENTS", "ISOLATION"],
        contact="(fictif) +216 70 000 099", share=True))
    await report_rules.change_status(graph, coordinator, hotline.id, ReportStatus.UNDER_REVIEW, "appel vérifié")
    await report_rules.link_to_case(graph, coordinator, hotline.id, demo_id("case", "V-SFX-01"))
    transmission = await transmission_rules.transmit_report(
        graph, sealer, coordinator, hotline.id,
        [PackageField.GOVERNORATE, PackageField.EXPLOITATION_FORMS, PackageField.INDICATORS,
         PackageField.NARRATIVE, PackageField.LINKED_CASE_REFERENCE], None)
    court = Scope(user_id=SEED_ACTOR, role=Role.JUDICIAL_OFFICER, organization_id=court_id("TPI-SFAX"))
    await transmission_rules.acknowledge(graph, court, transmission["id"])
    await report_rules.write_to_reporter_or_note(graph, sealer, coordinator, public.id,
                                                 "Merci. Une équipe de protection de l'enfance est informée.",
                                                 report_rules.MessageDirection.TO_REPORTER)
    return [f"demo anonymous report {public.reference}: receipt {public.receipt} (try reportByReceipt)"]
