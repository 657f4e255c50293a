"""Authorisation cases for the enrolment pages (format: tests/authz_world.py).

The participant's own enrolments, payments and certificate: only the
participant (404 for everyone else, login for anonymous). Provider pages: the
world's provider editor and beheer; everyone else 404.
"""

from decimal import Decimal

from courses.choices import CourseFormat
from enrolment import services
from enrolment.models import Certificate
from tests.factories import make_course, make_module, make_session

ROLES = ("anonymous", "participant", "other_participant", "griffie", "griffie_other", "provider", "other_provider", "redactie", "beheer")


def everyone(status, anonymous=None):
    return {role: status for role in ROLES} | ({"anonymous": anonymous} if anonymous is not None else {})


def participant_only(status):
    return everyone(404, anonymous=302) | {"participant": status}


def provider_only(status):
    return everyone(404, anonymous=302) | {"provider": status, "beheer": status}


def provider_lists(status):
    """List pages: every provider editor sees the list of their own courses (tests/enrolment/test_provider_pages.py
    checks that it holds nothing of other providers)."""
    return provider_only(status) | {"other_provider": status}


def setup(world):
    participant, office = world.participant, world.office
    # An active enrolment in the paid course (paid through the demo step), with world.module.
    world.enrolment = services.enrolment_create(person=participant, office=office, course=world.course)
    services.payment_mark_paid(payment=services.payment_open(enrolment=world.enrolment))
    # A paid enrolment still waiting for payment, with an open demo payment.
    to_pay = make_course(provider=world.provider, title="Cursus nog te betalen", price=Decimal("40.00"))
    world.pay_enrolment = services.enrolment_create(person=participant, office=office, course=to_pay)
    world.open_payment = services.payment_open(enrolment=world.pay_enrolment)
    # A free enrolment the participant cancels.
    world.cancel_enrolment = services.enrolment_create(person=participant, office=office, course=world.free_course)
    world.certificate = Certificate.objects.create(
        enrolment=world.enrolment, holder_name="Deelnemer Wereld", course_title=world.course.title,
        provider_name=world.provider.name, study_load_hours=Decimal("2.0"), completed_on="2026-11-01",
    )
    live = make_course(provider=world.provider, title="Live cursus wereld", format=CourseFormat.LIVE)
    make_module(live, title="Voorbereiding")
    world.session = make_session(live, capacity=5)
    world.session_to_cancel = make_session(live, capacity=5, days_ahead=21)
    services.enrolment_create(person=world.other_participant, office=world.other_office, course=live, session=world.session)


CASES = [
    ("enrolment:dashboard", lambda w: "/mijn/", "GET", everyone(200, anonymous=302)),
    # an empty form: back to the course page with the error
    ("enrolment:enrol", lambda w: f"/mijn/inschrijven/{w.free_course.pk}/", "POST", everyone(302)),
    ("enrolment:enrolment_detail", lambda w: f"/mijn/cursussen/{w.enrolment.pk}/", "GET", participant_only(200)),
    ("enrolment:enrolment_cancel", lambda w: f"/mijn/cursussen/{w.cancel_enrolment.pk}/annuleren/", "GET", participant_only(200)),
    ("enrolment:enrolment_cancel", lambda w: f"/mijn/cursussen/{w.cancel_enrolment.pk}/annuleren/", "POST", participant_only(302)),
    ("enrolment:enrolment_pay", lambda w: f"/mijn/cursussen/{w.pay_enrolment.pk}/betalen/", "GET", participant_only(200)),
    ("enrolment:module", lambda w: f"/mijn/cursussen/{w.enrolment.pk}/modules/{w.module.pk}/", "GET", participant_only(200)),
    ("enrolment:module_complete", lambda w: f"/mijn/cursussen/{w.enrolment.pk}/modules/{w.module.pk}/afronden/", "POST",
     participant_only(302)),
    ("enrolment:payment_demo", lambda w: f"/mijn/betalingen/{w.open_payment.pk}/demo/", "GET", participant_only(200)),
    ("enrolment:payment_return", lambda w: f"/mijn/betalingen/{w.open_payment.pk}/terug/", "GET", participant_only(200)),
    ("enrolment:certificate_download", lambda w: f"/mijn/certificaten/{w.certificate.code}.pdf", "GET", participant_only(200)),
    ("enrolment:certificate_lookup", lambda w: "/certificaat/", "GET", everyone(200)),
    ("enrolment:certificate_verify", lambda w: f"/certificaat/{w.certificate.code}/", "GET", everyone(200)),
    # no signature: refused for everyone
    ("enrolment:stripe_webhook", lambda w: "/stripe/webhook/", "POST", everyone(400)),
    ("enrolment:provider_enrolments", lambda w: "/aanbieder/inschrijvingen/", "GET", provider_lists(200)),
    ("enrolment:provider_session", lambda w: f"/aanbieder/bijeenkomsten/{w.session.pk}/", "GET", provider_only(200)),
    ("enrolment:provider_session_cancel", lambda w: f"/aanbieder/bijeenkomsten/{w.session_to_cancel.pk}/annuleren/", "POST",
     provider_only(302)),
    ("enrolment:provider_payments", lambda w: "/aanbieder/betalingen/", "GET", provider_lists(200)),
]
