"""/mijn/: content, the onboarding path, hook panels, and a query count that does not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks

from courses.choices import CourseFormat
from enrolment import services
from enrolment.models import Enrolment, EnrolmentStatus
from tests.enrolment.builders import free_course, member, paid_course
from tests.factories import InstrumentFactory, ProviderFactory, make_course, make_module, make_session

pytestmark = pytest.mark.django_db


def enrol_in_courses(person, office, count, provider):
    """`count` enrolments in different states, with progress, sessions, payments and certificates."""
    for n in range(count):
        kind = n % 4
        if kind == 0:  # active online course, half done
            course = make_course(provider=provider, title=f"Online {n}")
            modules = [make_module(course, title=f"M{n}-{i}") for i in range(2)]
            e = services.enrolment_create(person=person, office=office, course=course)
            services.module_complete(enrolment=e, module=modules[0])
        elif kind == 1:  # live course with a session
            course = make_course(provider=provider, title=f"Live {n}", format=CourseFormat.LIVE)
            make_module(course, title=f"M{n}")
            session = make_session(course)
            services.enrolment_create(person=person, office=office, course=course, session=session)
        elif kind == 2:  # completed with certificate
            course = make_course(provider=provider, title=f"Klaar {n}")
            module = make_module(course, title=f"M{n}")
            e = services.enrolment_create(person=person, office=office, course=course)
            services.module_complete(enrolment=e, module=module)
        else:  # paid, open payment
            course = make_course(provider=provider, title=f"Betaald {n}", price="50.00")
            e = services.enrolment_create(person=person, office=office, course=course)
            services.payment_open(enrolment=e)


def count_queries(client, person):
    client.force_login(person)
    client.get("/mijn/")  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/mijn/")
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_same_for_3_and_60_enrolments(client):
    provider = ProviderFactory()
    small, small_office = member()
    large, large_office = member()
    enrol_in_courses(small, small_office, 3, provider)
    enrol_in_courses(large, large_office, 60, provider)
    assert Enrolment.objects.filter(person=large).count() == 60
    assert count_queries(client, small) == count_queries(client, large)


def test_dashboard_sections(client):
    person, office = member()
    enrol_in_courses(person, office, 4, ProviderFactory())
    client.force_login(person)
    html = client.get("/mijn/").content.decode()
    assert html.count("<h1") == 1
    assert "Online 0" in html and "Volgende bijeenkomst" in html
    assert "Klaar 2" in html and "Download (PDF)" in html
    assert "Betaald 3" in html and "Nog te betalen: €\u00a050,00" in html


def test_waitlist_place_is_shown(client):
    person, office = member()
    course = make_course(title="Volle cursus", format=CourseFormat.LIVE)
    session = make_session(course, capacity=1)
    other, other_office = member()
    services.enrolment_create(person=other, office=other_office, course=course, session=session)
    services.enrolment_create(person=person, office=office, course=course, session=session, waitlist=True)
    client.force_login(person)
    html = client.get("/mijn/").content.decode()
    assert "Op de wachtlijst" in html and "Volle cursus" in html


def test_anonymous_is_sent_to_login(client):
    response = client.get("/mijn/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")


def test_onboarding_path_for_a_new_raadslid(client):
    person, office = member()
    budget = InstrumentFactory(name="Budgetrecht testpad", slug="budgetrecht-testpad", sort_order=1)
    questions = InstrumentFactory(name="Vragenrecht testpad", slug="vragenrecht-testpad", sort_order=2)
    unrelated = InstrumentFactory(name="Iets anders", slug="iets-anders", sort_order=0)
    free_course(title="Begroting voor starters", instruments=[budget])
    free_course(title="Schriftelijke vragen stellen", instruments=[questions])
    free_course(title="Niet op het pad", instruments=[unrelated])
    free_course(title="Alleen voor statenleden", instruments=[budget], audience_roles=["statenlid"], level="provincie")
    client.force_login(person)
    html = client.get("/mijn/").content.decode()
    assert "Aanbevolen startpad voor een raadslid" in html
    assert html.index("Begroting voor starters") < html.index("Schriftelijke vragen stellen")
    assert "Niet op het pad" not in html and "Alleen voor statenleden" not in html


def test_dashboard_panels_hook_is_rendered_in_order(client):
    person, _ = member()

    def later(request):
        return {"template": "enrolment/email/message.txt", "context": {"paragraphs": ["Paneel twee"]}, "order": 90}

    def earlier(request):
        return {"template": "enrolment/email/message.txt", "context": {"paragraphs": ["Paneel een"]}, "order": 5}

    client.force_login(person)
    with hooks.register_temporarily([("glashelder_dashboard_panels", later), ("glashelder_dashboard_panels", earlier)]):
        html = client.get("/mijn/").content.decode()
    assert html.index("Paneel een") < html.index("Paneel twee")


def test_course_detail_shows_payments_and_status(client):
    person, office = member()
    course = paid_course(title="Betaalde cursus")
    enrolment = services.enrolment_create(person=person, office=office, course=course)
    client.force_login(person)
    html = client.get(f"/mijn/cursussen/{enrolment.pk}/").content.decode()
    assert "Uw inschrijving wordt actief zodra uw betaling is bevestigd." in html
    assert enrolment.status == EnrolmentStatus.REQUESTED
    client.force_login(member()[0])
    assert client.get(f"/mijn/cursussen/{enrolment.pk}/").status_code == 404
