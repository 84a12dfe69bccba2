"""GraphQL for casework: assistance."""
