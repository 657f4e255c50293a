"""Hook registrations of the enrolment app (see README, "Extension points")."""

from . import office_hooks  # noqa: F401
