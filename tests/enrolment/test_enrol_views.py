"""The enrol box on the course page and the enrol, pay and demo payment views."""

import pytest
from django.core import mail

from enrolment import services
from enrolment.models import Enrolment, EnrolmentStatus, Payment, PaymentMethod, PaymentStatus
from glashelder.kernel.choices import Role
from tests.enrolment.builders import committed, free_course, live_course, member, paid_course
from tests.factories import OfficeFactory, provincie_utrecht

pytestmark = pytest.mark.django_db


def test_enrol_box_for_anonymous_links_to_login_with_next(client):
    course = free_course()
    html = client.get(course.url).content.decode()
    assert f"/account/login/?next={course.url.replace('/', '%2F')}" in html
    assert "Inloggen om in te schrijven" in html


def test_enrol_box_offers_office_choice_when_several(client):
    person, office = member()
    OfficeFactory(person=person, role=Role.STATENLID, authority=provincie_utrecht())
    course = free_course(audience_roles=[Role.RAADSLID, Role.STATENLID], level="beide")
    client.force_login(person)
    html = client.get(course.url).content.decode()
    assert 'name="office"' in html and "<select" in html
    assert "Statenlid, Provincie Utrecht" in html and "Raadslid, Gemeente Utrecht" in html


def test_enrol_box_shows_sessions_and_status(client):
    course, session = live_course(capacity=1)
    person, office = member()
    client.force_login(person)
    html = client.get(course.url).content.decode()
    assert f'value="{session.pk}"' in html and "nog 1 plaatsen" in html
    services.enrolment_create(person=person, office=office, course=course, session=session)
    html = client.get(course.url).content.decode()
    assert "U bent ingeschreven (status: Actief)." in html and "Verder met de cursus" in html


def test_enrol_free_course_goes_to_the_course(client):
    person, office = member()
    course = free_course()
    client.force_login(person)
    with committed():
        response = client.post(f"/mijn/inschrijven/{course.pk}/", {"office": office.pk})
    enrolment = Enrolment.objects.get(person=person)
    assert response["Location"] == f"/mijn/cursussen/{enrolment.pk}/"
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert len(mail.outbox) == 1


def test_enrol_paid_course_goes_to_payment_and_demo_step_marks_paid(client):
    person, office = member()
    course = paid_course()
    client.force_login(person)
    response = client.post(f"/mijn/inschrijven/{course.pk}/", {"office": office.pk})
    enrolment = Enrolment.objects.get(person=person)
    assert response["Location"] == f"/mijn/cursussen/{enrolment.pk}/betalen/"
    response = client.post(response["Location"])
    payment = Payment.objects.get(enrolment=enrolment)
    assert payment.method == PaymentMethod.DEMO and response["Location"] == f"/mijn/betalingen/{payment.pk}/demo/"
    html = client.get(response["Location"]).content.decode()
    assert "Demobetaling – er wordt geen geld afgeschreven" in html
    # Paying twice pays once.
    client.post(f"/mijn/betalingen/{payment.pk}/demo/", {"outcome": "paid"})
    client.post(f"/mijn/betalingen/{payment.pk}/demo/", {"outcome": "paid"})
    payment.refresh_from_db()
    enrolment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and enrolment.status == EnrolmentStatus.ACTIVE
    assert Payment.objects.filter(enrolment=enrolment).count() == 1


def test_someone_elses_office_is_refused_in_the_form(client):
    person, _ = member()
    _, other_office = member()
    course = free_course()
    client.force_login(person)
    response = client.post(f"/mijn/inschrijven/{course.pk}/", {"office": other_office.pk}, follow=True)
    assert "Kies een van uw ambten." in response.content.decode()
    assert not Enrolment.objects.exists()


def test_refusal_is_shown_on_the_course_page(client):
    person, office = member(role=Role.WETHOUDER)
    course = free_course()
    client.force_login(person)
    response = client.post(f"/mijn/inschrijven/{course.pk}/", {"office": office.pk}, follow=True)
    assert "niet bedoeld voor uw ambt" in response.content.decode()


def test_full_session_offers_waiting_list_then_joins_it(client):
    course, session = live_course(capacity=1)
    first, first_office = member()
    services.enrolment_create(person=first, office=first_office, course=course, session=session)
    person, office = member()
    client.force_login(person)
    response = client.post(f"/mijn/inschrijven/{course.pk}/", {"office": office.pk, "session": session.pk})
    html = response.content.decode()
    assert response.status_code == 200 and "Deze bijeenkomst is vol" in html and 'name="waitlist"' in html
    response = client.post(f"/mijn/inschrijven/{course.pk}/", {"office": office.pk, "session": session.pk, "waitlist": "on"})
    assert response["Location"] == "/mijn/"
    assert Enrolment.objects.get(person=person).status == EnrolmentStatus.WAITLISTED


def test_cancel_page_confirms_then_cancels(client):
    person, office = member()
    enrolment = services.enrolment_create(person=person, office=office, course=free_course())
    client.force_login(person)
    assert "Weet u zeker" in client.get(f"/mijn/cursussen/{enrolment.pk}/annuleren/").content.decode()
    client.post(f"/mijn/cursussen/{enrolment.pk}/annuleren/")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED


def test_returning_to_a_paid_payment_shows_confirmation(client):
    person, office = member()
    enrolment = services.enrolment_create(person=person, office=office, course=paid_course())
    payment = services.payment_mark_paid(payment=services.payment_open(enrolment=enrolment))
    client.force_login(person)
    html = client.get(f"/mijn/betalingen/{payment.pk}/terug/").content.decode()
    assert "Uw betaling van €\u00a095,00 is bevestigd." in html
