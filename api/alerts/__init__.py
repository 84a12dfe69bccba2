"""Alerts to partners: payloads, push through Firebase Cloud Messaging, signed webhooks, and the dispatcher."""
