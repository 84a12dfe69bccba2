"""The training domain's Cypher."""
