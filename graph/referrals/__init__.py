"""Casework: referrals."""
