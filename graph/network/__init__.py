"""Network analytics for coordinators: referral statistics, coverage gaps, partnership paths."""
