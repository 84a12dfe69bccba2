"""GraphQL for casework: referrals."""
