"""Legal bases, training policies, claims and their history."""
