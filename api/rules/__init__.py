"""Business rules per domain (state machines, validation, what a change implies). No Cypher here."""
