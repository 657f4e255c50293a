"""Demo content of the enrolment app: offices first, then enrolments, progress and payments."""

from . import demo_offices


def load(users):
    demo_offices.load(users)
