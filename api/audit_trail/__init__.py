"""The audit trail as read through the API (ADMIN and the data protection officer); the chain itself: api/audit/."""
