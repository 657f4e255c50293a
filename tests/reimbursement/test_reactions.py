"""Reimbursement's reactions to enrolment events (reimbursement/reactions.py), through the outbox.

Completing a course prepares the draft claim, cancelling releases the prior approval, paying
links it, and a refund is followed on the claim: reversed when approved, lowered when open.
Each reaction changes nothing when it is delivered a second time, and a refund whose reaction
fails (the database refuses the claim's update, deterministically) is still followed on the
claim, exactly once, when `deliver_reactions` runs after the backoff.
"""

from decimal import Decimal

import pytest

from enrolment import selectors as enrolment_selectors
from enrolment import services as enrolment_services
from enrolment.models import EnrolmentStatus, OutboxDelivery, OutboxEventKind, PaymentStatus
from reimbursement import selectors, services
from reimbursement.models import Claim, ClaimEvent, ClaimStatus, ReservationStatus
from tests.enrolment.builders import committed, member
from tests.enrolment.builders import paid_course as course_with_modules
from tests.enrolment.fake_stripe import WEBHOOK_SECRET, FakeStripe, event, post_event
from tests.enrolment.outbox import deliver_reactions, emit_committed, pending, refused_writes, time_passes

from .factories import completed_enrolment, make_policy

pytestmark = pytest.mark.django_db

Action = ClaimEvent.Action


@pytest.fixture
def stripe_api(settings):
    with FakeStripe() as fake:
        settings.STRIPE_SECRET_KEY = "sk_test_glashelder"
        settings.STRIPE_API_BASE = fake.url
        settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
        settings.DEMO_PAYMENTS = False
        yield fake


def complete(enrolment):
    """Finish every module through the services, as the member does; reactions run after commit."""
    enrolment.refresh_from_db()
    with committed():
        for module in enrolment_selectors.course_modules(enrolment.course):
            enrolment_services.module_complete(enrolment=enrolment, module=module)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


def approve(claim, griffie):
    claim.non_partisan_statement = True
    claim.save(update_fields=["non_partisan_statement"])
    services.claim_submit(claim=claim, member=claim.member)
    return services.claim_approve(claim=claim, actor=griffie)


def actions(claim):
    return list(claim.events.order_by("pk").values_list("action", flat=True))


def test_completing_a_course_prepares_the_draft_claim_once(policy):
    person, office = member()
    course = course_with_modules(modules=2, questions=False)
    enrolment = enrolment_services.enrolment_create(person=person, office=office, course=course)
    with committed():
        enrolment_services.payment_mark_paid(payment=enrolment_services.payment_open(enrolment=enrolment))
    complete(enrolment)
    claim = Claim.objects.get(enrolment=enrolment)
    assert claim.status == ClaimStatus.DRAFT and claim.amount_requested == Decimal("95.00")
    assert OutboxDelivery.objects.get(handler="reimbursement.claim_prepare", event__enrolment=enrolment).delivered_at
    # Delivered a second time (e.g. after a crash before the delivery was marked): nothing changes.
    emit_committed(OutboxEventKind.ENROLMENT_COMPLETED, enrolment=enrolment)
    assert Claim.objects.filter(enrolment=enrolment).count() == 1
    assert actions(claim) == [Action.PREPARED]
    assert not pending().exists()


def test_completing_without_a_policy_prepares_nothing_and_is_not_retried():
    person, office = member()
    enrolment = enrolment_services.enrolment_create(person=person, office=office, course=course_with_modules(questions=False))
    with committed():
        enrolment_services.payment_mark_paid(payment=enrolment_services.payment_open(enrolment=enrolment))
    complete(enrolment)
    assert not Claim.objects.exists()
    assert not pending().exists()  # ineligible is a final answer, not a failure


def test_paying_links_and_cancelling_releases_the_prior_approval(griffie):
    policy = make_policy(prior_approval_required=True)
    person, office = member()
    course = course_with_modules(questions=False)
    reservation = services.prior_approval_request(member=person, office=office, course=course)
    services.prior_approval_approve(reservation=reservation, actor=griffie)
    enrolment = enrolment_services.enrolment_create(person=person, office=office, course=course)
    with committed():
        enrolment_services.payment_mark_paid(payment=enrolment_services.payment_open(enrolment=enrolment))
    reservation.refresh_from_db()
    assert reservation.enrolment == enrolment and reservation.status == ReservationStatus.GRANTED
    assert selectors.budget_for(policy).reserved == Decimal("95.00")

    with committed():
        enrolment_services.enrolment_cancel(enrolment=enrolment, by=person)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.RELEASED
    assert selectors.budget_for(policy).reserved == Decimal("0.00")
    released_at = reservation.released_at
    # Both reactions delivered again: nothing changes.
    emit_committed(OutboxEventKind.PAYMENT_PAID, enrolment=enrolment, payment=enrolment.payments.get())
    emit_committed(OutboxEventKind.ENROLMENT_CANCELLED, enrolment=enrolment)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.RELEASED and reservation.released_at == released_at
    assert not pending().exists()


def test_a_partial_refund_lowers_an_open_claim_once(policy):
    enrolment = completed_enrolment()
    claim = services.claim_prepare(enrolment=enrolment)
    with committed():
        enrolment_services.payment_record_refund(payment=enrolment.payments.get(), refunded_total=Decimal("45.00"))
    claim.refresh_from_db()
    assert claim.amount_requested == Decimal("50.00")
    emit_committed(OutboxEventKind.PAYMENT_REFUNDED, enrolment=enrolment, payment=enrolment.payments.get())
    claim.refresh_from_db()
    assert claim.amount_requested == Decimal("50.00")
    assert actions(claim) == [Action.PREPARED, Action.UPDATED]


def test_a_refund_reverses_the_approved_claim_once(griffie):
    make_policy()
    enrolment = completed_enrolment()
    claim = approve(services.claim_prepare(enrolment=enrolment), griffie)
    payment = enrolment.payments.get()
    with committed():
        enrolment_services.payment_record_refund(payment=payment, refunded_total=Decimal("20.00"))
    claim.refresh_from_db()
    assert claim.net_approved == Decimal("75.00")
    with committed():
        enrolment_services.payment_record_refund(payment=payment, refunded_total=Decimal("95.00"))
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.net_approved == Decimal("0.00")
    # The older refund's reaction delivered again decides from what is paid now: nothing to do.
    emit_committed(OutboxEventKind.PAYMENT_REFUNDED, enrolment=enrolment, payment=payment)
    claim.refresh_from_db()
    assert claim.amount_reversed == Decimal("95.00")
    assert actions(claim).count(Action.REVERSED) == 2


def test_a_stripe_refund_whose_reaction_fails_still_reverses_the_claim_exactly_once(client, griffie, stripe_api):
    make_policy()
    person, office = member()
    course = course_with_modules(modules=1, questions=False)
    enrolment = enrolment_services.enrolment_create(person=person, office=office, course=course)
    payment = enrolment_services.payment_open(enrolment=enrolment)
    paid = {"id": "cs_test_paid", "object": "checkout.session", "payment_status": "paid", "payment_intent": "pi_refund",
            "client_reference_id": str(payment.pk), "metadata": {"payment_id": str(payment.pk)}}
    with committed():
        assert post_event(client, event("checkout.session.completed", paid)).status_code == 200
    complete(enrolment)
    claim = approve(Claim.objects.get(enrolment=enrolment), griffie)
    assert claim.net_approved == Decimal("95.00")

    refund = event("charge.refunded", {"id": "ch_refund", "object": "charge", "payment_intent": "pi_refund", "amount": 9500,
                                       "amount_refunded": 9500, "metadata": {"payment_id": str(payment.pk)}},
                   event_id="evt_refund_claim")
    # The database refuses to update claims while the refund comes in: the reaction fails ...
    with refused_writes(Claim, "UPDATE"):
        with committed():
            assert post_event(client, refund).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED  # the refund itself is recorded and processed
    claim.refresh_from_db()
    assert claim.net_approved == Decimal("95.00") and Action.REVERSED not in actions(claim)
    delivery = pending("reimbursement.claim_follow_refund").get()
    assert delivery.attempts == 1 and "write refused by the test" in delivery.last_error

    # ... Stripe's retry of the same event is a duplicate and cannot help ...
    assert post_event(client, refund).status_code == 200
    assert pending("reimbursement.claim_follow_refund").exists()

    # ... but the outbox does, once the backoff has passed: the claim is reversed, exactly once.
    time_passes()
    deliver_reactions()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.net_approved == Decimal("0.00")
    assert actions(claim).count(Action.REVERSED) == 1
    delivery.refresh_from_db()
    assert delivery.delivered_at is not None and delivery.attempts == 2
    time_passes()
    deliver_reactions()
    emit_committed(OutboxEventKind.PAYMENT_REFUNDED, enrolment=enrolment, payment=payment)
    claim.refresh_from_db()
    assert claim.amount_reversed == Decimal("95.00") and actions(claim).count(Action.REVERSED) == 1
    assert selectors.spent_amount(authority_id=claim.authority_id, year=claim.budget_year) == Decimal("0.00")
