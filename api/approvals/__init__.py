"""GraphQL for approvals: identification and transfer requests."""
