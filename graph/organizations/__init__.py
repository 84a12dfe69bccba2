"""Organisations of the coordination network and their partnerships."""
