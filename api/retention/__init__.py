"""Retention of personal data: what goes when, run daily by the worker and by `himaya purge`."""
