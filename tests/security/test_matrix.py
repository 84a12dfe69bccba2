"""The role × operation matrix: every root operation, for every role and for nobody, is refused or not as written.

Each operation is called with a minimal well-formed document built from the schema (dummy variables of the
right types, random ids) as every role and as an anonymous caller. A caller the matrix refuses gets exactly
FORBIDDEN or UNAUTHENTICATED, never data, and no Cypher runs but the audit append; a caller it allows never
gets FORBIDDEN or UNAUTHENTICATED (the rules may still answer NOT_FOUND, BAD_USER_INPUT or CONFLICT).
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import strawberry
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    Undefined,
    get_named_type,
    is_leaf_type,
)

from api.authz import docs
from api.authz.guard import guard_root_fields
from api.authz.matrix import ANALYST_OPERATIONS, MATRIX, OperationType
from api.graphql.context import HimayaContext
from api.graphql.errors import PresentErrors
from api.graphql.relay import to_global_id
from api.i18n import Language
from api.protection import protection_for
from api.settings import Settings
from graph.access.scope import ANONYMOUS, Role, Scope
from graph.audit.repository import APPEND_EVENT
from graph.db import Graph, count_round_trips
from tests.security.audit import repository as db
from tests.support.graphql import SCHEMA, run

GRAPHQL = SCHEMA._schema
assert GRAPHQL.query_type is not None and GRAPHQL.mutation_type is not None
ROOTS: dict[OperationType, GraphQLObjectType] = {OperationType.QUERY: GRAPHQL.query_type,
                                                 OperationType.MUTATION: GRAPHQL.mutation_type}
CALLERS: list[Role | None] = [None, *Role]
AUDIT_APPEND = APPEND_EVENT.strip().splitlines()[0][:80]  # how the round-trip counter names the append

# Which node type an `id` argument names, by operation (other id arguments are named after their type).
ID_TYPES = {"node": "Organization", "case": "Case", "victim": "Victim", "report": "Report",
            "transmission": "Transmission", "transmissionDocument": "Transmission",
            "acknowledgeTransmission": "Transmission", "recordCourtFollowUp": "Transmission"}
# Argument values that choose a path through an operation: the public and the signed-in report.
VARIANTS: dict[str, list[dict[str, str]]] = {"submitReport": [{"channel": "PUBLIC"}, {"channel": "PARTNER_APP"}]}
SCALARS: dict[str, Any] = {"String": "ZZ-DUMMY", "Int": 1, "Float": 36.8, "Boolean": False, "Date": "2024-01-15",
                           "DateTime": "2024-01-15T10:00:00+00:00"}


def _id_for(operation: str, argument: str) -> str:
    type_name = ID_TYPES.get(operation, "Case") if argument == "id" else argument[:-2][:1].upper() + argument[1:-2]
    return to_global_id(type_name, str(uuid.uuid4()))


def _required_input_fields(kind: GraphQLInputObjectType) -> list[str]:
    return [name for name, field in kind.fields.items()
            if isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined]


def dummy_value(kind: GraphQLInputType, operation: str, argument: str, overrides: dict[str, str]) -> Any:
    """A well-formed value of the type: required input fields only, ids of the type the argument names."""
    if isinstance(kind, GraphQLNonNull):
        return dummy_value(kind.of_type, operation, argument, overrides)
    if isinstance(kind, GraphQLList):
        return [dummy_value(kind.of_type, operation, argument, overrides)]
    if isinstance(kind, GraphQLEnumType):
        return overrides.get(argument, next(iter(kind.values)))
    if isinstance(kind, GraphQLInputObjectType):
        return {name: dummy_value(kind.fields[name].type, operation, name, overrides)
                for name in _required_input_fields(kind)}
    if kind.name == "ID":
        return _id_for(operation, argument)
    return SCALARS[kind.name]


def document(operation_type: OperationType, name: str, field: GraphQLField,
             overrides: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """``query($a: T!) { name(a: $a) { __typename } }`` with every required argument."""
    required = {arg: spec for arg, spec in field.args.items()
                if isinstance(spec.type, GraphQLNonNull) and spec.default_value is Undefined}
    declarations = ", ".join(f"${arg}: {spec.type}" for arg, spec in required.items())
    arguments = ", ".join(f"{arg}: ${arg}" for arg in required)
    selection = "" if is_leaf_type(get_named_type(field.type)) else " { __typename }"
    text = (f"{operation_type.value}{f'({declarations})' if declarations else ''} "
            f"{{ {name}{f'({arguments})' if arguments else ''}{selection} }}")
    variables = {arg: dummy_value(spec.type, name, arg, overrides) for arg, spec in required.items()}
    return text, variables

# The reviewed expectation, written out independently of api/authz/matrix.py: who may call each root field.
# A=ADMIN C=COORDINATOR W=CASE_WORKER P=PARTNER_AGENT J=JUDICIAL_OFFICER N=ANALYST
# D=DATA_PROTECTION_OFFICER; "public" = anyone, signed
# in or not; "+public" = also anyone when the input's channel is PUBLIC. A new root field needs a row here.
ROLE_LETTERS = {"A": Role.ADMIN, "C": Role.COORDINATOR, "W": Role.CASE_WORKER, "P": Role.PARTNER_AGENT,
                "J": Role.JUDICIAL_OFFICER, "N": Role.ANALYST, "D": Role.DATA_PROTECTION_OFFICER}
EXPECTED: dict[OperationType, dict[str, str]] = {
    OperationType.QUERY: {
        "serverInfo": "public", "governorates": "public", "reportByReceipt": "public",
        "guidelines": "ACWPJND", "indicatorCatalogue": "ACWPJND", "organizations": "ACWPJND",
        "organization": "ACWPJND", "services": "ACWPJND", "organizationNetwork": "ACWPJND",
        "coverageGaps": "ACWPJND", "partnershipPath": "ACWPJND",
        "case": "ACWP", "cases": "ACWP", "victim": "ACWP", "referrals": "ACWP", "findAssistance": "ACWP",
        "assistanceExclusions": "ACWP", "reports": "ACWP", "report": "ACWP", "changes": "ACWP",
        "victimIdentity": "ACW", "identityMatches": "AC", "possibleDuplicateReports": "AC",
        "reportCustodyChain": "AC", "overdueTransmissions": "AC", "deadLetters": "AC",
        "transmissions": "ACJ", "transmission": "ACJ", "transmissionDocument": "ACJ",
        "node": "ACWPJ", "alerts": "ACWPJ",
        # statistics (issue 14): analysts get k-anonymous figures; members their own organisation's KPIs
        "statistics": "ACN", "kpis": "ACWPN", "exportJob": "ACN",
        # consent, approvals, audit trail, everyday API (issue 13)
        "pendingApprovals": "ACW", "auditTrail": "AD", "me": "ACWPJND", "organizationMembers": "ACWP",
        "catalogues": "ACWPJND",
        # the trafficking graph (issue 15): partners only count links of the cases they see
        "perpetratorIdentity": "ACW", "protectedPersonIdentity": "ACW", "caseLinks": "ACWP",
        "suspectedNetworks": "AC", "networkTransmissions": "ACJ", "networkTransmissionDocument": "ACJ",
        # the authority's own work (issue 16): no person-level data, except training participants (sealed)
        "strategies": "ACWPJND", "strategyDashboard": "ACWPJND", "strategyMeasures": "ACWPJND",
        "guidelineVersions": "ACWPJND", "guidelineDocument": "ACWPJND", "trainingSessions": "ACP",
        "courses": "ACWPJND", "trainingKpis": "ACN", "verifyCertificate": "public", "campaigns": "ACWP",
        "programmes": "ACP",
    },
    OperationType.MUTATION: {
        "createOrganization": "AC", "addPartnership": "AC", "eraseVictimIdentity": "AC", "replyToReporter": "AC",
        "addReportNote": "AC", "changeReportStatus": "AC", "linkReportToCase": "AC", "transmitReport": "AC",
        "createService": "ACP", "updateServiceCapacity": "ACP", "setServiceStatus": "ACP", "setWebhook": "ACP",
        "rotateWebhookSecret": "ACP",
        "registerVictim": "ACW", "recordConsent": "ACW", "revokeConsent": "ACW", "openCase": "ACW",
        "changeCaseStatus": "ACW", "assignCase": "ACW", "transferCase": "ACW", "recordScreening": "ACW",
        "createReferral": "ACW", "cancelReferral": "ACW",
        "respondToReferral": "ACWP", "completeReferral": "ACWP", "submitReport": "ACWP +public",
        "sendReporterMessage": "public",
        "acknowledgeTransmission": "J", "recordCourtFollowUp": "J",
        "registerDevice": "ACWPJND", "unregisterDevice": "ACWPJND", "acknowledgeAlert": "ACWPJ",
        "startExport": "ACN",
        "requestIdentification": "ACW", "decideIdentification": "C", "respondToTransfer": "ACW",
        "createAccount": "ACWPJ", "completeEnrolment": "public", "disableAccount": "ACWPJ", "resetTotp": "ACWPJ",
        "addPerpetrator": "ACW", "involvePerpetrator": "ACW", "erasePerpetratorIdentity": "AC",
        "addCaseIdentifiers": "ACW", "addPerpetratorIdentifiers": "ACW", "addRouteEvent": "ACW",
        "recordProtectedPerson": "ACW", "addProtectionMeasure": "ACW", "updateProtectionMeasure": "ACW",
        "assessProtectedPersonRisk": "ACW", "confirmCaseLink": "AC", "dismissCaseLink": "AC",
        "recomputeSuspectedNetworks": "AC", "transmitNetwork": "AC", "acknowledgeNetworkTransmission": "J",
        "createStrategy": "AC", "addStrategyAction": "AC", "updateStrategyAction": "ACP",
        "addStrategyIndicator": "AC", "setIndicatorTarget": "AC", "recordIndicatorActual": "AC",
        "draftGuideline": "AC", "approveGuideline": "AC", "publishGuideline": "AC",
        "setOrganizationActorTypes": "AC", "createCourse": "AC", "createTrainingSession": "AC",
        "enrolParticipant": "ACP", "recordAttendance": "ACP", "issueCertificate": "AC", "createCampaign": "AC",
        "recordCampaignEvent": "ACWP", "createProgramme": "AC", "updateProgramme": "ACP",
        "reportProgrammeActivity": "ACP",
    },
}


def expected_allowed(operation_type: OperationType, name: str, role: Role | None, overrides: dict[str, str]) -> bool:
    """What the reviewed table above says, without reading the matrix under test."""
    entry = EXPECTED[operation_type][name]
    if entry == "public" or (entry.endswith("+public") and overrides.get("channel") == "PUBLIC"):
        return True
    letters = entry.split(" ")[0]
    return role is not None and role in {ROLE_LETTERS[letter] for letter in letters}



def scope_of(role: Role | None) -> Scope:
    if role is None:
        return ANONYMOUS
    return Scope(user_id=str(uuid.uuid4()), role=role, organization_id=str(uuid.uuid4()))


async def real_callers(graph: Graph) -> dict[Role | None, Scope]:
    """One signed-in account per role (members of one organisation), and nobody."""
    organization_id = str(uuid.uuid4())
    users = [{"id": str(uuid.uuid4()), "username": f"matrix.{role.value.lower()}", "role": role.value}
             for role in Role]
    await db.create_callers(graph, organization_id, "MATRIX-ORG", users)
    scopes: dict[Role | None, Scope] = {None: ANONYMOUS}
    for user in users:
        scopes[Role(user["role"])] = Scope(user_id=user["id"], role=Role(user["role"]), organization_id=organization_id)
    return scopes


CASES = [pytest.param(operation_type, name, overrides,
                      id=f"{name}{'-' + '-'.join(overrides.values()) if overrides else ''}")
         for operation_type, root in ROOTS.items() for name in root.fields
         for overrides in VARIANTS.get(name, [{}])]


def test_the_matrix_names_exactly_the_schema_root_fields() -> None:
    for operation_type, root in ROOTS.items():
        in_schema, in_matrix = set(root.fields), set(MATRIX[operation_type])
        assert in_schema - in_matrix == set(), f"root {operation_type.value} fields missing from the matrix"
        assert in_matrix - in_schema == set(), f"matrix {operation_type.value} entries the schema lacks"
    assert len(CASES) >= 50


def test_the_matrix_grants_exactly_the_reviewed_roles() -> None:
    for operation_type, table in MATRIX.items():
        assert set(EXPECTED[operation_type]) == set(table), f"{operation_type.value}: rows differ from the review"
        for name, access in table.items():
            for role in CALLERS:
                for overrides in VARIANTS.get(name, [{}]):
                    granted = (access.public or (role is not None and role in access.roles)
                               or (access.public_when is not None
                               and overrides.get(access.public_when.field) == access.public_when.value))
                    assert granted == expected_allowed(operation_type, name, role, overrides), (
                        f"{name} for {role}: the matrix says {granted}, the review says otherwise")


@pytest.mark.parametrize(("operation_type", "name", "overrides"), CASES)
async def test_every_role_gets_what_the_matrix_says(graph: Graph, settings: Settings, operation_type: OperationType,
                                                    name: str, overrides: dict[str, str]) -> None:
    text, variables = document(operation_type, name, ROOTS[operation_type].fields[name], overrides)
    callers = await real_callers(graph)
    for role in CALLERS:
        protection_for(settings.state_dir).intake.reset()  # flood control counts every attempt
        async with count_round_trips() as trips:
            result = await run(graph, settings, text, variables, scope=callers[role])
        who = role.value if role else "anonymous"
        if expected_allowed(operation_type, name, role, overrides):
            denied = {"FORBIDDEN", "UNAUTHENTICATED"} & set(result.codes)
            assert not denied, f"{who} is allowed {name} but got {result.errors}"
            assert "INTERNAL_SERVER_ERROR" not in result.codes, f"{who} on {name}: {result.errors}"
            assert "GRAPHQL_VALIDATION_FAILED" not in result.codes, f"{text}: {result.errors}"
        else:
            expected = "UNAUTHENTICATED" if role is None else "FORBIDDEN"
            assert result.codes == [expected], f"{who} on {name}: {result.errors}"
            # A refused non-null root field nulls the whole answer; a nullable one answers null.
            refused = None if isinstance(ROOTS[operation_type].fields[name].type, GraphQLNonNull) else {name: None}
            assert result.data == refused, f"{who} got data from {name}"
            assert all(q.startswith(AUDIT_APPEND) for q in trips.queries), (
                f"{who} on {name}: the resolver ran: {trips.queries}")
            # A refusal is audited: one event for a signed-in caller; anonymous ones are counted in memory and
            # written together (api/audit/refusals.py), so they cost no round trip.
            assert (len(trips.queries) > 0) is (role is not None), f"{who} on {name}: {trips.queries}"


async def test_an_operation_missing_from_the_matrix_is_refused_to_everybody(graph: Graph,
                                                                            settings: Settings) -> None:
    ran: list[str] = []

    @strawberry.type
    class Unlisted:
        @strawberry.field
        def not_in_the_matrix(self) -> str:
            ran.append("resolver")
            return "secret"

    guard_root_fields((OperationType.QUERY, Unlisted))
    schema = strawberry.Schema(query=Unlisted, extensions=[PresentErrors])
    for role in CALLERS:
        context = HimayaContext(settings=settings, graph=graph, language=Language.EN, scope=scope_of(role))
        result = await schema.execute("{ notInTheMatrix }", context_value=context)
        assert result.data is None
        assert [e.formatted["extensions"]["code"] for e in result.errors or []] == ["FORBIDDEN"]
    assert ran == []


def test_access_matrix_document_is_up_to_date() -> None:
    assert docs.DOCUMENT.read_text(encoding="utf-8") == docs.render(), (
        "ACCESS_MATRIX.md is out of date: run `himaya authz matrix --write`")


PERSON_LEVEL = {"Victim", "VictimIdentity", "IdentityMatch", "Case", "Referral", "Consent", "Report",
                "ReportDetails", "ReportMessage", "Transmission", "TransmissionDocument", "CustodyEvent",
                "DuplicateHint", "AssistanceMatch", "AssistanceExclusion", "ScreeningResult", "OverdueReport"}


def _reachable(kind: Any, seen: set[str]) -> set[str]:
    named = get_named_type(kind)
    if named.name not in seen and hasattr(named, "fields"):
        seen.add(named.name)
        for field in named.fields.values():
            _reachable(field.type, seen)
    return seen


def test_analyst_reaches_aggregates_and_reference_data_only() -> None:
    assert set(GRAPHQL.type_map) >= PERSON_LEVEL, "a person-level type was renamed: update this test"
    analyst = {name for table in MATRIX.values() for name, access in table.items()
               if Role.ANALYST in access.roles and not access.public}
    assert analyst == ANALYST_OPERATIONS
    for root in ROOTS.values():
        for name in analyst & set(root.fields):
            reached = _reachable(root.fields[name].type, set())
            assert not reached & PERSON_LEVEL, f"ANALYST reaches {reached & PERSON_LEVEL} through {name}"


def test_public_operations_are_the_few_the_public_needs() -> None:
    public = {name for table in MATRIX.values() for name, access in table.items() if access.public}
    # completeEnrolment: a new staff member has no account yet, only the one-time link; verifyCertificate: anyone
    # holding a training certificate's code.
    assert public == {"serverInfo", "governorates", "reportByReceipt", "sendReporterMessage", "completeEnrolment",
                      "verifyCertificate"}
    conditional = {name: access.public_when for table in MATRIX.values() for name, access in table.items()
                   if access.public_when is not None}
    assert {name: (c.argument, c.field, c.value) for name, c in conditional.items()} == {
        "submitReport": ("input", "channel", "PUBLIC")}
