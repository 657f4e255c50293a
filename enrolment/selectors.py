"""Read-side queries of the enrolment app."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from courses.models import ModulePage

from .models import (
    Enrolment,
    EnrolmentStatus,
)

# --- the held-place rule -------------------------------------------------------------
#
# The one definition of "a place in a session is taken". A requested enrolment holds
# its place while the payment is awaited (until `enrolments_expire_unpaid` releases it
# after PAYMENT_HOLD); an active or completed one holds it for good. A waitlisted or
# cancelled enrolment holds nothing. Everything that counts places asks here: the
# enrolment services (enrolling, the waiting list, direct payment by the authority), the
# enrol form, the provider's session page and, through the `glashelder_session_taken_places`
# hook, the catalogue (courses keeps no enrolment data of its own).
PLACE_HOLDING = (EnrolmentStatus.REQUESTED, EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)


def holds_place(enrolment):
    """Whether this enrolment (already loaded) holds a place in its session."""
    return enrolment.session_id is not None and enrolment.status in PLACE_HOLDING


def place_holding_enrolments():
    """The enrolments that hold a session place, as a queryset to narrow down."""
    return Enrolment.objects.filter(session__isnull=False, status__in=PLACE_HOLDING)


def taken_places(session):
    """How many places of `session` are taken (one query)."""
    return place_holding_enrolments().filter(session=session).count()


def taken_places_by_session(sessions):
    """{session_id: places taken} for several sessions in one query (absent: none taken)."""
    return dict(
        place_holding_enrolments().filter(session__in=sessions).order_by()
        .values_list("session").annotate(n=Count("pk"))
    )


def taken_places_expression(session_ref="pk"):
    """The places taken as an expression to annotate a `Session` queryset with (one query
    for any number of sessions); `session_ref` names the session's id in the outer query."""
    counted = (
        place_holding_enrolments().filter(session=OuterRef(session_ref)).order_by()
        .values("session").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def course_modules(course):
    """The live modules of a course, in the editor's order."""
    return ModulePage.objects.live().child_of(course).order_by("path")


def module_counts(courses):
    """{course_id: number of live modules}, in one query whatever the number of courses."""
    courses = list(courses)
    if not courses:
        return {}
    by_path = {c.path: c.pk for c in courses}
    steplen = ModulePage.steplen
    counts = {}
    depth_paths = {}
    for c in courses:
        depth_paths.setdefault(c.depth, set()).add(c.path)
    query = Q()
    for depth, paths in depth_paths.items():
        query |= Q(depth=depth + 1, path__regex="^(" + "|".join(paths) + ")")
    for path in ModulePage.objects.live().filter(query).values_list("path", flat=True):
        course_path = path[: len(path) - steplen]
        if course_path in by_path:
            counts[by_path[course_path]] = counts.get(by_path[course_path], 0) + 1
    return counts


def enrolments_for_dashboard(person):
    return (
        Enrolment.objects.filter(person=person)
        .select_related("course", "course__provider", "session", "office__authority", "certificate")
        .annotate(modules_done=Count("progress", filter=Q(progress__completed_at__isnull=False)))
        .order_by("-created_at")
    )
