"""Stripe webhook handling: verified events only, each event id once, any order.

Each event is stored in `StripeEvent` under a unique id before it is handled.
An event already processed is answered with 200 and changes nothing. A handler
error is written on the event row and answered with 500, so Stripe delivers it
again and the next delivery runs the handler again. Handlers move state forward
only, so events may arrive in any order.
"""

import datetime
import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import services
from ..models import Payment, PaymentStatus, StripeEvent

logger = logging.getLogger(__name__)


class UnknownPayment(Exception):
    """The event refers to a payment we cannot find (yet): answer 500 so Stripe retries."""


def verify(payload, sig_header):
    """The verified event, or raises ValueError / stripe.SignatureVerificationError."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise ValueError("No webhook secret configured")
    return stripe.Webhook.construct_event(
        payload, sig_header, settings.STRIPE_WEBHOOK_SECRET, tolerance=settings.STRIPE_WEBHOOK_TOLERANCE
    )


def _payment_for_checkout_session(obj):
    payment = Payment.objects.filter(stripe_checkout_session_id=obj["id"]).first()
    if payment is None:
        ref = (obj.get("metadata") or {}).get("payment_id") or obj.get("client_reference_id")
        if ref and str(ref).isdigit():
            payment = Payment.objects.filter(pk=int(ref)).first()
    if payment is None:
        raise UnknownPayment(obj["id"])
    return payment


def _payment_for_charge(obj):
    payment = None
    if obj.get("payment_intent"):
        payment = Payment.objects.filter(stripe_payment_intent_id=obj["payment_intent"]).first()
    if payment is None:
        ref = (obj.get("metadata") or {}).get("payment_id")
        if ref and str(ref).isdigit():
            payment = Payment.objects.filter(pk=int(ref)).first()
    if payment is None:
        raise UnknownPayment(obj.get("id"))
    return payment


def _checkout_paid(obj):
    payment = _payment_for_checkout_session(obj)
    if obj.get("payment_status") not in ("paid", "no_payment_required"):
        # iDEAL can complete the session before the money is confirmed; async_payment_succeeded follows.
        return
    services.payment_mark_paid(
        payment=payment,
        payment_intent_id=_intent_id(obj),
        checkout_session_id=obj["id"],
        receipt_url=_receipt_url(obj),
    )


def _intent_id(obj):
    intent = obj.get("payment_intent")
    return intent.get("id", "") if isinstance(intent, dict) else (intent or "")


def _receipt_url(obj):
    intent = obj.get("payment_intent")
    if isinstance(intent, dict) and isinstance(intent.get("latest_charge"), dict):
        return intent["latest_charge"].get("receipt_url") or ""
    return ""


def _checkout_expired(obj):
    services.payment_mark_unsuccessful(payment=_payment_for_checkout_session(obj), status=PaymentStatus.EXPIRED)


def _checkout_failed(obj):
    services.payment_mark_unsuccessful(payment=_payment_for_checkout_session(obj), status=PaymentStatus.FAILED)


def _charge_succeeded(obj):
    # Only used to store the receipt URL; confirmation comes from the checkout events.
    try:
        payment = _payment_for_charge(obj)
    except UnknownPayment:
        return
    if obj.get("receipt_url") and not payment.receipt_url:
        Payment.objects.filter(pk=payment.pk, receipt_url="").update(receipt_url=obj["receipt_url"])


def _charge_refunded(obj):
    payment = _payment_for_charge(obj)
    if obj.get("payment_intent") and not payment.stripe_payment_intent_id:
        Payment.objects.filter(pk=payment.pk).update(stripe_payment_intent_id=obj["payment_intent"])
    if obj.get("receipt_url") and not payment.receipt_url:
        Payment.objects.filter(pk=payment.pk).update(receipt_url=obj["receipt_url"])
    services.payment_record_refund(payment=payment, refunded_total=services.from_cents(obj.get("amount_refunded") or 0))


HANDLERS = {
    "checkout.session.completed": _checkout_paid,
    "checkout.session.async_payment_succeeded": _checkout_paid,
    "checkout.session.expired": _checkout_expired,
    "checkout.session.async_payment_failed": _checkout_failed,
    "charge.succeeded": _charge_succeeded,
    "charge.refunded": _charge_refunded,
}


def process(event):
    """Handle a verified event once. Returns the HTTP status to answer with."""
    data = event.to_dict() if hasattr(event, "to_dict") else dict(event)
    created = datetime.datetime.fromtimestamp(int(data.get("created") or 0), tz=datetime.UTC)
    try:
        with transaction.atomic():
            StripeEvent.objects.create(event_id=data["id"], type=data.get("type", ""), created=created, payload=data)
    except IntegrityError:
        pass  # seen before; processed below only if an earlier attempt failed
    with transaction.atomic():
        record = StripeEvent.objects.select_for_update().get(event_id=data["id"])
        if record.processed_at is not None:
            return 200
        handler = HANDLERS.get(record.type)
        try:
            with transaction.atomic():
                if handler is not None:
                    handler(data["data"]["object"])
        except Exception as exc:  # noqa: BLE001 - every handler error is recorded and retried by Stripe
            logger.exception("Stripe event %s (%s) failed", record.event_id, record.type)
            record.error = f"{type(exc).__name__}: {exc}"[:2000]
            record.save(update_fields=["error"])
            return 500
        record.processed_at = timezone.now()
        record.error = ""
        record.save(update_fields=["processed_at", "error"])
    return 200
