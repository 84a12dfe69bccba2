"""GraphQL for casework: victims."""
