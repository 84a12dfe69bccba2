"""The contract with the mobile apps: the schema snapshot, breaking-change checks and persisted operations."""
