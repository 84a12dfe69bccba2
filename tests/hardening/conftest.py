"""Fixtures of the hardening tests: the security tests' accounts and app factory."""

from __future__ import annotations

from tests.security.conftest import account, client_with, make_account, org_id

__all__ = ["account", "client_with", "make_account", "org_id"]
