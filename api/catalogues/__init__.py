"""GraphQL for the fixed catalogues (codes with fr/ar/en labels)."""
