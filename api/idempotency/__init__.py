"""Idempotency-Key for GraphQL mutations sent over unreliable mobile networks."""
