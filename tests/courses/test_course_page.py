"""The course page: everything to decide, sessions with free places, the
extension panels of other apps, modules, and a bounded number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks

from courses.choices import CourseFormat
from courses.models import ModulePage
from enrolment.models import Enrolment, EnrolmentStatus
from glashelder.kernel.choices import Role
from tests.factories import OfficeFactory, ProviderFactory, UserFactory, make_module

from .builders import approved_course, instrument, session

pytestmark = pytest.mark.django_db


def test_course_page_shows_what_a_member_needs(client, workflow):
    provider = ProviderFactory(name="Vereniging Raadswerk", website="https://raadswerk.example")
    course = approved_course(
        provider=provider,
        title="Amendement en motie",
        instruments=[instrument("recht-van-amendement"), instrument("motie")],
        audience_roles=[Role.RAADSLID, Role.STATENLID],
        format=CourseFormat.BLENDED,
        price=Decimal("1234.50"),
        study_load_hours=Decimal("4.5"),
        learning_outcomes="U schrijft een amendement.\nU kent het verschil met een motie.",
    )
    make_module(course, title="Wijzigen of verzoeken", minutes=25)
    make_module(course, title="Formuleren", minutes=35)
    html = client.get(course.url).content.decode()
    assert html.count("<h1") == 1
    for text in [
        "Amendement en motie", "Vereniging Raadswerk", "Raadslid, Statenlid", "Blended (online en live)",
        "4,5 uur", "€\u00a01.234,50", "U schrijft een amendement.", "Recht van amendement", "Motie",
        "Wijzigen of verzoeken", "25 minuten", "60 minuten", "Ja: goedgekeurd als niet-partijpolitieke scholing",
        "/cursussen/instrumenten/recht-van-amendement/", f"/cursussen/{course.slug}/agenda.ics",
    ]:
        assert text in html, text


def test_free_course_says_gratis(client, workflow):
    course = approved_course(price=Decimal("0"))
    assert "Gratis" in client.get(course.url).content.decode()


def test_sessions_show_free_places(client, workflow):
    course = approved_course(format=CourseFormat.LIVE)
    roomy = session(course, days=10, capacity=5, title="Avond 1")
    full = session(course, days=20, capacity=2, title="Avond 2")
    session(course, days=30, capacity=5, title="Geannuleerd", cancelled=True)
    session(course, days=-3, capacity=5, title="Voorbij")
    for status in (EnrolmentStatus.ACTIVE, EnrolmentStatus.REQUESTED):
        office = OfficeFactory()
        Enrolment.objects.create(person=office.person, office=office, course=course, session=full, status=status)
    office = OfficeFactory()
    Enrolment.objects.create(person=office.person, office=office, course=course, session=roomy, status=EnrolmentStatus.ACTIVE)
    for status in (EnrolmentStatus.CANCELLED, EnrolmentStatus.WAITLISTED):
        office = OfficeFactory()
        Enrolment.objects.create(person=office.person, office=office, course=course, session=roomy, status=status)
    assert roomy.places_free() == 4 and full.places_free() == 0
    response = client.get(course.url)
    sessions = response.context["sessions"]
    assert [s.title for s in sessions] == ["Avond 1", "Avond 2"]
    assert [s.free_places for s in sessions] == [4, 0]
    html = response.content.decode()
    assert "4 plaatsen vrij" in html and "Vol" in html and "Geannuleerd" not in html


def test_extension_panels_are_rendered_in_order(client, workflow):
    course = approved_course()

    def late(request, page):
        return {"template": "courses/blocks/reflection.html", "context": {"value": {"question": "Paneel TWEE"}}, "order": 50}

    def early(request, page):
        assert page.pk == course.pk
        return {"template": "courses/blocks/reflection.html", "context": {"value": {"question": "Paneel EEN"}}, "order": 5}

    def nothing(request, page):
        return None

    with hooks.register_temporarily("glashelder_course_page_panels", late), hooks.register_temporarily(
        "glashelder_course_page_panels", nothing
    ), hooks.register_temporarily("glashelder_course_page_panels", early):
        html = client.get(course.url).content.decode()
    assert "Paneel EEN" in html and "Paneel TWEE" in html
    assert html.index("Paneel EEN") < html.index("Paneel TWEE")


def test_module_page_is_public_and_offline_safe(client, workflow):
    course = approved_course()
    module = make_module(course, title="De cyclus", questions=[{"question": "Wie stelt vast?", "options": ["Raad", "College"], "correct_option": 1, "feedback": "De raad."}])
    page = ModulePage.objects.get(pk=module.pk)
    page.lessons = [
        {"type": "lesson", "value": {"title": "Les", "content": [
            {"type": "video", "value": {"video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Uitleg", "transcript": "Tekst"}},
            {"type": "video", "value": {"video": "https://video.example.org/film/7", "title": "Elders", "transcript": ""}},
            {"type": "reflection", "value": {"question": "Wat neemt u mee?"}},
        ]}}
    ]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" in html
    assert 'href="https://video.example.org/film/7"' in html  # unknown host: a plain link, no request made
    assert "Wat neemt u mee?" in html
    assert course.title in html


def test_unpublished_course_and_its_modules_are_not_public(client, workflow):
    from tests.factories import make_course

    course = make_course(title="Concept", publish=False, approved=False)
    module = make_module(course)
    assert client.get(f"/cursussen/{course.slug}/").status_code == 404
    assert client.get(module.url or f"/cursussen/{course.slug}/{module.slug}/").status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_course_page_query_count_is_bounded(client, workflow):
    provider = ProviderFactory()
    instruments = [instrument("budgetrecht"), instrument("motie")]
    course = approved_course(provider=provider, instruments=instruments, format=CourseFormat.BLENDED)
    make_module(course, title="M1")
    session(course, days=5)
    for _ in range(9):
        approved_course(provider=provider, instruments=instruments)
    member = UserFactory()
    client.get(course.url)
    small = _queries(client, course.url)
    client.force_login(member)
    small_member = _queries(client, course.url)
    client.logout()

    for n in range(5):
        make_module(course, title=f"Extra {n}")
    for n in range(8):
        s = session(course, days=10 + n, capacity=3)
        office = OfficeFactory()
        Enrolment.objects.create(person=office.person, office=office, course=course, session=s, status="active")
    for _ in range(190):
        approved_course(provider=provider, instruments=instruments)
    large = _queries(client, course.url)
    client.force_login(member)
    large_member = _queries(client, course.url)
    assert small == large
    assert small_member == large_member


def test_session_clean_refuses_impossible_times(workflow):
    # Session.clean refuses impossible sessions.
    from django.core.exceptions import ValidationError

    from courses.models import Session

    course = approved_course()
    start = datetime.datetime(2027, 1, 10, 19, tzinfo=datetime.UTC)
    bad = Session(course=course, starts_at=start, ends_at=start - datetime.timedelta(hours=1), capacity=5,
                  registration_deadline=start + datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        bad.clean()
    assert "ends_at" in error.value.message_dict
