"""Identifiers (phones, e-mails, accounts, plates, bank references, addresses): shared nodes, never plaintext."""
