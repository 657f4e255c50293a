"""Read-side queries of the enrolment app."""



from django.db.models import Count, Q

from courses.models import ModulePage

from .models import (
    Enrolment,
    EnrolmentStatus,
)

# Enrolments that hold a place in a session (a requested one is waiting for payment).
PLACE_HOLDING = (EnrolmentStatus.REQUESTED, EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)


def course_modules(course):
    """The live modules of a course, in the editor's order."""
    return ModulePage.objects.live().child_of(course).order_by("path")


def taken_places(session):
    return session.enrolments.filter(status__in=PLACE_HOLDING).count()




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
