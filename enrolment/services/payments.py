"""Payments: opening, confirmation, failure and refunds (Stripe or the demo step), and the
bookkeeping of Stripe's webhook events.

`payment_paid` and `payment_refunded` events go to the reaction outbox in the same
transaction as the change (`_send_signal`); other apps react after commit.
"""


import logging
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glashelder.kernel.transitions import durable, transition

from .. import signals
from ..models import (
    Enrolment,
    EnrolmentStatus,
    Payment,
    PaymentMethod,
    PaymentStatus,
    StripeEvent,
)
from ..payments import from_cents, get_provider, to_cents
from .common import (
    CENT,
    PaymentError,
    _enqueue_mail,
    _send_signal,
)

logger = logging.getLogger(__name__)

__all__ = [
    "from_cents", "payment_mark_paid", "payment_mark_unsuccessful", "payment_open", "payment_record_details",
    "payment_record_refund", "stripe_event_process", "stripe_event_receive", "stripe_event_record_error", "to_cents",
]

# --- payments ------------------------------------------------------------------


def payment_open(*, enrolment):
    """The open payment of a `requested` paid enrolment (created once, reused on a second try)."""
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("course__provider").get(pk=enrolment.pk)
        if enrolment.status != EnrolmentStatus.REQUESTED or enrolment.course.is_free:
            raise PaymentError(_("Voor deze inschrijving staat geen betaling open."))
        payment = Payment.objects.filter(enrolment=enrolment, status=PaymentStatus.OPEN).order_by("-pk").first()
        method = PaymentMethod.DEMO if settings.DEMO_PAYMENTS else PaymentMethod.STRIPE
        if payment is None or payment.method != method:
            payment = Payment.objects.create(
                enrolment=enrolment, method=method, amount=enrolment.course.price,
                stripe_account_id=enrolment.course.provider.stripe_account_id if method == PaymentMethod.STRIPE else "",
            )
    return payment


def _fill_details(payment, *, payment_intent_id="", receipt_url="", checkout_session_id=""):
    """Set the provider's references that are still empty on a locked payment (never overwrites).
    Returns the names of the fields it set."""
    fields = []
    for field, value in (("stripe_payment_intent_id", payment_intent_id), ("receipt_url", receipt_url),
                         ("stripe_checkout_session_id", checkout_session_id)):
        if value and not getattr(payment, field):
            setattr(payment, field, value)
            fields.append(field)
    return fields


def payment_start(*, payment, request, success_url, cancel_url):
    """Start paying an open payment with its provider and record the provider's reference for
    this attempt (a new Checkout Session replaces the one of an earlier attempt: the webhook
    matches the latest). Outside a transaction: the provider call is network I/O."""
    start = get_provider(payment.method).start(payment=payment, request=request, success_url=success_url, cancel_url=cancel_url)
    if start.reference:
        with transaction.atomic():
            locked = Payment.objects.select_for_update().get(pk=payment.pk)
            if locked.status != PaymentStatus.OPEN:
                raise PaymentError(_("Voor deze inschrijving staat geen betaling open."))
            locked.stripe_checkout_session_id = start.reference
            locked.save(update_fields=["stripe_checkout_session_id", "updated_at"])
        payment.stripe_checkout_session_id = start.reference
    return start


def payment_record_details(*, payment, payment_intent_id="", receipt_url="", checkout_session_id=""):
    """Store the provider's references (payment intent, receipt, checkout session) that are still missing."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        fields = _fill_details(payment, payment_intent_id=payment_intent_id, receipt_url=receipt_url,
                               checkout_session_id=checkout_session_id)
        if fields:
            payment.save(update_fields=fields + ["updated_at"])
    return payment


def payment_mark_paid(*, payment, payment_intent_id="", receipt_url="", checkout_session_id=""):
    """Confirmed payment (verified webhook or the demo step): the enrolment becomes active.

    Moves forward only: a payment already paid or refunded stays as it is
    (missing Stripe ids are filled in).
    """
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().get(pk=payment.enrolment_id)
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        fields = _fill_details(payment, payment_intent_id=payment_intent_id, receipt_url=receipt_url,
                               checkout_session_id=checkout_session_id)
        newly_paid = payment.status in (PaymentStatus.OPEN, PaymentStatus.FAILED, PaymentStatus.EXPIRED)
        if newly_paid:
            payment.status = PaymentStatus.PAID
            payment.paid_at = timezone.now()
            fields += ["status", "paid_at"]
        if fields:
            payment.save(update_fields=fields + ["updated_at"])
        if newly_paid:
            if enrolment.status == EnrolmentStatus.REQUESTED:
                enrolment.status = EnrolmentStatus.ACTIVE
                enrolment.activated_at = timezone.now()
                enrolment.save(update_fields=["status", "activated_at"])
                _enqueue_mail("payment_paid", enrolment.pk)
            elif enrolment.status == EnrolmentStatus.CANCELLED:
                # Paid after the enrolment was cancelled (e.g. a late iDEAL confirmation): give the money back.
                _refund_locked(payment, reason="requested_by_customer")
            _send_signal(signals.payment_paid, enrolment=enrolment, payment=payment)
    return payment


def payment_mark_unsuccessful(*, payment, status):
    """Checkout expired or the asynchronous payment failed. Only an open payment moves."""
    if status not in (PaymentStatus.FAILED, PaymentStatus.EXPIRED):
        raise ValueError(f"Not an unsuccessful payment status: {status!r}")
    with transition(Payment.objects, payment.pk) as step:
        if step.obj.status != PaymentStatus.OPEN:
            return step.obj  # a late failure never undoes a payment that went through
        step.obj.status = status
        step.save("status", "updated_at")
    return step.obj


def payment_record_refund(*, payment, refunded_total, payment_intent_id="", receipt_url=""):
    """Record the total refunded so far (from Stripe's charge or refund). Never lowers the recorded total.

    A refund that arrives before the payment confirmation proves the payment:
    the payment is marked paid first. Missing Stripe references are filled in.
    """
    refunded_total = Decimal(refunded_total).quantize(CENT)
    with transaction.atomic():
        payment = Payment.objects.select_for_update().select_related("enrolment").get(pk=payment.pk)
        fields = _fill_details(payment, payment_intent_id=payment_intent_id, receipt_url=receipt_url)
        if refunded_total > payment.amount_refunded:
            if payment.paid_at is None:
                payment.paid_at = timezone.now()
            payment.amount_refunded = min(refunded_total, payment.amount)
            payment.status = PaymentStatus.REFUNDED if payment.amount_refunded >= payment.amount else PaymentStatus.PAID
            fields += ["amount_refunded", "status", "paid_at"]
        if fields:
            payment.save(update_fields=fields + ["updated_at"])
        if "amount_refunded" in fields:
            _send_signal(signals.payment_refunded, enrolment=payment.enrolment, payment=payment)
    return payment


def _refund_locked(payment, *, reason):
    """Refund the rest of a locked, paid payment through its provider and record it."""
    remaining = payment.amount - payment.amount_refunded
    if remaining <= 0:
        return payment
    try:
        refunded_total = get_provider(payment.method).refund(payment=payment, amount=remaining, reason=reason)
    except Exception as exc:  # the Stripe SDK's errors and our own ValueError
        logger.exception("Refund of payment %s failed", payment.pk)
        raise PaymentError(_("De terugbetaling is niet gelukt; er is niets gewijzigd. Probeer het later opnieuw.")) from exc
    payment.amount_refunded = min(Decimal(refunded_total).quantize(CENT), payment.amount)
    payment.status = PaymentStatus.REFUNDED if payment.amount_refunded >= payment.amount else PaymentStatus.PAID
    payment.save(update_fields=["amount_refunded", "status", "updated_at"])
    _send_signal(signals.payment_refunded, enrolment=payment.enrolment, payment=payment)
    return payment


# --- Stripe webhook events -------------------------------------------------------


def stripe_event_receive(*, event_id, type, created, payload):
    """Record a verified Stripe event under its unique id; a repeated delivery adds nothing."""
    try:
        with transaction.atomic():
            return StripeEvent.objects.create(event_id=event_id, type=type, created=created, payload=payload)
    except IntegrityError:
        return StripeEvent.objects.get(event_id=event_id)


@durable
def stripe_event_process(*, event_id, apply):
    """Apply a recorded event once: `apply()` makes its changes through the payment services, and the
    event is marked processed in the same durable transaction as those changes and their outbox rows.

    Returns False when the event was already processed. When `apply()` raises, everything rolls
    back, the event stays unprocessed and the exception propagates (record it with
    `stripe_event_record_error`, outside this transaction).
    """
    record = StripeEvent.objects.select_for_update().get(event_id=event_id)
    if record.processed_at is not None:
        return False
    apply()
    record.processed_at = timezone.now()
    record.error = ""
    record.save(update_fields=["processed_at", "error"])
    return True


def stripe_event_record_error(*, event_id, error):
    """Keep the last error of an event whose processing failed (it stays unprocessed, Stripe retries)."""
    with transaction.atomic():
        StripeEvent.objects.filter(event_id=event_id, processed_at__isnull=True).update(error=str(error)[:2000])
