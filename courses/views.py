"""Views of the catalogue outside the page tree: iCal feeds and instrument pages.

The catalogue itself and the course and module pages are Wagtail pages
(`courses.models`); their read logic lives in `courses.catalogue`.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import ical
from .models import CoursePage, Instrument, Session


def _calendar_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def ical_all(request):
    """All upcoming sessions of public courses."""
    courses = CoursePage.objects.public_approved().for_listing().values("pk")
    sessions = (
        Session.objects.filter(course__in=courses, cancelled=False, starts_at__gte=timezone.now())
        .select_related("course", "course__provider")
        .order_by("starts_at")
    )
    calendar = ical.sessions_calendar(request, sessions, name=_("Glashelder: alle bijeenkomsten"))
    return _calendar_response(calendar, "glashelder-agenda.ics")


@require_GET
def ical_course(request, slug):
    """The sessions of one course (upcoming and past, cancelled ones marked)."""
    course = CoursePage.objects.public_approved().for_listing().filter(slug=slug).first()
    if course is None:
        raise Http404
    sessions = Session.objects.filter(course=course).select_related("course", "course__provider").order_by("starts_at")
    calendar = ical.sessions_calendar(request, sessions, name=course.title)
    return _calendar_response(calendar, f"{course.slug}.ics")


@require_GET
def instrument_list(request):
    instruments = Instrument.objects.order_by("sort_order", "name")
    return render(request, "courses/instrument_list.html", {"instruments": instruments})


@require_GET
def instrument_detail(request, slug):
    instrument = get_object_or_404(Instrument, slug=slug)
    courses = (
        CoursePage.objects.public_approved().for_listing()
        .filter(pk__in=CoursePage.instruments.through.objects.filter(instrument=instrument).values("coursepage_id"))
        .order_by("title")
    )
    return render(request, "courses/instrument_detail.html", {"instrument": instrument, "courses": courses})
