"""Trafficking routes: recruitment, transit and exploitation events of a case."""
