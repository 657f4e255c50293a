"""iCalendar feeds of sessions (RFC 5545) built with the `icalendar` package."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText


def sessions_calendar(request, sessions, *, name):
    calendar = Calendar()
    calendar.add("prodid", "-//Glashelder//Cursusagenda//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = request.get_host().split(":")[0] or "glashelder.nl"
    now = timezone.now()
    for session in sessions:
        course = session.course
        event = Event()
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        title = session.title or course.title
        event.add("summary", f"{title} ({course.provider.name})" if session.title else title)
        url = request.build_absolute_uri(course.get_url(request) or "/cursussen/")
        description = f"{course.summary}\n\n{url}"
        if session.online_url:
            description += f"\nOnline: {session.online_url}"
        event.add("description", description)
        event.add("url", url)
        location = session.location or session.online_url
        if location:
            event["location"] = vText(location)
        event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar
