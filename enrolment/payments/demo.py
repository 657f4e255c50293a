"""The demo payment step: only with `settings.DEMO_PAYMENTS` (no Stripe keys).

No money moves. The member confirms on a clearly marked page, which marks the
payment paid through the same service the Stripe webhook uses.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from .base import BasePaymentProvider, PaymentStart


class DemoProvider(BasePaymentProvider):
    def __init__(self):
        if not settings.DEMO_PAYMENTS:
            raise ImproperlyConfigured("The demo payment provider is only available with DEMO_PAYMENTS.")

    def start(self, *, payment, request, success_url, cancel_url):
        return PaymentStart(redirect_url=reverse("enrolment:payment_demo", args=[payment.pk]))

    def refund(self, *, payment, amount, reason):
        return payment.amount_refunded + amount
