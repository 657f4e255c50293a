"""The interface every payment provider implements."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PaymentStart:
    """Where to send the member to pay."""

    redirect_url: str


class BasePaymentProvider:
    """Starts a payment and refunds it. Confirmation never comes from the
    provider's redirect: only from a verified webhook (or the demo step)."""

    def start(self, *, payment, request, success_url, cancel_url) -> PaymentStart:
        raise NotImplementedError

    def refund(self, *, payment, amount, reason) -> "object":
        """Refund `amount` (Decimal euros); return the total refunded so far (Decimal euros)."""
        raise NotImplementedError
