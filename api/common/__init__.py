"""Helpers every domain shares (one home each): records written by offline clients, codes, text, cursors."""
