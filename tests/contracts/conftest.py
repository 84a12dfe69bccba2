"""Real accounts and sign-in for HTTP contract tests (the security tests' fixtures)."""

from tests.security.conftest import client_with, make_account, org_id

__all__ = ["client_with", "make_account", "org_id"]
