"""Casework: cases."""
