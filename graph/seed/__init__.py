"""Bulk Cypher for the demo network and the synthetic national network."""
