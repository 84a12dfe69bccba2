"""The tamper-evident audit log: who did or tried what, when, on which records, and with what outcome."""
