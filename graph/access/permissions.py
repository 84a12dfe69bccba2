"""The one permission vocabulary: what each role may do, written once.

Every check in the code (the role × operation matrix in ``api/authz/matrix.py``, the rules in
``api/<domain>/rules.py``, the mobile gate, the recipients of alerts, the scope Cypher receives) asks
whether a role holds a :class:`Permission`; none names a set of roles. ``ops/role_lint.py`` (run by
``make lint``) fails on a role set or a role comparison written anywhere but here.

It lives in ``graph/access/`` because the scope handed to Cypher (``Scope.national``) and the alert
recipients chosen in Cypher depend on it, and ``graph/`` may not import ``api/``.

Adding a permission: add a member to :class:`Permission` (a verb phrase, one line saying what it allows)
and grant it to roles in :data:`ROLE_PERMISSIONS` (deny by default: nobody holds it until granted; a test fails
on a permission nobody holds); ``ACCESS_MATRIX.md`` shows the result per operation and per permission.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "ADMIN"
    COORDINATOR = "COORDINATOR"
    CASE_WORKER = "CASE_WORKER"
    PARTNER_AGENT = "PARTNER_AGENT"
    JUDICIAL_OFFICER = "JUDICIAL_OFFICER"
    ANALYST = "ANALYST"
    # Reads the audit trail (who read or changed what, when, why); no casework, no personal data.
    DATA_PROTECTION_OFFICER = "DATA_PROTECTION_OFFICER"


class Permission(StrEnum):
    # the network and reference data: aggregates, never a person-level field
    READ_NETWORK = "READ_NETWORK"  # directory, services, reference catalogues, network statistics
    MANAGE_OWN_DEVICES = "MANAGE_OWN_DEVICES"  # register and unregister the caller's own push devices
    READ_OWN_ACCOUNT = "READ_OWN_ACCOUNT"  # the caller's own account, organisation and permissions (me)
    MANAGE_NETWORK = "MANAGE_NETWORK"  # create organisations and partnerships
    MANAGE_SERVICES = "MANAGE_SERVICES"  # create services, update capacity and status (partners: their own)
    MANAGE_WEBHOOKS = "MANAGE_WEBHOOKS"  # an organisation's webhook and its secret (partners: their own)
    # casework: person-level, scoped to the caller's organisation in Cypher
    READ_CASEWORK = "READ_CASEWORK"  # victims, cases, referrals, assistance search
    MANAGE_CASES = "MANAGE_CASES"  # register victims, consents, open/change/assign/transfer cases, refer
    RECORD_SCREENING = "RECORD_SCREENING"  # screen a case against the indicator catalogue
    RESPOND_TO_REFERRALS = "RESPOND_TO_REFERRALS"  # accept, decline or complete a referral received
    SYNC_OFFLINE = "SYNC_OFFLINE"  # delta sync of person-level records for offline work
    READ_IDENTITY = "READ_IDENTITY"  # any victim's decrypted identity (audited) and identity matches
    READ_RECORDED_IDENTITY = "READ_RECORDED_IDENTITY"  # the identity of a victim of the caller's own organisation's
    # cases (or just registered by it), audited with a reason
    ERASE_IDENTITY = "ERASE_IDENTITY"  # crypto-shred a victim's identity
    REFER_WITHOUT_CONSENT = "REFER_WITHOUT_CONSENT"  # an emergency referral without consent (audited, alerted)
    APPROVE_IDENTIFICATION = "APPROVE_IDENTIFICATION"  # decide another's request to move a case to IDENTIFIED
    READ_MEMBERS = "READ_MEMBERS"  # list an organisation's members (own one; national reach: any), for assigning
    MANAGE_ACCOUNTS = "MANAGE_ACCOUNTS"  # create, disable, reset accounts: the rules then ask for ADMIN or the
    # organisation-admin flag of the caller's account (its own organisation's members only)
    MANAGE_ALL_ACCOUNTS = "MANAGE_ALL_ACCOUNTS"  # every organisation's accounts, national roles, organisation admins
    READ_AUDIT_TRAIL = "READ_AUDIT_TRAIL"  # search the audit trail (every read of it is itself audited)
    # the trafficking graph: perpetrators, identifiers, routes, protected persons, links between cases
    RECORD_TRAFFICKING = "RECORD_TRAFFICKING"  # add perpetrators, identifiers, routes, protected persons, measures
    READ_TRAFFICKING_IDENTITIES = "READ_TRAFFICKING_IDENTITIES"  # perpetrator and protected-person identities (audited)
    READ_CASE_LINKS = "READ_CASE_LINKS"  # how many other cases a visible case meets (paths: national reach only)
    ANALYSE_LINKS = "ANALYSE_LINKS"  # suspected networks; confirm, dismiss and recompute links between cases
    ERASE_PERPETRATOR_IDENTITY = "ERASE_PERPETRATOR_IDENTITY"  # crypto-shred a perpetrator's identity
    # reports and courts
    SUBMIT_REPORTS = "SUBMIT_REPORTS"  # signed-in report channels (the public channel needs nothing)
    SUBMIT_HOTLINE_REPORTS = "SUBMIT_HOTLINE_REPORTS"  # the national hotline channel
    READ_REPORTS = "READ_REPORTS"  # the reports the caller may see, with their sealed fields (audited)
    TRIAGE_REPORTS = "TRIAGE_REPORTS"  # qualify, annotate, link, transmit; talk to the reporter
    READ_TRANSMISSIONS = "READ_TRANSMISSIONS"  # transmissions to courts and their documents
    ACT_FOR_COURT = "ACT_FOR_COURT"  # acknowledge a transmission and record the court's follow-up
    # alerts and reach
    RESOLVE_NODES = "RESOLVE_NODES"  # relay node(id): the rules narrow by the id's type
    RECEIVE_ALERTS = "RECEIVE_ALERTS"  # the caller's own alerts (they name cases and referrals)
    RECEIVE_AUTHORITY_ALERTS = "RECEIVE_AUTHORITY_ALERTS"  # told of urgent reports, reporter messages, low capacity
    RECEIVE_REFERRAL_ALERTS = "RECEIVE_REFERRAL_ALERTS"  # told when their organisation's referral goes unanswered
    RECEIVE_REFERRAL_STATUS_ALERTS = "RECEIVE_REFERRAL_STATUS_ALERTS"  # told when their organisation's referral
    # is accepted, declined, completed or cancelled
    RECEIVE_INCOMING_REFERRALS = "RECEIVE_INCOMING_REFERRALS"  # first told of a referral to their organisation
    RECEIVE_PROTECTION_ALERTS = "RECEIVE_PROTECTION_ALERTS"  # told when their organisation's protection measure is due
    OPERATE_ALERTS = "OPERATE_ALERTS"  # dead letters of the alert dispatcher
    SEE_ALL_ORGANISATIONS = "SEE_ALL_ORGANISATIONS"  # national reach
    SIGN_IN_WITH_TOTP = "SIGN_IN_WITH_TOTP"  # a second factor at sign-in (national reach, the audit trail)
    MOBILE_APP = "MOBILE_APP"  # works from the mobile apps: persisted operations only
    # statistics (api/statistics): aggregates under the disclosure control
    READ_STATISTICS = "READ_STATISTICS"  # national aggregates (k-anonymous) and every organisation's KPIs
    READ_EXACT_STATISTICS = "READ_EXACT_STATISTICS"  # exact counts on request, without the disclosure control
    READ_KPIS = "READ_KPIS"  # KPIs of the caller's own organisation (with READ_STATISTICS: of any organisation)
    EXPORT_STATISTICS = "EXPORT_STATISTICS"  # start export jobs and download the caller's own files
    # the authority's own work: strategy, guidelines, training, campaigns, programmes (no person-level data
    # except training participants, sealed)
    MANAGE_STRATEGY = "MANAGE_STRATEGY"  # create strategies, their actions and indicators; set targets and actuals
    UPDATE_STRATEGY_ACTIONS = "UPDATE_STRATEGY_ACTIONS"  # progress of strategy actions (partners: those they lead)
    PUBLISH_GUIDELINES = "PUBLISH_GUIDELINES"  # draft, approve (four eyes) and publish guideline versions
    MANAGE_TRAINING = "MANAGE_TRAINING"  # create courses and training sessions, issue certificates
    RUN_TRAINING_SESSIONS = "RUN_TRAINING_SESSIONS"  # sessions, enrolment, attendance (partners: those they organise)
    READ_TRAINING_KPIS = "READ_TRAINING_KPIS"  # training aggregates
    MANAGE_CAMPAIGNS = "MANAGE_CAMPAIGNS"  # create awareness campaigns
    WORK_ON_CAMPAIGNS = "WORK_ON_CAMPAIGNS"  # see campaigns and record their events (partners: their campaigns)
    MANAGE_PROGRAMMES = "MANAGE_PROGRAMMES"  # create partner programmes
    RUN_PROGRAMMES = "RUN_PROGRAMMES"  # see, update and report on programmes (partners: those they run)


_EVERYBODY = (Permission.READ_NETWORK, Permission.MANAGE_OWN_DEVICES, Permission.READ_OWN_ACCOUNT)
_STATISTICS = (Permission.READ_STATISTICS, Permission.READ_KPIS, Permission.EXPORT_STATISTICS)
# Written out, never "every permission but...": a new permission is held by nobody until it is granted here.
_NATIONAL = frozenset({
    *_EVERYBODY, Permission.MANAGE_NETWORK, Permission.MANAGE_SERVICES, Permission.MANAGE_WEBHOOKS,
    Permission.READ_CASEWORK, Permission.MANAGE_CASES, Permission.RECORD_SCREENING, Permission.RESPOND_TO_REFERRALS,
    Permission.SYNC_OFFLINE, Permission.READ_IDENTITY, Permission.READ_RECORDED_IDENTITY, Permission.ERASE_IDENTITY,
    Permission.SUBMIT_REPORTS,
    Permission.SUBMIT_HOTLINE_REPORTS, Permission.READ_REPORTS, Permission.TRIAGE_REPORTS,
    Permission.READ_TRANSMISSIONS, Permission.RESOLVE_NODES, Permission.RECEIVE_ALERTS, Permission.OPERATE_ALERTS,
    Permission.SEE_ALL_ORGANISATIONS, *_STATISTICS, Permission.READ_EXACT_STATISTICS, Permission.SIGN_IN_WITH_TOTP,
    Permission.READ_MEMBERS, Permission.MANAGE_ACCOUNTS, Permission.RECORD_TRAFFICKING,
    Permission.READ_TRAFFICKING_IDENTITIES, Permission.READ_CASE_LINKS, Permission.ANALYSE_LINKS,
    Permission.ERASE_PERPETRATOR_IDENTITY, Permission.MANAGE_STRATEGY, Permission.UPDATE_STRATEGY_ACTIONS,
    Permission.PUBLISH_GUIDELINES, Permission.MANAGE_TRAINING, Permission.RUN_TRAINING_SESSIONS,
    Permission.READ_TRAINING_KPIS, Permission.MANAGE_CAMPAIGNS, Permission.WORK_ON_CAMPAIGNS,
    Permission.MANAGE_PROGRAMMES, Permission.RUN_PROGRAMMES})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: _NATIONAL | {Permission.READ_AUDIT_TRAIL, Permission.MANAGE_ALL_ACCOUNTS},
    Role.COORDINATOR: _NATIONAL | {Permission.RECEIVE_AUTHORITY_ALERTS, Permission.RECEIVE_REFERRAL_ALERTS,
                                   Permission.APPROVE_IDENTIFICATION, Permission.REFER_WITHOUT_CONSENT,
                                   Permission.RECEIVE_REFERRAL_STATUS_ALERTS, Permission.RECEIVE_PROTECTION_ALERTS},
    Role.CASE_WORKER: frozenset({
        *_EVERYBODY, Permission.READ_CASEWORK, Permission.MANAGE_CASES, Permission.RECORD_SCREENING,
        Permission.RESPOND_TO_REFERRALS, Permission.SYNC_OFFLINE, Permission.SUBMIT_REPORTS, Permission.READ_REPORTS,
        Permission.RESOLVE_NODES, Permission.RECEIVE_ALERTS, Permission.RECEIVE_REFERRAL_ALERTS,
        Permission.MOBILE_APP, Permission.READ_KPIS, Permission.READ_MEMBERS, Permission.MANAGE_ACCOUNTS,
        Permission.READ_RECORDED_IDENTITY, Permission.REFER_WITHOUT_CONSENT, Permission.RECEIVE_REFERRAL_STATUS_ALERTS,
        Permission.RECORD_TRAFFICKING,
        Permission.READ_TRAFFICKING_IDENTITIES, Permission.READ_CASE_LINKS, Permission.RECEIVE_PROTECTION_ALERTS,
        Permission.WORK_ON_CAMPAIGNS}),
    Role.PARTNER_AGENT: frozenset({
        *_EVERYBODY, Permission.MANAGE_SERVICES, Permission.MANAGE_WEBHOOKS, Permission.READ_CASEWORK,
        Permission.RESPOND_TO_REFERRALS, Permission.SYNC_OFFLINE, Permission.SUBMIT_REPORTS, Permission.READ_REPORTS,
        Permission.RESOLVE_NODES, Permission.RECEIVE_ALERTS, Permission.RECEIVE_INCOMING_REFERRALS,
        Permission.MOBILE_APP, Permission.READ_KPIS, Permission.READ_MEMBERS, Permission.MANAGE_ACCOUNTS,
        Permission.RECEIVE_REFERRAL_STATUS_ALERTS, Permission.READ_CASE_LINKS, Permission.UPDATE_STRATEGY_ACTIONS,
        Permission.RUN_TRAINING_SESSIONS, Permission.WORK_ON_CAMPAIGNS, Permission.RUN_PROGRAMMES}),
    Role.JUDICIAL_OFFICER: frozenset({
        *_EVERYBODY, Permission.READ_TRANSMISSIONS, Permission.ACT_FOR_COURT, Permission.RESOLVE_NODES,
        Permission.RECEIVE_ALERTS, Permission.MOBILE_APP, Permission.MANAGE_ACCOUNTS}),
    Role.ANALYST: frozenset({*_EVERYBODY, *_STATISTICS, Permission.READ_TRAINING_KPIS}),
    Role.DATA_PROTECTION_OFFICER: frozenset({*_EVERYBODY, Permission.READ_AUDIT_TRAIL, Permission.SIGN_IN_WITH_TOTP}),
}


def has(role: Role | None, permission: Permission) -> bool:
    """Whether the role holds the permission (nobody holds any)."""
    return role is not None and permission in ROLE_PERMISSIONS[role]


def roles_with(permission: Permission) -> frozenset[Role]:
    """The roles holding the permission (for documents, and for Cypher that picks users by role)."""
    return frozenset(role for role, granted in ROLE_PERMISSIONS.items() if permission in granted)


def role_values_with(permission: Permission) -> list[str]:
    """The same, as the sorted strings Cypher compares ``User.role`` with (a ``$parameter``)."""
    return sorted(role.value for role in roles_with(permission))
