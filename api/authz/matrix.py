"""The role × operation matrix: for every root Query and Mutation field, who may call it.

This is an outer, deny-by-default layer: an operation missing here is refused to everybody, and a
test fails when the schema has a root field this table does not mention. The rules in ``api/<domain>/rules.py``
stay the authority on details (which records, which channel, which state); the matrix agrees with
them and refuses a caller before any resolver runs. ANALYST sees aggregates and reference data only:
never a person-level field. ``ACCESS_MATRIX.md`` is generated from this table (``himaya authz matrix``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graph.access.scope import Role, Scope


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
    roles: frozenset[Role]
    public: bool = False
    public_when: PublicWhen | None = None
    identity: bool = False  # reads identity-class data: every call is audited
    reason_argument: str | None = None  # the argument holding the caller's stated reason (audited)
    note: str = ""


class Decision(StrEnum):
    ALLOW = "ALLOW"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"


ALL = frozenset(Role)
NATIONAL = frozenset({Role.ADMIN, Role.COORDINATOR})  # also triage of reports
CASEWORK = frozenset({Role.ADMIN, Role.COORDINATOR, Role.CASE_WORKER, Role.PARTNER_AGENT})
CASE_OWNERS = frozenset({Role.ADMIN, Role.COORDINATOR, Role.CASE_WORKER})
SERVICE_MANAGERS = frozenset({Role.ADMIN, Role.COORDINATOR, Role.PARTNER_AGENT})
COURT_OR_NATIONAL = frozenset({Role.ADMIN, Role.COORDINATOR, Role.JUDICIAL_OFFICER})
COURT = frozenset({Role.JUDICIAL_OFFICER})
NOT_ANALYST = ALL - {Role.ANALYST}
NOBODY: frozenset[Role] = frozenset()


def public(note: str = "") -> Access:
    return Access(roles=ALL, public=True, note=note)


QUERIES: dict[str, Access] = {
    # reference data and aggregates
    "serverInfo": public(),
    "governorates": public("reference data for the public reporting form"),
    "guidelines": Access(ALL),
    "indicatorCatalogue": Access(ALL),
    "organizations": Access(ALL, note="directory of the network (no person-level data)"),
    "organization": Access(ALL),
    "services": Access(ALL),
    "organizationNetwork": Access(ALL, note="partners and referral statistics (aggregates)"),
    "coverageGaps": Access(ALL, note="aggregates"),
    "partnershipPath": Access(ALL),
    # casework: person-level, scoped to the caller's organisation in Cypher
    "case": Access(CASEWORK),
    "cases": Access(CASEWORK),
    "victim": Access(CASEWORK),
    "victimIdentity": Access(NATIONAL, identity=True, reason_argument="reason",
                             note="identity read: audited with the stated reason"),
    "identityMatches": Access(NATIONAL),
    "referrals": Access(CASEWORK),
    "findAssistance": Access(CASEWORK),
    "assistanceExclusions": Access(CASEWORK),
    # reports
    "reportByReceipt": public("the anonymous reporter, with the receipt"),
    "reports": Access(CASEWORK),
    "report": Access(CASEWORK, identity=True, note="decrypted narrative and contact: audited"),
    "possibleDuplicateReports": Access(NATIONAL),
    "reportCustodyChain": Access(NATIONAL),
    "overdueTransmissions": Access(NATIONAL),
    # courts
    "transmissions": Access(COURT_OR_NATIONAL),
    "transmission": Access(COURT_OR_NATIONAL),
    "transmissionDocument": Access(COURT_OR_NATIONAL, identity=True, note="the document as sent: audited"),
    # offline work (delta sync); the rules narrow the record types to the caller's role
    "changes": Access(CASEWORK, note="delta sync of what the caller may see, with tombstones"),
    # any object by its global id: the rules check the id's type (casework types for casework roles only)
    "node": Access(NOT_ANALYST, note="the rules narrow by the type of the id"),
    # alerts
    "alerts": Access(NOT_ANALYST, note="the caller's own alerts (they name cases and referrals)"),
    "deadLetters": Access(NATIONAL),
    # --- strategy, guidelines, training, campaigns, programmes (issue 16)
    "strategies": Access(ALL, note="the national strategy (no person-level data)"),
    "strategyDashboard": Access(ALL, note="aggregates"),
    "strategyMeasures": Access(ALL),
    "guidelineVersions": Access(ALL, note="published versions; drafts for national roles (rules)"),
    "guidelineDocument": Access(ALL, note="printable guideline (fr, ar)"),
    "trainingSessions": Access(SERVICE_MANAGERS, note="partner agents: sessions their organisation organises"),
    "courses": Access(ALL),
    "trainingKpis": Access(NATIONAL | {Role.ANALYST}, note="aggregates"),
    "verifyCertificate": public("anyone holding a certificate's code: name on it, course, dates only"),
    "campaigns": Access(CASEWORK, note="partners: the campaigns they are partners of"),
    "programmes": Access(SERVICE_MANAGERS, note="partner agents: their organisation's programmes"),
}

MUTATIONS: dict[str, Access] = {
    # the network
    "createOrganization": Access(NATIONAL),
    "addPartnership": Access(NATIONAL),
    "createService": Access(SERVICE_MANAGERS, note="partner agents for their own organisation"),
    "updateServiceCapacity": Access(SERVICE_MANAGERS),
    "setServiceStatus": Access(SERVICE_MANAGERS),
    # casework
    "registerVictim": Access(CASE_OWNERS),
    "recordConsent": Access(CASE_OWNERS),
    "revokeConsent": Access(CASE_OWNERS),
    "eraseVictimIdentity": Access(NATIONAL, reason_argument="reason", note="audited with the stated reason"),
    "openCase": Access(CASE_OWNERS),
    "changeCaseStatus": Access(CASE_OWNERS),
    "assignCase": Access(CASE_OWNERS),
    "transferCase": Access(CASE_OWNERS, note="the old owner's devices get tombstones"),
    "recordScreening": Access(CASE_OWNERS),
    "createReferral": Access(CASE_OWNERS),
    "respondToReferral": Access(CASEWORK, note="the receiving organisation"),
    "completeReferral": Access(CASEWORK, note="the receiving organisation"),
    "cancelReferral": Access(CASE_OWNERS),
    # reports
    "submitReport": Access(CASEWORK, public_when=PublicWhen("input", "channel", "PUBLIC"),
                           note="HOTLINE channel: ADMIN and COORDINATOR only (rules)"),
    "sendReporterMessage": public("the anonymous reporter, with the receipt"),
    "replyToReporter": Access(NATIONAL),
    "addReportNote": Access(NATIONAL),
    "changeReportStatus": Access(NATIONAL),
    "linkReportToCase": Access(NATIONAL),
    "transmitReport": Access(NATIONAL),
    # courts
    "acknowledgeTransmission": Access(COURT),
    "recordCourtFollowUp": Access(COURT),
    # alerts: devices, the caller's alerts, webhooks
    "registerDevice": Access(ALL, note="the caller's own device"),
    "unregisterDevice": Access(ALL, note="the caller's own device"),
    "acknowledgeAlert": Access(NOT_ANALYST, note="the caller's own alert"),
    "setWebhook": Access(SERVICE_MANAGERS, note="partner agents for their own organisation"),
    "rotateWebhookSecret": Access(SERVICE_MANAGERS, note="partner agents for their own organisation"),
    # --- strategy, guidelines, training, campaigns, programmes (issue 16)
    "createStrategy": Access(NATIONAL),
    "addStrategyAction": Access(NATIONAL),
    "updateStrategyAction": Access(SERVICE_MANAGERS, note="partner agents for actions their organisation leads"),
    "addStrategyIndicator": Access(NATIONAL),
    "setIndicatorTarget": Access(NATIONAL),
    "recordIndicatorActual": Access(NATIONAL),
    "draftGuideline": Access(NATIONAL),
    "approveGuideline": Access(NATIONAL, note="never by the draft's author (rules)"),
    "publishGuideline": Access(NATIONAL, note="approved drafts only (rules)"),
    "setOrganizationActorTypes": Access(NATIONAL),
    "createCourse": Access(NATIONAL),
    "createTrainingSession": Access(NATIONAL),
    "enrolParticipant": Access(SERVICE_MANAGERS, note="partner agents: sessions their organisation organises"),
    "recordAttendance": Access(SERVICE_MANAGERS, note="partner agents: sessions their organisation organises"),
    "issueCertificate": Access(NATIONAL),
    "createCampaign": Access(NATIONAL),
    "recordCampaignEvent": Access(CASEWORK, note="field staff of the campaign's partners, from the app"),
    "createProgramme": Access(NATIONAL),
    "updateProgramme": Access(SERVICE_MANAGERS, note="partner agents: their organisation's programmes only"),
    "reportProgrammeActivity": Access(SERVICE_MANAGERS, note="partner agents: their organisation's programmes only"),
}

MATRIX: dict[OperationType, dict[str, Access]] = {OperationType.QUERY: QUERIES, OperationType.MUTATION: MUTATIONS}

# The non-public operations ANALYST may call: aggregates and reference data, never a person-level field
# (a test checks that no person-level type is reachable from what they return).
ANALYST_OPERATIONS = frozenset({"guidelines", "indicatorCatalogue", "organizations", "organization", "services",
                                "organizationNetwork", "coverageGaps", "partnershipPath", "registerDevice",
                                "unregisterDevice",
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
    return Decision.ALLOW if scope.role in access.roles else Decision.FORBIDDEN


def is_public_call(access: Access | None, arguments: dict[str, Any]) -> bool:
    """Whether this call is one anyone may make (its caller is then recorded as nobody)."""
    return access is not None and (access.public or (access.public_when is not None
                                                     and access.public_when.holds(arguments)))
