"""Casework: consents."""
