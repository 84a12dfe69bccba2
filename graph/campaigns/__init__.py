"""The campaigns domain's Cypher."""
