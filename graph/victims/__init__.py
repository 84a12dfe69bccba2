"""Casework: victims."""
