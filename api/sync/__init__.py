"""GraphQL for delta sync."""
