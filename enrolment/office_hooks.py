"""Hook registrations for offices (dashboard panel with the member's offices)."""
