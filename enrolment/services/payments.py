"""Payments: opening, confirmation, failure and refunds (Stripe or the demo step)."""


import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import signals
from ..models import (
    Enrolment,
    EnrolmentStatus,
    Payment,
    PaymentMethod,
    PaymentStatus,
)
from ..payments import get_provider
from .common import (
    CENT,
    PaymentError,
    _enqueue_mail,
    _send_signal,
)

logger = logging.getLogger(__name__)

# --- payments ------------------------------------------------------------------


def to_cents(amount):
    return int((Decimal(amount).quantize(CENT) * 100).to_integral_value())


def from_cents(cents):
    return (Decimal(int(cents)) / 100).quantize(CENT)


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


def payment_mark_paid(*, payment, payment_intent_id="", receipt_url="", checkout_session_id=""):
    """Confirmed payment (verified webhook or the demo step): the enrolment becomes active.

    Moves forward only: a payment already paid or refunded stays as it is
    (missing Stripe ids are filled in).
    """
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().get(pk=payment.enrolment_id)
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        fields = []
        for field, value in (("stripe_payment_intent_id", payment_intent_id), ("receipt_url", receipt_url),
                             ("stripe_checkout_session_id", checkout_session_id)):
            if value and not getattr(payment, field):
                setattr(payment, field, value)
                fields.append(field)
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
    assert status in (PaymentStatus.FAILED, PaymentStatus.EXPIRED)
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status != PaymentStatus.OPEN:
            return payment
        payment.status = status
        payment.save(update_fields=["status", "updated_at"])
    return payment


def payment_record_refund(*, payment, refunded_total):
    """Record the total refunded so far (from Stripe's charge or refund). Never lowers the recorded total.

    A refund that arrives before the payment confirmation proves the payment:
    the payment is marked paid first.
    """
    refunded_total = Decimal(refunded_total).quantize(CENT)
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if refunded_total <= payment.amount_refunded:
            return payment
        if payment.paid_at is None:
            payment.paid_at = timezone.now()
        payment.amount_refunded = min(refunded_total, payment.amount)
        payment.status = PaymentStatus.REFUNDED if payment.amount_refunded >= payment.amount else PaymentStatus.PAID
        payment.save(update_fields=["amount_refunded", "status", "paid_at", "updated_at"])
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


