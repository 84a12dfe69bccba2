"""Cypher for national statistics and KPIs."""
