"""Perpetrators: suspected persons and companies, their role in cases, and their sealed identity."""
