"""The demo's national strategy (fictional but plausible): four axes — prevention, protection, prosecution,
partnership — with objectives, actions, indicators (five computed from Himaya's own data), an awareness campaign,
a training course with a session, and a partner programme. Created once through the domain rules, by the
authority's coordinator; dates are relative to ``now`` so the demo always has a current period, an action overdue
and a campaign under way. Idempotent: nothing is added when the strategy's code exists.
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime, timedelta
from typing import Any

from api.campaigns import rules as campaign_rules
from api.campaigns.rules import Audience, Channel, EventKind
from api.guidelines import rules as guideline_rules
from api.programmes import rules as programme_rules
from api.strategy import rules as strategy_rules
from api.strategy.rules import ActionStatus, Direction
from api.training import rules as training_rules
from api.training.rules import SessionScope
from graph.access.scope import Role, Scope
from graph.db import Graph
from graph.strategy import repository

STRATEGY_CODE = "SNLTP-DEMO"
SEED_ACTOR = "seed:demo"


def _t(fr: str, ar: str, en: str) -> dict[str, str]:
    return {"titleFr": fr, "titleAr": ar, "titleEn": en}


AXES: tuple[tuple[str, dict[str, str], tuple[tuple[str, dict[str, str]], ...]], ...] = (
    ("PREVENTION", _t("Prévention", "الوقاية", "Prevention"), (
        ("P1", _t("Sensibiliser le public et réduire la demande", "توعية العموم والحد من الطلب",
                  "Raise public awareness and reduce demand")),
        ("P2", _t("Former les acteurs de première ligne", "تكوين الفاعلين في الخط الأول", "Train front-line actors")))),
    ("PROTECTION", _t("Protection", "الحماية", "Protection"), (
        ("R1", _t("Identifier les victimes plus tôt", "التعرف على الضحايا في وقت أبكر", "Identify victims earlier")),
        ("R2", _t("Assister les victimes sans délai", "مساعدة الضحايا دون تأخير", "Assist victims without delay")))),
    ("PROSECUTION", _t("Poursuites", "التتبعات", "Prosecution"), (
        ("J1", _t("Saisir la justice dans les délais légaux", "إحالة الملفات إلى القضاء في الآجال القانونية",
                  "Refer cases to the courts within the legal delay")),)),
    ("PARTNERSHIP", _t("Partenariat", "الشراكة", "Partnership"), (
        ("C1", _t("Travailler avec la société civile et les partenaires internationaux",
                  "العمل مع المجتمع المدني والشركاء الدوليين",
                  "Work with civil society and international partners")),)),
)

# objective, code, titles, unit, direction, measure, baseline, targets by offset from this year
INDICATORS: tuple[tuple[str, str, dict[str, str], str, Direction, str | None, float, dict[int, float]], ...] = (
    ("P1", "P1-REACH", _t("Personnes atteintes par les campagnes", "عدد الأشخاص الذين بلغتهم الحملات",
                          "People reached by campaigns"), "personnes", Direction.INCREASE, "CAMPAIGN_REACH",
     8000, {-1: 20000, 0: 50000, 1: 80000}),
    ("P2", "P2-TRAINED", _t("Agents publics formés", "الأعوان العموميون المكوَّنون", "Officials trained"),
     "agents", Direction.INCREASE, "OFFICIALS_TRAINED", 120, {-1: 200, 0: 300, 1: 400}),
    ("R1", "R1-IDENTIFIED", _t("Victimes identifiées", "الضحايا الذين تم التعرف عليهم", "Victims identified"),
     "victimes", Direction.INCREASE, "VICTIMS_IDENTIFIED", 6, {-1: 10, 0: 12, 1: 15}),
    ("R2", "R2-DAYS", _t("Délai médian avant le premier service (jours)", "المدة الوسيطة قبل أول خدمة (أيام)",
                         "Median days to first service"), "jours", Direction.DECREASE,
     "MEDIAN_DAYS_TO_FIRST_SERVICE", 9, {-1: 5, 0: 3, 1: 2}),
    ("J1", "J1-IN-TIME", _t("Transmissions dans le délai légal", "الإحالات في الأجل القانوني",
                            "Transmissions within the legal delay"), "%", Direction.INCREASE,
     "TRANSMISSIONS_WITHIN_LEGAL_DELAY", 60, {-1: 80, 0: 90, 1: 95}),
    ("C1", "C1-AGREEMENTS", _t("Conventions signées avec la société civile", "اتفاقيات مبرمة مع المجتمع المدني",
                               "Agreements signed with civil society"), "conventions", Direction.INCREASE, None, 3,
     {-1: 8, 0: 12, 1: 15}),
)
MANUAL_ACTUALS = {"C1-AGREEMENTS": {-1: 6.0}}

# objective, code, titles, lead, partners, start offset (days), due offset (days), budget, status
ACTIONS: tuple[tuple[str, str, dict[str, str], str, tuple[str, ...], int, int, float, ActionStatus], ...] = (
    ("P1", "P1-A1", _t("Campagne nationale « Tawa » en arabe tunisien", "الحملة الوطنية « توّا » بالدارجة التونسية",
                       "National 'Tawa' campaign in Tunisian Arabic"), "INLTP", ("DEMO-KARAMA", "DEMO-OIMD"),
     -60, 60, 180000, ActionStatus.IN_PROGRESS),
    ("P2", "P2-A1", _t("Former les inspecteurs du travail à l'identification",
                       "تكوين متفقدي الشغل في مجال التعرف على الضحايا", "Train labour inspectors in identification"),
     "DEMO-MAS", ("DEMO-OIMD",), -200, -30, 45000, ActionStatus.IN_PROGRESS),
    ("R1", "R1-A1", _t("Adopter les procédures du mécanisme national d'orientation",
                       "اعتماد إجراءات الآلية الوطنية للإحالة", "Adopt the national referral mechanism's procedures"),
     "DEMO-MFFE", ("INLTP", "DEMO-AMAL"), -400, -100, 20000, ActionStatus.DONE),
    ("R2", "R2-A1", _t("Ouvrir des places d'hébergement d'urgence dans le Sud",
                       "فتح أماكن إيواء استعجالي في الجنوب", "Open emergency shelter places in the South"),
     "DEMO-MSP", ("DEMO-DARNOUR", "DEMO-JASR"), -90, 270, 350000, ActionStatus.PLANNED),
    ("J1", "J1-A1", _t("Réseau de procureurs référents traite", "شبكة وكلاء جمهورية مرجعيين في الاتجار بالأشخاص",
                       "Network of referent prosecutors on trafficking"), "INLTP", ("DEMO-MINT",),
     -30, 330, 15000, ActionStatus.PLANNED),
    ("C1", "C1-A1", _t("Cadre de partenariat avec les associations", "إطار شراكة مع الجمعيات",
                       "Partnership framework with associations"), "INLTP", ("DEMO-AMAL", "DEMO-KARAMA", "DEMO-OIMD"),
     -120, 120, 10000, ActionStatus.IN_PROGRESS),
)

# Which front-line actor types each demo organisation's staff are (who hears of new guidelines).
ACTOR_TYPES: dict[str, list[str]] = {
    "DEMO-AMAL": ["SOCIAL_WORKER", "PSYCHOLOGIST"], "DEMO-KARAMA": ["NGO_OUTREACH_WORKER"],
    "DEMO-JASR": ["NGO_OUTREACH_WORKER"], "DEMO-MAS": ["LABOUR_INSPECTOR", "SOCIAL_WORKER"],
    "DEMO-MSP": ["HEALTH_WORKER"], "DEMO-MINT": ["BORDER_IMMIGRATION_OFFICER"],
    "DEMO-MFFE": ["CHILD_PROTECTION_DELEGATE"], "DEMO-OIMD": ["NGO_OUTREACH_WORKER"],
}


async def load_demo_strategy(graph: Graph, now: datetime | None = None) -> int:
    """Create the demo strategy and the work around it once; the number of records created (0 on a rerun)."""
    if any(s["code"] == STRATEGY_CODE for s in await repository.list_strategies(graph)):
        return 0
    now = now or datetime.now(dt.UTC)
    today = now.date()
    authority = await repository.organization_id_by_code(graph, "INLTP")
    coordinator = Scope(user_id=SEED_ACTOR, role=Role.COORDINATOR, organization_id=authority)
    made = 0
    for organization, types in ACTOR_TYPES.items():
        await guideline_rules.set_actor_types(graph, coordinator, organization, types)
    strategy = await strategy_rules.create_strategy(graph, coordinator, {
        "code": STRATEGY_CODE, "startYear": today.year - 2, "endYear": today.year + 2,
        "titles": _t("Stratégie nationale de lutte contre la traite des personnes (démo)",
                     "الاستراتيجية الوطنية لمكافحة الاتجار بالأشخاص (تجريبي)",
                     "National strategy against trafficking in persons (demo)"),
        "axes": [{"code": code, "titles": titles, "objectives": [{"code": c, "titles": t} for c, t in objectives]}
                 for code, titles, objectives in AXES]})
    made += 1
    objectives = {o["code"]: o["id"] for a in strategy["axes"] for o in a["objectives"]}
    indicators: dict[str, str] = {}
    for objective, code, titles, unit, direction, measure, baseline, targets in INDICATORS:
        indicator = await strategy_rules.add_indicator(graph, coordinator, objectives[objective], {
            "code": code, "titles": titles, "unit": unit, "direction": direction, "measure": measure,
            "baselineYear": today.year - 3, "baselineValue": baseline, "ownerCode": "INLTP",
            "dataSource": "Himaya" if measure else "Rapport annuel de l'Instance"})
        indicators[code] = indicator["id"]
        for offset, target in targets.items():
            await strategy_rules.set_period_value(graph, coordinator, indicator["id"], "target", today.year + offset,
                                                  target)
        for offset, actual in MANUAL_ACTUALS.get(code, {}).items():
            await strategy_rules.set_period_value(graph, coordinator, indicator["id"], "actual", today.year + offset,
                                                  actual)
        made += 1
    actions: dict[str, str] = {}
    for objective, code, titles, lead, partners, start, due, budget, status in ACTIONS:
        action = await strategy_rules.add_action(graph, coordinator, objectives[objective], {
            "code": code, "titles": titles, "leadAgencyCode": lead, "partnerCodes": list(partners),
            "startDate": today + timedelta(days=start), "dueDate": today + timedelta(days=due), "budget": budget,
            "currency": "TND"})
        actions[code] = action["id"]
        if status is not ActionStatus.PLANNED:
            evidence = ["Procès-verbal d'adoption (démo)"] if status is ActionStatus.DONE else []
            await strategy_rules.update_action(graph, coordinator, action["id"], status, evidence, None)
        made += 1
    made += await _campaign(graph, coordinator, today, indicators["P1-REACH"])
    made += await _training(graph, coordinator, today)
    made += await _programme(graph, coordinator, today, actions["R2-A1"])
    return made


async def _campaign(graph: Graph, coordinator: Scope, today: dt.date, indicator: str) -> int:
    campaign = await campaign_rules.create_campaign(graph, coordinator, {
        "code": "TAWA-DEMO", "titles": _t("« Tawa » — la traite, parlons-en (démo)",
                                          "« توّا » — لنتحدث عن الاتجار (تجريبي)",
                                          "'Tawa' — let's talk about trafficking (demo)"),
        "objective": "Faire connaître le numéro vert et les signes de l'exploitation des employées de maison.",
        "indicatorId": indicator, "audiences": [Audience.DOMESTIC_WORKERS, Audience.EMPLOYERS, Audience.YOUTH],
        "channels": [Channel.RADIO, Channel.SOCIAL_MEDIA, Channel.EVENTS], "languages": ["aeb", "ar", "fr"],
        "governorates": ["TN-11", "TN-51", "TN-61"], "startDate": today - timedelta(days=30),
        "endDate": today + timedelta(days=30), "budget": 120000, "currency": "TND", "reach": 15000,
        "materials": [{"kind": "affiches", "quantity": 2000}, {"kind": "spots radio", "quantity": 40}],
        "partnerCodes": ["DEMO-KARAMA", "DEMO-OIMD"]})
    await campaign_rules.record_event(graph, coordinator, campaign, {
        "kind": EventKind.WORKSHOP, "date": today - timedelta(days=20), "governorate": "TN-61", "participants": 85,
        "reach": None, "note": "Atelier avec des employeurs (démo)", "clientId": None})
    return 2


async def _training(graph: Graph, coordinator: Scope, today: dt.date) -> int:
    course = await training_rules.create_course(graph, coordinator, {
        "code": "TIP-INSP-DEMO", "titles": _t("Identifier les victimes lors des contrôles du travail (démo)",
                                              "التعرف على الضحايا خلال تفقد الشغل (تجريبي)",
                                              "Identifying victims during labour inspections (demo)"),
        "objectives": ["Reconnaître les indicateurs de travail forcé", "Orienter vers le mécanisme national"],
        "audiences": ["LABOUR_INSPECTORS"], "durationHours": 12, "guidelines": ["LABOUR_INSPECTOR"]})
    await training_rules.create_session(graph, coordinator, {
        "courseId": course["id"], "organiserCode": "DEMO-OIMD", "place": "Sfax, centre régional de formation",
        "governorate": "TN-61", "startDate": today + timedelta(days=10), "endDate": today + timedelta(days=11),
        "hours": 12, "capacity": 25, "scope": SessionScope.NATIONAL, "trainers": ["Formatrice A (démo)",
                                                                                  "Formateur B (démo)"]})
    return 2


async def _programme(graph: Graph, coordinator: Scope, today: dt.date, action: str) -> int:
    programme: dict[str, Any] = await programme_rules.create_programme(graph, coordinator, {
        "code": "OIMD-SUD-DEMO", "titles": _t("Protection des migrants vulnérables dans le Sud (démo)",
                                              "حماية المهاجرين المستضعفين في الجنوب (تجريبي)",
                                              "Protecting vulnerable migrants in the South (demo)"),
        "partnerCode": "DEMO-OIMD", "startDate": today - timedelta(days=180), "endDate": today + timedelta(days=540),
        "objectives": ["Accueil d'urgence", "Retour volontaire assisté"], "governorates": ["TN-82", "TN-83"],
        "fundingSource": "Bailleur international (démo)", "fundingAmount": 900000, "currency": "EUR",
        "authoritySupport": "Orientation des victimes identifiées, formation des équipes", "actionIds": [action]})
    await programme_rules.report_activity(graph, Scope(user_id=SEED_ACTOR, role=Role.PARTNER_AGENT,
                                                       organization_id=programme["partner"]["id"]),
                                          programme["id"], {
        "title": "Maraudes à Médenine (démo)", "date": today - timedelta(days=40), "description": None,
        "results": "32 personnes orientées vers les services", "beneficiaries": 32, "clientId": None})
    return 2
