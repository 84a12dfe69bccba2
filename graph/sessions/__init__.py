"""Sign-in sessions and their refresh-token families."""
