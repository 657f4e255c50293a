"""The interface every payment provider implements."""

from abc import ABC, abstractmethod
from dataclasses import dataclass


@dataclass(frozen=True)
class PaymentStart:
    """Where to send the member to pay."""

    redirect_url: str


class BasePaymentProvider(ABC):
    """Starts a payment and refunds it. Confirmation never comes from the
    provider's redirect: only from a verified webhook (or the demo step)."""

    @abstractmethod
    def start(self, *, payment, request, success_url, cancel_url) -> PaymentStart:
        """Create the payment at the provider and return where to send the member."""

    @abstractmethod
    def refund(self, *, payment, amount, reason) -> "object":
        """Refund `amount` (Decimal euros); return the total refunded so far (Decimal euros)."""
