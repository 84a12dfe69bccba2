"""The guidelines domain's Cypher."""
