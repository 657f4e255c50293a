"""Stripe webhook handling: verified events only, each event id once, any order.

1. The view verifies the signature (`verify`); `process` records the event under its unique
   id (`services.stripe_event_receive`).
2. `services.stripe_event_process` applies it in ONE durable transaction: the event row is
   locked, its effects go through the payment services (which write their outbox events for
   other apps in the same transaction), and the event is marked processed last. An event
   already processed is answered with 200 and changes nothing.
3. When anything fails, that transaction rolls back as a whole: no effect, no outbox row, and
   the event stays unprocessed. The error is written on the event in a separate small write and
   the answer is 500, so Stripe delivers the event again and the retry processes it.

Other apps' reactions (following a refund on a claim, …) are not part of this transaction:
they are delivered from the outbox after commit and retried on their own, so a failing
reaction neither fails the webhook nor gets lost. Handlers move state forward only, so events
may arrive in any order. This module writes no model itself.
"""

import datetime
import logging

import stripe
from django.conf import settings

from .. import services
from ..models import Payment, PaymentStatus

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
    services.payment_record_details(payment=payment, receipt_url=obj.get("receipt_url") or "")


def _charge_refunded(obj):
    services.payment_record_refund(
        payment=_payment_for_charge(obj),
        refunded_total=services.from_cents(obj.get("amount_refunded") or 0),
        payment_intent_id=_intent_id(obj),
        receipt_url=obj.get("receipt_url") or "",
    )


HANDLERS = {
    "checkout.session.completed": _checkout_paid,
    "checkout.session.async_payment_succeeded": _checkout_paid,
    "checkout.session.expired": _checkout_expired,
    "checkout.session.async_payment_failed": _checkout_failed,
    "charge.succeeded": _charge_succeeded,
    "charge.refunded": _charge_refunded,
}


def _ignored(obj):
    """Event types Glashelder does not act on are recorded and marked processed."""


def process(event):
    """Handle a verified event once. Returns the HTTP status to answer with."""
    data = event.to_dict() if hasattr(event, "to_dict") else dict(event)
    event_id = data["id"]
    created = datetime.datetime.fromtimestamp(int(data.get("created") or 0), tz=datetime.UTC)
    record = services.stripe_event_receive(event_id=event_id, type=data.get("type", ""), created=created, payload=data)
    handler = HANDLERS.get(record.type, _ignored)
    try:
        services.stripe_event_process(event_id=event_id, apply=lambda: handler(data["data"]["object"]))
    except Exception as exc:  # noqa: BLE001 - every failure is recorded and retried by Stripe
        logger.exception("Stripe event %s (%s) failed", event_id, record.type)
        services.stripe_event_record_error(event_id=event_id, error=f"{type(exc).__name__}: {exc}")
        return 500
    return 200
