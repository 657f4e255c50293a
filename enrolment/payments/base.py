"""The interface every payment provider implements, and the conversion to and from cents."""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal

CENT = Decimal("0.01")


def to_cents(amount):
    """Decimal euros to integer cents, as Stripe counts."""
    return int((Decimal(amount).quantize(CENT) * 100).to_integral_value())


def from_cents(cents):
    """Integer cents to Decimal euros with two places."""
    return (Decimal(int(cents)) / 100).quantize(CENT)


@dataclass(frozen=True)
class PaymentStart:
    """Where to send the member to pay, and the provider's reference for this attempt (the
    Stripe Checkout Session id), which `payment_start` records on the payment."""

    redirect_url: str
    reference: str = ""


class BasePaymentProvider(ABC):
    """Starts a payment and refunds it. Confirmation never comes from the
    provider's redirect: only from a verified webhook (or the demo step)."""

    @abstractmethod
    def start(self, *, payment, request, success_url, cancel_url) -> PaymentStart:
        """Create the payment at the provider and return where to send the member."""

    @abstractmethod
    def refund(self, *, payment, amount, reason) -> "object":
        """Refund `amount` (Decimal euros); return the total refunded so far (Decimal euros)."""
