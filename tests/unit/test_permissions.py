"""The permission vocabulary: every operation names a permission, and the roles it grants are the intended ones."""

from __future__ import annotations

from api.authz.matrix import MATRIX, Decision, decide
from graph.access.permissions import ROLE_PERMISSIONS, Permission, Role, has, role_values_with, roles_with
from graph.access.scope import ANONYMOUS, Scope


def test_every_role_has_an_entry_and_every_permission_a_holder() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert [permission for permission in Permission if not roles_with(permission)] == []


def test_every_non_public_operation_names_a_permission() -> None:
    missing = [name for operations in MATRIX.values() for name, access in operations.items()
               if access.permission is None and not access.public]
    assert missing == []


def test_national_reach_is_the_administrators_and_coordinators() -> None:
    assert roles_with(Permission.SEE_ALL_ORGANISATIONS) == {Role.ADMIN, Role.COORDINATOR}
    assert Scope(user_id="u", role=Role.COORDINATOR, organization_id=None).national
    assert not Scope(user_id="u", role=Role.CASE_WORKER, organization_id="o").national


def test_analysts_hold_no_person_level_permission() -> None:
    # Reference data, their own devices, k-anonymous statistics and training aggregates (never a participant).
    assert ROLE_PERMISSIONS[Role.ANALYST] == {Permission.READ_NETWORK, Permission.MANAGE_OWN_DEVICES,
                                              Permission.READ_STATISTICS, Permission.READ_KPIS,
                                              Permission.EXPORT_STATISTICS, Permission.READ_OWN_ACCOUNT,
                                              Permission.READ_TRAINING_KPIS}


def test_statistics_are_national_and_analysts_and_exact_counts_national_only() -> None:
    assert roles_with(Permission.READ_STATISTICS) == {Role.ADMIN, Role.COORDINATOR, Role.ANALYST}
    assert roles_with(Permission.EXPORT_STATISTICS) == {Role.ADMIN, Role.COORDINATOR, Role.ANALYST}
    assert roles_with(Permission.READ_EXACT_STATISTICS) == {Role.ADMIN, Role.COORDINATOR}
    assert roles_with(Permission.READ_KPIS) == {Role.ADMIN, Role.COORDINATOR, Role.ANALYST, Role.CASE_WORKER,
                                                Role.PARTNER_AGENT}


def test_the_data_protection_officer_reads_the_audit_trail_and_no_casework() -> None:
    assert ROLE_PERMISSIONS[Role.DATA_PROTECTION_OFFICER] == {
        Permission.READ_NETWORK, Permission.MANAGE_OWN_DEVICES, Permission.READ_OWN_ACCOUNT,
        Permission.READ_AUDIT_TRAIL, Permission.SIGN_IN_WITH_TOTP}
    assert roles_with(Permission.READ_AUDIT_TRAIL) == {Role.ADMIN, Role.DATA_PROTECTION_OFFICER}
    assert roles_with(Permission.SIGN_IN_WITH_TOTP) == {Role.ADMIN, Role.COORDINATOR, Role.DATA_PROTECTION_OFFICER}


def test_only_coordinators_decide_identifications_and_only_admins_manage_every_account() -> None:
    assert roles_with(Permission.APPROVE_IDENTIFICATION) == {Role.COORDINATOR}
    assert roles_with(Permission.MANAGE_ALL_ACCOUNTS) == {Role.ADMIN}
    assert roles_with(Permission.MANAGE_ACCOUNTS) == set(Role) - {Role.ANALYST, Role.DATA_PROTECTION_OFFICER}


def test_only_judicial_officers_act_for_a_court() -> None:
    assert roles_with(Permission.ACT_FOR_COURT) == {Role.JUDICIAL_OFFICER}


def test_nobody_holds_a_permission_without_a_role() -> None:
    assert not has(None, Permission.READ_NETWORK)
    assert not ANONYMOUS.can(Permission.READ_NETWORK)
    assert ANONYMOUS.params()["scope"]["permissions"] == []


def test_cypher_receives_the_roles_of_a_permission_sorted() -> None:
    assert role_values_with(Permission.RECEIVE_REFERRAL_ALERTS) == ["CASE_WORKER", "COORDINATOR"]


def test_the_matrix_refuses_a_role_without_the_permission() -> None:
    access = MATRIX[next(iter(MATRIX))]["case"]
    worker = Scope(user_id="u", role=Role.CASE_WORKER, organization_id="o")
    judge = Scope(user_id="u", role=Role.JUDICIAL_OFFICER, organization_id="o")
    assert decide(access, worker, {}) is Decision.ALLOW
    assert decide(access, judge, {}) is Decision.FORBIDDEN
    assert decide(access, ANONYMOUS, {}) is Decision.UNAUTHENTICATED
