"""The in-process memory of session checks: what it remembers, for how long, and what forgetting does."""

from __future__ import annotations

import time

from api.auth.session_cache import SessionChecks

ROW = {"role": "CASE_WORKER", "organizationId": "org-1"}


def test_a_check_is_remembered_for_its_seconds_only() -> None:
    checks = SessionChecks()
    checks.remember("s1", "u1", ROW, 0.05, checks.generation())
    assert checks.recall("s1", "u1") == ROW
    assert checks.recall("s1", "someone else") is None
    time.sleep(0.08)
    assert checks.recall("s1", "u1") is None


def test_zero_seconds_remembers_nothing() -> None:
    checks = SessionChecks()
    checks.remember("s1", "u1", ROW, 0, checks.generation())
    assert checks.recall("s1", "u1") is None


def test_forgetting_a_session_or_a_user_drops_only_theirs() -> None:
    checks = SessionChecks()
    for session, user in (("s1", "u1"), ("s2", "u1"), ("s3", "u2")):
        checks.remember(session, user, ROW, 60, checks.generation())
    checks.forget_session("s1")
    assert (checks.recall("s1", "u1"), checks.recall("s2", "u1")) == (None, ROW)
    checks.forget_user("u1")
    assert (checks.recall("s2", "u1"), checks.recall("s3", "u2")) == (None, ROW)


def test_a_check_read_before_a_revocation_is_not_remembered_after_it() -> None:
    checks = SessionChecks()
    before = checks.generation()  # a request starts reading the session from Neo4j...
    checks.forget_user("u1")      # ...the account is disabled meanwhile...
    checks.remember("s1", "u1", ROW, 60, before)  # ...and its (now stale) answer arrives
    assert checks.recall("s1", "u1") is None


def test_the_memory_is_bounded() -> None:
    checks = SessionChecks(max_entries=3)
    for i in range(5):
        checks.remember(f"s{i}", "u", ROW, 60, checks.generation())
    assert [checks.recall(f"s{i}", "u") is not None for i in range(5)] == [False, False, True, True, True]
