"""iCal feeds (parsed back with the icalendar library) and the instrument pages."""

import pytest
from icalendar import Calendar

from courses.choices import CourseFormat
from courses.instruments import INSTRUMENTS
from courses.models import Instrument
from courses.services import seed_instruments
from tests.factories import make_course

from .builders import approved_course, instrument, session

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_course_feed_is_valid_icalendar(client, workflow):
    course = approved_course(title="Raadsenquête", format=CourseFormat.LIVE)
    first = session(course, days=10, title="Dag 1", location="Stadhuis Utrecht")
    second = session(course, days=20, title="Dag 2", location="", online_url="https://meet.example.org/x")
    session(course, days=30, title="Vervallen", cancelled=True)
    calendar = parse(client.get(f"/cursussen/{course.slug}/agenda.ics"))
    assert str(calendar["version"]) == "2.0" and "prodid" in calendar
    events = calendar.walk("VEVENT")
    assert len(events) == 3
    by_summary = {str(e["summary"]): e for e in events}
    day1 = by_summary[f"Dag 1 ({course.provider.name})"]
    assert day1.decoded("dtstart") == first.starts_at.replace(microsecond=0)
    assert day1.decoded("dtend") == first.ends_at.replace(microsecond=0)
    assert str(day1["location"]) == "Stadhuis Utrecht"
    assert str(day1["uid"]) == f"session-{first.pk}@testserver"
    assert str(day1["status"]) == "CONFIRMED"
    day2 = by_summary[f"Dag 2 ({course.provider.name})"]
    assert str(day2["location"]) == "https://meet.example.org/x"
    assert day2.decoded("dtstart") == second.starts_at.replace(microsecond=0)
    assert str(by_summary[f"Vervallen ({course.provider.name})"]["status"]) == "CANCELLED"
    assert f"/cursussen/{course.slug}/" in str(day1["url"])


def test_all_sessions_feed_lists_only_upcoming_sessions_of_public_courses(client, workflow):
    public = approved_course(title="Openbaar", format=CourseFormat.LIVE)
    session(public, days=5, title="Komt")
    session(public, days=-5, title="Geweest")
    session(public, days=8, title="Vervallen", cancelled=True)
    hidden = make_course(title="Niet getoetst", publish=True, approved=False)
    session(hidden, days=5, title="Verborgen")
    calendar = parse(client.get("/cursussen/agenda.ics"))
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert summaries == [f"Komt ({public.provider.name})"]


def test_feed_of_unknown_or_unpublished_course_is_404(client, workflow):
    hidden = make_course(title="Concept", publish=False, approved=False)
    assert client.get(f"/cursussen/{hidden.slug}/agenda.ics").status_code == 404
    assert client.get("/cursussen/bestaat-niet/agenda.ics").status_code == 404


def test_every_instrument_of_the_domain_brief_is_seeded(workflow):
    slugs = set(Instrument.objects.values_list("slug", flat=True))
    required = {
        "budgetrecht", "recht-van-amendement", "recht-van-initiatief", "motie", "vragenrecht", "interpellatie",
        "recht-van-onderzoek", "inlichtingenrecht", "rekenkamer", "gemeenschappelijke-regelingen",
        "verbonden-partijen", "participatieverordening", "integriteit",
    }
    assert required <= slugs
    assert len(INSTRUMENTS) == 18
    amendement = instrument("recht-van-amendement")
    assert amendement.article_gemeente == "art. 147b Gemeentewet"
    assert amendement.article_provincie == "art. 143b Provinciewet"
    assert amendement.kind == "kaderstelling"
    assert instrument("vragenrecht").article_gemeente == "art. 155 lid 1 Gemeentewet"
    assert instrument("recht-van-onderzoek").article_provincie == "art. 151a–151f Provinciewet"
    assert all(i.summary and i.explanation for i in Instrument.objects.all())


def test_seeding_is_idempotent_and_keeps_edits(workflow):
    motie = instrument("motie")
    motie.summary = "Aangepast door de redactie."
    motie.save()
    before = Instrument.objects.count()
    assert seed_instruments() == 0
    assert Instrument.objects.count() == before
    assert instrument("motie").summary == "Aangepast door de redactie."


def test_instrument_pages(client, workflow):
    course = approved_course(title="Vragen stellen", instruments=[instrument("vragenrecht")])
    approved_course(title="Iets anders", instruments=[instrument("motie")])
    make_course(title="Ongetoetst vragen", publish=True, approved=False, instruments=[instrument("vragenrecht")])
    overview = client.get("/cursussen/instrumenten/").content.decode()
    assert "Vragenrecht" in overview and "/cursussen/instrumenten/rekenkamer/" in overview
    assert overview.count("<h1") == 1
    response = client.get("/cursussen/instrumenten/vragenrecht/")
    html = response.content.decode()
    assert "art. 155 lid 1 Gemeentewet" in html and "art. 151 lid 1 Provinciewet" in html
    assert [c.title for c in response.context["courses"]] == [course.title]
    assert "Ongetoetst vragen" not in html and "Iets anders" not in html
    assert client.get("/cursussen/instrumenten/bestaat-niet/").status_code == 404
