"""The strategy domain's Cypher."""
