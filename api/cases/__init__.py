"""GraphQL for casework: cases."""
