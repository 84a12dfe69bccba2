"""The programmes domain's Cypher."""
