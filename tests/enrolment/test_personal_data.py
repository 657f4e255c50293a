"""Personal data hooks of the enrolment app: export and erasure."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from enrolment import selectors, services
from enrolment.models import (
    Certificate,
    Enrolment,
    EnrolmentStatus,
    ModuleProgress,
    OutboxEvent,
    OutboxEventKind,
    Payment,
    PaymentMethod,
    PaymentStatus,
)
from enrolment.wagtail_hooks import erase_personal_data, export_personal_data
from glashelder import privacy
from glashelder.models import AuditEvent
from tests.enrolment.builders import committed, free_course, live_course, member, paid_course
from tests.enrolment.fake_stripe import FakeStripe
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def history():
    person, office = member()
    done = free_course(title="Afgerond")
    enrolment = services.enrolment_create(person=person, office=office, course=done)
    services.module_complete(enrolment=enrolment, module=selectors.course_modules(done).first().specific)
    paid = services.enrolment_create(person=person, office=office, course=paid_course(title="Betaald", modules=1))
    services.payment_mark_paid(payment=services.payment_open(enrolment=paid))
    paid.refresh_from_db()
    module = selectors.course_modules(paid.course).first().specific
    services.knowledge_check_submit(enrolment=paid, module=module, answers=[2, 2])
    return person, enrolment, paid


def test_export_has_enrolments_progress_scores_certificate_and_payments(history):
    person, done, paid = history
    data = export_personal_data(person)
    json.dumps(data)  # plain JSON data
    rows = {row["cursus"]: row for row in data["inschrijvingen"]}
    assert rows["Afgerond"]["status"] == "completed"
    assert rows["Afgerond"]["certificaat"]["code"] == done.certificate.code
    assert rows["Betaald"]["voortgang"][0]["score_kennischeck"] == 50
    assert rows["Betaald"]["betalingen"][0] == rows["Betaald"]["betalingen"][0] | {"bedrag": "95.00", "status": "paid"}


def test_export_through_the_site(history):
    person, *_ = history
    data = privacy.personal_data_export(user=person)
    assert "inschrijvingen" in json.dumps(data, default=str)


def test_erase_keeps_payments_without_the_person(history):
    person, done, paid = history
    code = done.certificate.code
    erase_personal_data(person)
    assert not ModuleProgress.objects.exists()
    assert not Certificate.objects.filter(code=code).exists()
    assert not Enrolment.objects.filter(person=person).exists()
    kept = Enrolment.objects.get(pk=paid.pk)
    assert kept.person is None and kept.office is None and kept.status == EnrolmentStatus.CANCELLED
    # No module was done yet, so the member could still have cancelled: the normal rule refunds in full.
    payment = Payment.objects.get(enrolment=kept)
    assert payment.status == PaymentStatus.REFUNDED
    assert (payment.amount, payment.amount_refunded) == (Decimal("95.00"), Decimal("95.00"))
    # The completed enrolment is kept as it was, without the person.
    assert Enrolment.objects.get(pk=done.pk).status == EnrolmentStatus.COMPLETED


def cancellation_audit(enrolment):
    return AuditEvent.objects.get(action="enrolment_cancelled", target=f"enrolment:{enrolment.pk}")


def test_erasure_gives_the_place_of_a_full_session_to_the_next_waiting_and_records_the_reason():
    course, session = live_course(capacity=1, price="0")
    (gone, gone_office), (first, first_office), (second, second_office) = member(), member(), member()
    leaving = services.enrolment_create(person=gone, office=gone_office, course=course, session=session)
    waiting = services.enrolment_create(person=first, office=first_office, course=course, session=session, waitlist=True)
    later = services.enrolment_create(person=second, office=second_office, course=course, session=session, waitlist=True)
    mail.outbox.clear()
    with committed():
        privacy.account_delete(user=gone)
    leaving.refresh_from_db()
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert leaving.status == EnrolmentStatus.CANCELLED and leaving.person is None
    assert waiting.status == EnrolmentStatus.ACTIVE  # first in line (FIFO)
    assert later.status == EnrolmentStatus.WAITLISTED
    assert selectors.taken_places(session) == 1
    # Other apps hear of the cancellation through the outbox (exactly once).
    cancelled = OutboxEvent.objects.filter(kind=OutboxEventKind.ENROLMENT_CANCELLED, enrolment_id=leaving.pk)
    assert cancelled.count() == 1
    event = cancellation_audit(leaving)
    assert event.details["reason"] == services.CancellationReason.ACCOUNT_DELETED == "account_deleted"
    assert str(services.CancellationReason.ACCOUNT_DELETED.label) == "account verwijderd"
    assert event.actor is None  # the audit log names nobody once the account is gone
    # The promoted member hears of it; nothing is sent to the deleted account.
    assert [m.to for m in mail.outbox] == [[first.email]] and "plaats vrijgekomen" in mail.outbox[0].subject


def test_erasure_releases_an_unpaid_hold():
    course, session = live_course(capacity=1, price="40.00")
    (gone, gone_office), (waiter, waiter_office) = member(), member()
    hold = services.enrolment_create(person=gone, office=gone_office, course=course, session=session)
    open_payment = services.payment_open(enrolment=hold)
    waiting = services.enrolment_create(person=waiter, office=waiter_office, course=course, session=session, waitlist=True)
    erase_personal_data(gone)
    hold.refresh_from_db()
    waiting.refresh_from_db()
    open_payment.refresh_from_db()
    assert hold.status == EnrolmentStatus.CANCELLED
    assert open_payment.status == PaymentStatus.EXPIRED and open_payment.amount_refunded == Decimal("0")
    assert waiting.status == EnrolmentStatus.REQUESTED and waiting.place_held_since is not None
    assert cancellation_audit(hold).details["refunded_payments"] == []


def test_erasure_after_the_cancellation_deadline_keeps_the_payment():
    course, session = live_course(capacity=2, price="40.00")
    person, office = member()
    enrolment = services.enrolment_create(person=person, office=office, course=course, session=session)
    services.payment_mark_paid(payment=services.payment_open(enrolment=enrolment))
    session.registration_deadline = timezone.now() - datetime.timedelta(minutes=1)
    session.save()
    erase_personal_data(person)
    enrolment.refresh_from_db()
    payment = enrolment.payments.get()
    # The member could no longer have cancelled: cancelled for the deleted account, but not refunded.
    assert enrolment.status == EnrolmentStatus.CANCELLED and enrolment.person is None
    assert payment.status == PaymentStatus.PAID and payment.amount_refunded == Decimal("0")
    assert cancellation_audit(enrolment).details["refunded_payments"] == []


def test_erasure_does_not_refund_what_the_authority_paid():
    course, session = live_course(capacity=2, price="40.00")
    person, office = member()
    enrolment = services.enrolment_activate_paid_by_authority(
        person=person, office=office, course=course, session=session, amount=Decimal("40.00"), reference="IO-TEST"
    )
    erase_personal_data(person)
    enrolment.refresh_from_db()
    payment = enrolment.payments.get()
    assert enrolment.status == EnrolmentStatus.CANCELLED
    assert (payment.method, payment.status, payment.amount_refunded) == (PaymentMethod.AUTHORITY, PaymentStatus.PAID, Decimal("0"))


@pytest.fixture
def stripe_api(settings):
    with FakeStripe() as fake:
        settings.STRIPE_SECRET_KEY = "sk_test_glashelder"
        settings.STRIPE_API_BASE = fake.url
        settings.DEMO_PAYMENTS = False
        yield fake


def test_erasure_refunds_through_stripe_and_a_failed_refund_deletes_nothing(client, stripe_api):
    person, office = member()
    course = paid_course(modules=1)
    enrolment = services.enrolment_create(person=person, office=office, course=course)
    payment = Payment.objects.create(enrolment=enrolment, method=PaymentMethod.STRIPE, amount=Decimal("95.00"),
                                     stripe_checkout_session_id="cs_erase", stripe_payment_intent_id="pi_erase")
    services.payment_mark_paid(payment=payment)
    client.force_login(person)
    stripe_api.fail_refunds = True
    response = client.post("/mijn/account-verwijderen/", {"password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 200
    assert "terugbetaling is niet gelukt" in html and "Uw account is niet verwijderd." in html
    person.refresh_from_db()
    enrolment.refresh_from_db()
    payment.refresh_from_db()
    assert person.is_active and enrolment.person == person and enrolment.status == EnrolmentStatus.ACTIVE
    assert payment.status == PaymentStatus.PAID
    stripe_api.fail_refunds = False
    response = client.post("/mijn/account-verwijderen/", {"password": PASSWORD})
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    assert stripe_api.posts("/v1/refunds")[-1][3]["payment_intent"] == "pi_erase"


def test_account_deletion_runs_the_hook(history, client):
    person, done, paid = history
    code = Certificate.objects.get(enrolment=done).code
    privacy.account_delete(user=person)
    assert Enrolment.objects.filter(person__isnull=True).count() == 2
    assert not Certificate.objects.exists()
    assert client.get(f"/certificaat/{code}/").status_code == 404
