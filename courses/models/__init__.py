"""The catalogue: providers, the instrument taxonomy, courses, modules and sessions.

`courses` is the lowest layer; it knows nothing of enrolment or reimbursement.
"""

from .pages import (
    RESERVED_COURSE_SLUGS,
    REVIEW_FIELDS,
    CataloguePathMixin,
    CompletionRule,
    CourseIndexPage,
    CoursePage,
    CoursePageForm,
    CoursePageManager,
    CoursePageQuerySet,
    ModulePage,
    ProviderFolderPage,
    ProviderFolderPermissionTester,
    login_redirect,
)
from .providers import Instrument, Provider, ProviderQuerySet
from .review import NonPartisanshipTask
from .sessions import TAKEN_PLACES_HOOK, Session, SessionQuerySet, taken_places_expression

__all__ = [
    "REVIEW_FIELDS", "RESERVED_COURSE_SLUGS", "TAKEN_PLACES_HOOK", "CataloguePathMixin", "CompletionRule",
    "CourseIndexPage", "CoursePage", "CoursePageForm", "CoursePageManager", "CoursePageQuerySet", "Instrument",
    "ModulePage", "NonPartisanshipTask", "Provider", "ProviderFolderPage", "ProviderFolderPermissionTester",
    "ProviderQuerySet", "Session", "SessionQuerySet", "login_redirect", "taken_places_expression",
]
