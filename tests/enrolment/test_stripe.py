"""Stripe Checkout, refunds and the webhook against a local fake Stripe API.

Every webhook is signed with Stripe's real scheme; bad signatures, stale
timestamps, duplicates and out-of-order deliveries are covered, and so is an
event whose processing fails: nothing of it is kept, it is not marked
processed, and Stripe's retry of the same event processes it.
"""

import time
from decimal import Decimal

import pytest
from django.core import mail

from enrolment import services
from enrolment.models import (
    Enrolment,
    EnrolmentStatus,
    OutboxEvent,
    OutboxEventKind,
    Payment,
    PaymentMethod,
    PaymentStatus,
    StripeEvent,
)
from tests.enrolment.builders import committed, live_course, member, paid_course
from tests.enrolment.fake_stripe import WEBHOOK_SECRET, FakeStripe, event, post_event
from tests.enrolment.outbox import (
    Recorder,
    deliver_reactions,
    pending,
    refused_writes,
    registered,
    time_passes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def stripe_api(settings):
    with FakeStripe() as fake:
        settings.STRIPE_SECRET_KEY = "sk_test_glashelder"
        settings.STRIPE_API_BASE = fake.url
        settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
        settings.DEMO_PAYMENTS = False
        yield fake


@pytest.fixture
def checkout(client, stripe_api):
    """A member enrolled in a € 95 course who started Stripe Checkout."""
    person, office = member()
    course = paid_course()
    course.provider.stripe_account_id = "acct_123vereniging"
    course.provider.save()
    enrolment = services.enrolment_create(person=person, office=office, course=course)
    client.force_login(person)
    response = client.post(f"/mijn/cursussen/{enrolment.pk}/betalen/")
    assert response.status_code == 302
    payment = Payment.objects.get(enrolment=enrolment)
    assert response["Location"] == stripe_api.sessions[payment.stripe_checkout_session_id]["url"]
    return enrolment, payment


def session_obj(payment, **fields):
    return {"id": payment.stripe_checkout_session_id, "object": "checkout.session", "payment_status": "paid",
            "payment_intent": "pi_test_1", "client_reference_id": str(payment.pk),
            "metadata": {"payment_id": str(payment.pk)}, **fields}


def charge_obj(payment, amount_refunded, **fields):
    return {"id": "ch_test_1", "object": "charge", "payment_intent": "pi_test_1", "amount": 9500,
            "amount_refunded": amount_refunded, "receipt_url": "https://pay.stripe.com/receipts/test",
            "metadata": {"payment_id": str(payment.pk)}, **fields}


def test_checkout_session_parameters(checkout, stripe_api):
    enrolment, payment = checkout
    (_, _, headers, params), = stripe_api.posts("/v1/checkout/sessions")
    assert params["mode"] == "payment"
    assert params["payment_method_types[0]"] == "card" and params["payment_method_types[1]"] == "ideal"
    assert params["locale"] == "nl"
    assert params["line_items[0][price_data][currency]"] == "eur"
    assert params["line_items[0][price_data][unit_amount]"] == "9500"
    assert params["payment_intent_data[transfer_data][destination]"] == "acct_123vereniging"
    assert params["success_url"].endswith(f"/mijn/betalingen/{payment.pk}/terug/")
    assert params["client_reference_id"] == str(payment.pk)
    assert headers["Idempotency-Key"].startswith(f"glashelder-checkout-{payment.pk}-")
    assert payment.method == PaymentMethod.STRIPE and payment.amount == Decimal("95.00")
    assert payment.stripe_account_id == "acct_123vereniging"


def test_returning_from_checkout_proves_nothing(client, checkout):
    enrolment, payment = checkout
    response = client.get(f"/mijn/betalingen/{payment.pk}/terug/")
    assert "We wachten op de bevestiging" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.REQUESTED


def test_completed_webhook_activates_enrolment(client, checkout):
    enrolment, payment = checkout
    with registered(OutboxEventKind.PAYMENT_PAID, "test.paid", Recorder()) as received:
        with committed():
            response = post_event(client, event("checkout.session.completed", session_obj(payment)))
    assert response.status_code == 200
    payment.refresh_from_db()
    enrolment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.stripe_payment_intent_id == "pi_test_1"
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert received.calls == [(OutboxEventKind.PAYMENT_PAID, enrolment.pk, payment.pk)]
    assert any("Betaling ontvangen" in m.subject and "€\u00a095,00" in m.body for m in mail.outbox)


def test_bad_signature_is_rejected_and_changes_nothing(client, checkout):
    enrolment, payment = checkout
    assert post_event(client, event("checkout.session.completed", session_obj(payment)), secret="whsec_wrong").status_code == 400
    assert post_event(client, event("checkout.session.completed", session_obj(payment)), signature="").status_code == 400
    assert post_event(client, event("checkout.session.completed", session_obj(payment)), signature="t=1,v1=abc").status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.OPEN
    assert not StripeEvent.objects.exists()


def test_stale_timestamp_is_rejected(client, checkout):
    enrolment, payment = checkout
    stale = int(time.time()) - 600
    response = post_event(client, event("checkout.session.completed", session_obj(payment)), timestamp=stale)
    assert response.status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.OPEN


def test_webhook_accepts_post_only(client):
    assert client.get("/stripe/webhook/").status_code == 405


def test_duplicate_delivery_changes_nothing(client, checkout):
    enrolment, payment = checkout
    evt = event("checkout.session.completed", session_obj(payment))
    assert post_event(client, evt).status_code == 200
    payment.refresh_from_db()
    paid_at = payment.paid_at
    assert post_event(client, evt).status_code == 200
    payment.refresh_from_db()
    assert payment.paid_at == paid_at
    assert StripeEvent.objects.filter(event_id=evt["id"]).count() == 1


def test_expired_after_paid_does_not_downgrade(client, checkout):
    enrolment, payment = checkout
    post_event(client, event("checkout.session.completed", session_obj(payment)))
    assert post_event(client, event("checkout.session.expired", session_obj(payment, payment_status="unpaid"))).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID


def test_expired_and_async_failed_on_open_payment(client, checkout):
    enrolment, payment = checkout
    post_event(client, event("checkout.session.async_payment_failed", session_obj(payment, payment_status="unpaid")))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.REQUESTED


def test_ideal_completes_later_through_async_success(client, checkout):
    enrolment, payment = checkout
    post_event(client, event("checkout.session.completed", session_obj(payment, payment_status="unpaid")))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.OPEN
    post_event(client, event("checkout.session.async_payment_succeeded", session_obj(payment)))
    payment.refresh_from_db()
    enrolment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and enrolment.status == EnrolmentStatus.ACTIVE


def test_partial_and_full_refund(client, checkout):
    enrolment, payment = checkout
    post_event(client, event("checkout.session.completed", session_obj(payment)))
    with registered(OutboxEventKind.PAYMENT_REFUNDED, "test.refunded", Recorder()) as refunded:
        with committed():
            post_event(client, event("charge.refunded", charge_obj(payment, 2000), event_id="evt_refund_partial"))
        payment.refresh_from_db()
        assert payment.status == PaymentStatus.PAID and payment.amount_refunded == Decimal("20.00")
        with committed():
            post_event(client, event("charge.refunded", charge_obj(payment, 9500), event_id="evt_refund_full"))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED and payment.amount_refunded == Decimal("95.00")
    assert payment.receipt_url == "https://pay.stripe.com/receipts/test"
    assert refunded.calls == [(OutboxEventKind.PAYMENT_REFUNDED, enrolment.pk, payment.pk)] * 2
    # an older, smaller refund total arriving late never lowers the recorded total
    post_event(client, event("charge.refunded", charge_obj(payment, 2000), event_id="evt_refund_late"))
    payment.refresh_from_db()
    assert payment.amount_refunded == Decimal("95.00") and payment.status == PaymentStatus.REFUNDED


def test_refund_before_completed_converges(client, checkout):
    enrolment, payment = checkout
    assert post_event(client, event("charge.refunded", charge_obj(payment, 9500))).status_code == 200
    assert post_event(client, event("checkout.session.completed", session_obj(payment))).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    assert payment.amount_refunded == Decimal("95.00")
    assert payment.stripe_payment_intent_id == "pi_test_1"


def test_unknown_payment_answers_500_and_is_retried(client, checkout):
    enrolment, payment = checkout
    evt = event("charge.refunded", {"id": "ch_x", "object": "charge", "payment_intent": "pi_unknown", "amount_refunded": 9500})
    assert post_event(client, evt).status_code == 500
    record = StripeEvent.objects.get(event_id=evt["id"])
    assert record.processed_at is None and "UnknownPayment" in record.error
    # Once the payment is known, Stripe's retry of the same event is processed.
    post_event(client, event("checkout.session.completed", session_obj(payment, payment_intent="pi_unknown")))
    assert post_event(client, evt).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED


def test_cancel_refunds_through_stripe_with_idempotency_key(client, checkout, stripe_api):
    enrolment, payment = checkout
    post_event(client, event("checkout.session.completed", session_obj(payment)))
    response = client.post(f"/mijn/cursussen/{enrolment.pk}/annuleren/")
    assert response.status_code == 302
    (_, _, headers, params), = stripe_api.posts("/v1/refunds")
    assert params["payment_intent"] == "pi_test_1" and params["amount"] == "9500"
    assert headers["Idempotency-Key"] == f"glashelder-refund-{payment.pk}-0-9500"
    payment.refresh_from_db()
    enrolment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED and payment.amount_refunded == Decimal("95.00")
    assert enrolment.status == EnrolmentStatus.CANCELLED
    # Stripe's charge.refunded for the same refund afterwards changes nothing.
    post_event(client, event("charge.refunded", charge_obj(payment, 9500)))
    payment.refresh_from_db()
    assert payment.amount_refunded == Decimal("95.00")


def test_failed_refund_keeps_enrolment(client, checkout, stripe_api):
    enrolment, payment = checkout
    post_event(client, event("checkout.session.completed", session_obj(payment)))
    stripe_api.fail_refunds = True
    response = client.post(f"/mijn/cursussen/{enrolment.pk}/annuleren/", follow=True)
    assert "terugbetaling is niet gelukt" in response.content.decode()
    enrolment.refresh_from_db()
    payment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE and payment.status == PaymentStatus.PAID


def test_session_cancel_refunds_paid_places(stripe_api, client):
    course, session = live_course(capacity=2, price="40.00")
    person, office = member()
    enrolment = services.enrolment_create(person=person, office=office, course=course, session=session)
    payment = Payment.objects.create(enrolment=enrolment, method=PaymentMethod.STRIPE, amount=Decimal("40.00"),
                                     stripe_checkout_session_id="cs_live", stripe_payment_intent_id="pi_live")
    services.payment_mark_paid(payment=payment)
    editor = course.provider.editors_group.user_set.create(email="ed@example.org")
    services.session_cancel(session=session, by=editor)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    assert stripe_api.posts("/v1/refunds")[0][3]["amount"] == "4000"
    assert Enrolment.objects.get(pk=enrolment.pk).status == EnrolmentStatus.CANCELLED


def test_demo_payment_step_is_refused_with_stripe(client, checkout):
    enrolment, payment = checkout
    assert client.get(f"/mijn/betalingen/{payment.pk}/demo/").status_code == 404


def test_refund_event_whose_processing_fails_is_kept_unprocessed_and_retried(client, checkout):
    enrolment, payment = checkout
    post_event(client, event("checkout.session.completed", session_obj(payment)))
    refund = event("charge.refunded", charge_obj(payment, 9500), event_id="evt_refund_fails_once")
    # The database refuses the outbox row the refund writes: the refund's effects fail half-way.
    with refused_writes(OutboxEvent, "INSERT"):
        assert post_event(client, refund).status_code == 500
    record = StripeEvent.objects.get(event_id="evt_refund_fails_once")
    assert record.processed_at is None and "refused by the test" in record.error
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.amount_refunded == Decimal("0.00")  # rolled back
    assert not OutboxEvent.objects.filter(kind=OutboxEventKind.PAYMENT_REFUNDED).exists()

    # Stripe delivers the same event again: now it is processed, effects and outbox row together.
    with registered(OutboxEventKind.PAYMENT_REFUNDED, "test.refunded", Recorder()) as refunded:
        with committed():
            assert post_event(client, refund).status_code == 200
    record.refresh_from_db()
    assert record.processed_at is not None and record.error == ""
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED and payment.amount_refunded == Decimal("95.00")
    assert OutboxEvent.objects.filter(kind=OutboxEventKind.PAYMENT_REFUNDED, payment=payment).count() == 1
    assert refunded.calls == [(OutboxEventKind.PAYMENT_REFUNDED, enrolment.pk, payment.pk)]
    # A third delivery is a duplicate and changes nothing.
    assert post_event(client, refund).status_code == 200
    assert OutboxEvent.objects.filter(kind=OutboxEventKind.PAYMENT_REFUNDED).count() == 1


def test_a_failing_reaction_neither_fails_the_webhook_nor_gets_lost(client, checkout):
    enrolment, payment = checkout
    post_event(client, event("checkout.session.completed", session_obj(payment)))
    refund = event("charge.refunded", charge_obj(payment, 9500), event_id="evt_refund_reaction_fails")
    with registered(OutboxEventKind.PAYMENT_REFUNDED, "test.refunded", Recorder(failures=1)) as reaction:
        with committed():
            assert post_event(client, refund).status_code == 200
        # The event and its effects are committed; the reaction failed on its own and waits.
        assert StripeEvent.objects.get(event_id="evt_refund_reaction_fails").processed_at is not None
        payment.refresh_from_db()
        assert payment.status == PaymentStatus.REFUNDED
        delivery = pending("test.refunded").get()
        assert delivery.attempts == 1 and "deliberate failure 1" in delivery.last_error
        # Stripe's retry is a duplicate: it does not run the reaction again ...
        assert post_event(client, refund).status_code == 200
        assert len(reaction.calls) == 1
        # ... the outbox does, once the backoff has passed.
        time_passes()
        deliver_reactions()
        assert len(reaction.calls) == 2
        delivery.refresh_from_db()
        assert delivery.delivered_at is not None and delivery.attempts == 2
        deliver_reactions()
        assert len(reaction.calls) == 2


def test_charge_succeeded_stores_the_receipt_through_the_service(client, checkout):
    enrolment, payment = checkout
    obj = {"id": "ch_ok", "object": "charge", "payment_intent": "pi_test_1", "receipt_url": "https://pay.stripe.com/receipts/ok",
           "metadata": {"payment_id": str(payment.pk)}}
    assert post_event(client, event("charge.succeeded", obj)).status_code == 200
    payment.refresh_from_db()
    assert payment.receipt_url == "https://pay.stripe.com/receipts/ok"
    assert payment.status == PaymentStatus.OPEN  # a receipt proves nothing; the checkout events confirm


def test_unhandled_event_types_are_recorded_and_processed(client, stripe_api):
    evt = event("customer.created", {"id": "cus_1", "object": "customer"})
    assert post_event(client, evt).status_code == 200
    assert StripeEvent.objects.get(event_id=evt["id"]).processed_at is not None
