"""Stripe Checkout in payment mode (iDEAL and card, Dutch), paid to the provider's
connected account with a destination charge when it has one.

Every create call carries a deterministic idempotency key derived from our own
records, so a retried request never charges or refunds twice.
"""

import stripe
from django.conf import settings

from .base import BasePaymentProvider, PaymentStart, from_cents, to_cents


def client():
    base_addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, base_addresses=base_addresses, max_network_retries=2)


class StripeCheckoutProvider(BasePaymentProvider):
    def start(self, *, payment, request, success_url, cancel_url):
        if payment.stripe_checkout_session_id:
            session = client().v1.checkout.sessions.retrieve(payment.stripe_checkout_session_id).to_dict()
            if session.get("status") == "open" and session.get("url"):
                return PaymentStart(redirect_url=session["url"])
        enrolment = payment.enrolment
        course = enrolment.course
        params = {
            "mode": "payment",
            "payment_method_types": ["card", "ideal"],
            "locale": "nl",
            "customer_email": enrolment.person.email,
            "client_reference_id": str(payment.pk),
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": "eur",
                        "unit_amount": to_cents(payment.amount),
                        "product_data": {"name": course.title[:250]},
                    },
                }
            ],
            "metadata": {"payment_id": str(payment.pk), "enrolment_id": str(enrolment.pk)},
            "payment_intent_data": {"metadata": {"payment_id": str(payment.pk), "enrolment_id": str(enrolment.pk)}},
            "success_url": success_url,
            "cancel_url": cancel_url,
        }
        if payment.stripe_account_id:
            params["payment_intent_data"]["transfer_data"] = {"destination": payment.stripe_account_id}
        # One Checkout Session per payment attempt: a retried request returns the same session.
        attempt = payment.updated_at.strftime("%Y%m%d%H%M%S%f")
        session = client().v1.checkout.sessions.create(
            params, {"idempotency_key": f"glashelder-checkout-{payment.pk}-{attempt}"}
        ).to_dict()
        return PaymentStart(redirect_url=session["url"], reference=session["id"])

    def refund(self, *, payment, amount, reason):
        if not payment.stripe_payment_intent_id:
            raise ValueError("A Stripe payment without a payment intent cannot be refunded.")
        refunded_before = to_cents(payment.amount_refunded)
        cents = to_cents(amount)
        refund = client().v1.refunds.create(
            {"payment_intent": payment.stripe_payment_intent_id, "amount": cents, "reason": reason,
             "metadata": {"payment_id": str(payment.pk)}},
            {"idempotency_key": f"glashelder-refund-{payment.pk}-{refunded_before}-{cents}"},
        ).to_dict()
        if refund.get("status") in ("failed", "canceled"):
            raise ValueError(f"Stripe refused the refund {refund.get('id')}")
        return from_cents(refunded_before + int(refund["amount"]))
