"""Limits shared by every API process (kept in Neo4j), the client's address, and the cap on hashing work."""
