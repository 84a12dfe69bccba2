"""Casework: assistance."""
