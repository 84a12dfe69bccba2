"""The role × operation matrix: for every root Query and Mutation field, who may call it.

This is an outer, deny-by-default layer: an operation missing here is refused to everybody, and a
test fails when the schema has a root field this table does not mention. The rules in ``api/<domain>/rules.py``
stay the authority on details (which records, which channel, which state); the matrix agrees with
them and refuses a caller before any resolver runs. ANALYST sees aggregates and reference data only:
never a person-level field. ``ACCESS_MATRIX.md`` is generated from this table (``himaya authz matrix``).
Every entry names a permission of ``graph/access/permissions.py``, never a set of roles.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graph.access.permissions import Permission, Role, roles_with
from graph.access.scope import Scope


class OperationType(StrEnum):
    QUERY = "query"
    MUTATION = "mutation"


@dataclass(frozen=True)
class PublicWhen:
    """The operation is public when ``argument.field`` equals ``value`` (python names)."""

    argument: str
    field: str
    value: str

    def holds(self, arguments: dict[str, Any]) -> bool:
        given = getattr(arguments.get(self.argument), self.field, None)
        return str(getattr(given, "value", given)) == self.value

    def describe(self) -> str:
        return f"public when `{self.argument}.{self.field}` = `{self.value}`"


@dataclass(frozen=True)
class Access:
    """Who may call one root operation: the holders of ``permission`` (or anyone, when public)."""

    permission: Permission | None
    public: bool = False
    public_when: PublicWhen | None = None
    identity: bool = False  # reads identity-class data: every call is audited
    reason_argument: str | None = None  # the argument holding the caller's stated reason (audited)
    note: str = ""

    @property
    def roles(self) -> frozenset[Role]:
        """The signed-in roles allowed (what ``ACCESS_MATRIX.md`` shows): all of them when public."""
        if self.public:
            return frozenset(Role)
        return roles_with(self.permission) if self.permission is not None else frozenset()


class Decision(StrEnum):
    ALLOW = "ALLOW"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"


def public(note: str = "") -> Access:
    return Access(permission=None, public=True, note=note)


P = Permission

# Adding an operation: one line in QUERIES or MUTATIONS, ``"rootField": Access(P.SOME_PERMISSION, ...)``,
# with a permission of graph/access/permissions.py (add one there when none fits), then
# ``himaya authz matrix --write``. A root field without a line here is refused to everybody.
QUERIES: dict[str, Access] = {
    # reference data and aggregates
    "serverInfo": public(),
    "governorates": public("reference data for the public reporting form"),
    "guidelines": Access(P.READ_NETWORK),
    "indicatorCatalogue": Access(P.READ_NETWORK),
    "organizations": Access(P.READ_NETWORK, note="directory of the network (no person-level data)"),
    "organization": Access(P.READ_NETWORK),
    "services": Access(P.READ_NETWORK),
    "organizationNetwork": Access(P.READ_NETWORK, note="partners and referral statistics (aggregates)"),
    "coverageGaps": Access(P.READ_NETWORK, note="aggregates"),
    "partnershipPath": Access(P.READ_NETWORK),
    # casework: person-level, scoped to the caller's organisation in Cypher
    "case": Access(P.READ_CASEWORK),
    "cases": Access(P.READ_CASEWORK),
    "victim": Access(P.READ_CASEWORK),
    "victimIdentity": Access(P.READ_RECORDED_IDENTITY, identity=True, reason_argument="reason",
                             note="national reach, or the owning organisation's victim; audited with the reason"),
    "identityMatches": Access(P.READ_IDENTITY),
    "referrals": Access(P.READ_CASEWORK),
    "findAssistance": Access(P.READ_CASEWORK),
    "assistanceExclusions": Access(P.READ_CASEWORK),
    # reports
    "reportByReceipt": public("the anonymous reporter, with the receipt"),
    "reports": Access(P.READ_REPORTS),
    "report": Access(P.READ_REPORTS, identity=True, note="decrypted narrative and contact: audited"),
    "possibleDuplicateReports": Access(P.TRIAGE_REPORTS),
    "reportCustodyChain": Access(P.TRIAGE_REPORTS),
    "overdueTransmissions": Access(P.TRIAGE_REPORTS),
    # courts
    "transmissions": Access(P.READ_TRANSMISSIONS),
    "transmission": Access(P.READ_TRANSMISSIONS),
    "transmissionDocument": Access(P.READ_TRANSMISSIONS, identity=True, note="the document as sent: audited"),
    # offline work (delta sync); the rules narrow the record types to the caller's permissions
    "changes": Access(P.SYNC_OFFLINE, note="delta sync of what the caller may see, with tombstones"),
    # any object by its global id: the rules check the id's type (casework types for casework roles only)
    "node": Access(P.RESOLVE_NODES, note="the rules narrow by the type of the id"),
    # alerts
    "alerts": Access(P.RECEIVE_ALERTS, note="the caller's own alerts (they name cases and referrals)"),
    "deadLetters": Access(P.OPERATE_ALERTS),
    # statistics (api/statistics): aggregates under the disclosure control; exact counts on request
    "statistics": Access(P.READ_STATISTICS, note="k-anonymous; exact on request with READ_EXACT_STATISTICS"),
    "kpis": Access(P.READ_KPIS, note="the caller's own organisation; any with READ_STATISTICS (rules)"),
    "exportJob": Access(P.EXPORT_STATISTICS, note="the caller's own export jobs"),
    # consent, approvals, audit trail, everyday API (issue 13)
    "pendingApprovals": Access(P.MANAGE_CASES, note="identifications for coordinators, transfers for the receiver"),
    "auditTrail": Access(P.READ_AUDIT_TRAIL, note="the audit trail; every read of it is itself audited"),
    "me": Access(P.READ_OWN_ACCOUNT, note="the caller's own account and permissions"),
    "organizationMembers": Access(P.READ_MEMBERS, note="own organisation (national roles: any), for assigning"),
    "catalogues": Access(P.READ_NETWORK, note="reference data"),
    # the trafficking graph (issue 15): perpetrators, identifiers, routes, protected persons, link analysis
    "perpetratorIdentity": Access(P.READ_TRAFFICKING_IDENTITIES, identity=True, reason_argument="reason",
                                  note="national reach and owners of an involved case (rules); audited"),
    "protectedPersonIdentity": Access(P.READ_TRAFFICKING_IDENTITIES, identity=True, reason_argument="reason",
                                      note="national reach and the recording organisation (rules); audited"),
    "caseLinks": Access(P.READ_CASE_LINKS,
                       note="counts for whoever sees the case; other cases and paths: national reach (rules)"),
    "suspectedNetworks": Access(P.ANALYSE_LINKS),
    "networkTransmissions": Access(P.READ_TRANSMISSIONS, note="the court's own network packages; all, nationally"),
    "networkTransmissionDocument": Access(P.READ_TRANSMISSIONS, identity=True,
                                          note="the network package as sent (perpetrators' identity): audited"),
    # --- strategy, guidelines, training, campaigns, programmes (issue 16)
    "strategies": Access(P.READ_NETWORK, note="the national strategy (no person-level data)"),
    "strategyDashboard": Access(P.READ_NETWORK, note="aggregates"),
    "strategyMeasures": Access(P.READ_NETWORK),
    "guidelineVersions": Access(P.READ_NETWORK, note="published versions; drafts for national reach (rules)"),
    "guidelineDocument": Access(P.READ_NETWORK, note="printable guideline (fr, ar)"),
    "trainingSessions": Access(P.RUN_TRAINING_SESSIONS, note="partner agents: sessions their organisation organises"),
    "courses": Access(P.READ_NETWORK),
    "trainingKpis": Access(P.READ_TRAINING_KPIS, note="aggregates"),
    "verifyCertificate": public("anyone holding a certificate's code: name on it, course, dates only"),
    "campaigns": Access(P.WORK_ON_CAMPAIGNS, note="partners: the campaigns they are partners of"),
    "programmes": Access(P.RUN_PROGRAMMES, note="partner agents: their organisation's programmes"),
}

MUTATIONS: dict[str, Access] = {
    # the network
    "createOrganization": Access(P.MANAGE_NETWORK),
    "addPartnership": Access(P.MANAGE_NETWORK),
    "createService": Access(P.MANAGE_SERVICES, note="partner agents for their own organisation"),
    "updateServiceCapacity": Access(P.MANAGE_SERVICES),
    "setServiceStatus": Access(P.MANAGE_SERVICES),
    # casework
    "registerVictim": Access(P.MANAGE_CASES),
    "recordConsent": Access(P.MANAGE_CASES),
    "revokeConsent": Access(P.MANAGE_CASES),
    "eraseVictimIdentity": Access(P.ERASE_IDENTITY, reason_argument="reason", note="audited with the stated reason"),
    "openCase": Access(P.MANAGE_CASES),
    "changeCaseStatus": Access(P.MANAGE_CASES),
    "assignCase": Access(P.MANAGE_CASES),
    "transferCase": Access(P.MANAGE_CASES, note="the old owner's devices get tombstones"),
    "recordScreening": Access(P.RECORD_SCREENING),
    "createReferral": Access(P.MANAGE_CASES),
    "respondToReferral": Access(P.RESPOND_TO_REFERRALS, note="the receiving organisation"),
    "completeReferral": Access(P.RESPOND_TO_REFERRALS, note="the receiving organisation"),
    "cancelReferral": Access(P.MANAGE_CASES),
    # reports
    "submitReport": Access(P.SUBMIT_REPORTS, public_when=PublicWhen("input", "channel", "PUBLIC"),
                           note="HOTLINE channel: SUBMIT_HOTLINE_REPORTS only (rules)"),
    "sendReporterMessage": public("the anonymous reporter, with the receipt"),
    "replyToReporter": Access(P.TRIAGE_REPORTS),
    "addReportNote": Access(P.TRIAGE_REPORTS),
    "changeReportStatus": Access(P.TRIAGE_REPORTS),
    "linkReportToCase": Access(P.TRIAGE_REPORTS),
    "transmitReport": Access(P.TRIAGE_REPORTS),
    # courts
    "acknowledgeTransmission": Access(P.ACT_FOR_COURT),
    "recordCourtFollowUp": Access(P.ACT_FOR_COURT),
    # alerts: devices, the caller's alerts, webhooks
    "registerDevice": Access(P.MANAGE_OWN_DEVICES, note="the caller's own device"),
    "unregisterDevice": Access(P.MANAGE_OWN_DEVICES, note="the caller's own device"),
    "acknowledgeAlert": Access(P.RECEIVE_ALERTS, note="the caller's own alert"),
    "setWebhook": Access(P.MANAGE_WEBHOOKS, note="partner agents for their own organisation"),
    "rotateWebhookSecret": Access(P.MANAGE_WEBHOOKS, note="partner agents for their own organisation"),
    # statistics (api/statistics): export files built by the worker, downloaded by their owner at /exports/{id}
    "startExport": Access(P.EXPORT_STATISTICS, note="every figure k-anonymous; audited"),
    # consent, approvals, accounts (issue 13)
    "requestIdentification": Access(P.MANAGE_CASES, note="a coordinator other than the requester decides"),
    "decideIdentification": Access(P.APPROVE_IDENTIFICATION, note="never the requester's own request"),
    "respondToTransfer": Access(P.MANAGE_CASES, note="the receiving organisation only (rules)"),
    "createAccount": Access(P.MANAGE_ACCOUNTS, note="ADMIN for all; an organisation's admin for its own members"),
    "completeEnrolment": public("the person holding a one-time enrolment link"),
    "disableAccount": Access(P.MANAGE_ACCOUNTS, note="ADMIN for all; an organisation's admin for its own members"),
    "resetTotp": Access(P.MANAGE_ACCOUNTS, note="ADMIN for all; an organisation's admin for its own members"),
    # the trafficking graph (issue 15)
    "addPerpetrator": Access(P.RECORD_TRAFFICKING),
    "involvePerpetrator": Access(P.RECORD_TRAFFICKING, note="the caller must see both the case and the perpetrator"),
    "erasePerpetratorIdentity": Access(P.ERASE_PERPETRATOR_IDENTITY, reason_argument="reason",
                                       note="audited with the stated reason"),
    "addCaseIdentifiers": Access(P.RECORD_TRAFFICKING),
    "addPerpetratorIdentifiers": Access(P.RECORD_TRAFFICKING),
    "addRouteEvent": Access(P.RECORD_TRAFFICKING),
    "recordProtectedPerson": Access(P.RECORD_TRAFFICKING, note="in a report: national reach only (rules)"),
    "addProtectionMeasure": Access(P.RECORD_TRAFFICKING, note="national reach and the recording organisation (rules)"),
    "updateProtectionMeasure": Access(P.RECORD_TRAFFICKING,
                                     note="national reach and the recording organisation (rules)"),
    "assessProtectedPersonRisk": Access(P.RECORD_TRAFFICKING,
                                       note="national reach and the recording organisation (rules)"),
    "confirmCaseLink": Access(P.ANALYSE_LINKS, reason_argument="reason", note="audited with the stated reason"),
    "dismissCaseLink": Access(P.ANALYSE_LINKS, reason_argument="reason", note="audited with the stated reason"),
    "recomputeSuspectedNetworks": Access(P.ANALYSE_LINKS, note="the worker recomputes on a schedule"),
    "transmitNetwork": Access(P.ANALYSE_LINKS, reason_argument="reason",
                              note="national reach (rules); a network with confirmed links; audited with the reason"),
    "acknowledgeNetworkTransmission": Access(P.ACT_FOR_COURT, note="the court it was addressed to"),
    # --- strategy, guidelines, training, campaigns, programmes (issue 16)
    "createStrategy": Access(P.MANAGE_STRATEGY),
    "addStrategyAction": Access(P.MANAGE_STRATEGY),
    "updateStrategyAction": Access(P.UPDATE_STRATEGY_ACTIONS,
                                   note="partner agents for actions their organisation leads"),
    "addStrategyIndicator": Access(P.MANAGE_STRATEGY),
    "setIndicatorTarget": Access(P.MANAGE_STRATEGY),
    "recordIndicatorActual": Access(P.MANAGE_STRATEGY),
    "draftGuideline": Access(P.PUBLISH_GUIDELINES),
    "approveGuideline": Access(P.PUBLISH_GUIDELINES, note="never by the draft's author (rules)"),
    "publishGuideline": Access(P.PUBLISH_GUIDELINES, note="approved drafts only (rules)"),
    "setOrganizationActorTypes": Access(P.MANAGE_NETWORK),
    "createCourse": Access(P.MANAGE_TRAINING),
    "createTrainingSession": Access(P.MANAGE_TRAINING),
    "enrolParticipant": Access(P.RUN_TRAINING_SESSIONS, note="partner agents: sessions their organisation organises"),
    "recordAttendance": Access(P.RUN_TRAINING_SESSIONS, note="partner agents: sessions their organisation organises"),
    "issueCertificate": Access(P.MANAGE_TRAINING),
    "createCampaign": Access(P.MANAGE_CAMPAIGNS),
    "recordCampaignEvent": Access(P.WORK_ON_CAMPAIGNS, note="field staff of the campaign's partners, from the app"),
    "createProgramme": Access(P.MANAGE_PROGRAMMES),
    "updateProgramme": Access(P.RUN_PROGRAMMES, note="partner agents: their organisation's programmes only"),
    "reportProgrammeActivity": Access(P.RUN_PROGRAMMES, note="partner agents: their organisation's programmes only"),
}

MATRIX: dict[OperationType, dict[str, Access]] = {OperationType.QUERY: QUERIES, OperationType.MUTATION: MUTATIONS}

# The non-public operations ANALYST may call: aggregates and reference data, never a person-level field
# (a test checks that no person-level type is reachable from what they return).
ANALYST_OPERATIONS = frozenset({"guidelines", "indicatorCatalogue", "organizations", "organization", "services",
                                "organizationNetwork", "coverageGaps", "partnershipPath", "registerDevice",
                                "unregisterDevice", "statistics", "kpis", "exportJob", "startExport", "me",
                                "catalogues",
                                # issue 16: the strategy and its aggregates
                                "strategies", "strategyDashboard", "strategyMeasures", "guidelineVersions",
                                "guidelineDocument", "courses", "trainingKpis"})


def access_of(operation_type: OperationType, name: str) -> Access | None:
    return MATRIX[operation_type].get(name)


def decide(access: Access | None, scope: Scope, arguments: dict[str, Any]) -> Decision:
    """Deny by default: an operation without an entry is refused to everybody."""
    if access is None:
        return Decision.FORBIDDEN
    if access.public or (access.public_when is not None and access.public_when.holds(arguments)):
        return Decision.ALLOW
    if not scope.authenticated:
        return Decision.UNAUTHENTICATED
    return Decision.ALLOW if access.permission is not None and scope.can(access.permission) else Decision.FORBIDDEN


def is_public_call(access: Access | None, arguments: dict[str, Any]) -> bool:
    """Whether this call is one anyone may make (its caller is then recorded as nobody)."""
    return access is not None and (access.public or (access.public_when is not None
                                                     and access.public_when.holds(arguments)))
