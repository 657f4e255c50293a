"""Certificate PDF, the public verification page, and the reminder commands."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from enrolment import selectors, services
from enrolment.certificates import certificate_document, certificate_pdf
from enrolment.models import Certificate
from tests.enrolment.builders import committed, free_course, live_course, member
from tests.factories import InstrumentFactory, UserFactory

pytestmark = pytest.mark.django_db


def box_text(box):
    text = getattr(box, "text", "") or ""
    for child in getattr(box, "children", []) or []:
        text += " " + box_text(child)
    return text


@pytest.fixture
def certificate():
    person, office = member(person=UserFactory(first_name="Sanne", last_name="de Vries", email="sanne@example.org"))
    instrument = InstrumentFactory(name="Proefinstrument", slug="proefinstrument")
    course = free_course(title="Begroting in één avond", study_load_hours=Decimal("3.5"), certificate_validity_months=48,
                         instruments=[instrument])
    enrolment = services.enrolment_create(person=person, office=office, course=course)
    services.module_complete(enrolment=enrolment, module=selectors.course_modules(course).first().specific)
    return Certificate.objects.get(enrolment=enrolment)


def test_snapshot_and_validity(certificate):
    assert certificate.holder_name == "Sanne de Vries"
    assert certificate.instruments == "Proefinstrument"
    assert certificate.study_load_hours == Decimal("3.5")
    assert certificate.valid_until == certificate.completed_on.replace(year=certificate.completed_on.year + 4)
    assert re.fullmatch(r"[A-Z2-9]{12}", certificate.code)


def test_pdf_contains_the_printed_facts(certificate):
    pdf = certificate_pdf(certificate)
    assert pdf.startswith(b"%PDF")
    document = certificate_document(certificate)
    text = " ".join(box_text(page._page_box) for page in document.pages)
    for fact in ("Sanne de Vries", "Begroting in één avond", certificate.provider_name, "3,5 uur", "Proefinstrument",
                 certificate.code, f"/certificaat/{certificate.code}/"):
        assert fact in text, fact


def test_owner_downloads_pdf_others_get_404(client, certificate):
    client.force_login(certificate.enrolment.person)
    response = client.get(f"/mijn/certificaten/{certificate.code}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.force_login(UserFactory())
    assert client.get(f"/mijn/certificaten/{certificate.code}.pdf").status_code == 404


def test_public_page_shows_exactly_the_snapshot(client, certificate):
    # Later edits of the course do not change what was certified.
    course = certificate.enrolment.course
    course.title = "Nieuwe titel"
    course.save()
    response = client.get(f"/certificaat/{certificate.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sanne de Vries" in html and "Begroting in één avond" in html and "Nieuwe titel" not in html
    assert "sanne@example.org" not in html
    assert "Gemeente Utrecht" not in html and "Raadslid" not in html  # the office is not on the certificate


def test_unknown_code_is_404_with_explanation(client):
    response = client.get("/certificaat/ONBEKEND1234/")
    assert response.status_code == 404
    assert "Er is geen certificaat met code" in response.content.decode()


def test_lookup_form_redirects_to_the_code(client, certificate):
    assert client.get("/certificaat/").status_code == 200
    response = client.get("/certificaat/", {"code": certificate.code.lower()})
    assert response.status_code == 302 and response["Location"] == f"/certificaat/{certificate.code}/"
    assert "letters en cijfers" in client.get("/certificaat/", {"code": "<script>"}).content.decode()


def test_certificate_reminder_once(certificate):
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.localdate() + datetime.timedelta(days=30))
    mail.outbox.clear()
    with committed():
        call_command("send_certificate_reminders")
    with committed():
        call_command("send_certificate_reminders")
    assert len(mail.outbox) == 1
    assert "verloopt binnenkort" in mail.outbox[0].subject
    certificate.refresh_from_db()
    assert certificate.reminder_sent_at is not None


def test_session_reminder_with_ics_once():
    course, session = live_course(capacity=3)
    session.starts_at = timezone.now() + datetime.timedelta(days=1)
    session.ends_at = session.starts_at + datetime.timedelta(hours=2)
    session.save()
    person, office = member()
    services.enrolment_create(person=person, office=office, course=course, session=session)
    mail.outbox.clear()
    with committed():
        call_command("send_session_reminders")
    with committed():
        call_command("send_session_reminders")
    assert len(mail.outbox) == 1
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert name == "bijeenkomst.ics" and mimetype.startswith("text/calendar")
    content = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in content and "Stadhuis" in content
