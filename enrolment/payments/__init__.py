"""Payment providers behind one small interface (cf. open-forms' payments/base.py).

`get_provider(method)` returns the provider for a `PaymentMethod`: the Stripe
Checkout provider, or the demo provider that stands in without Stripe keys.
"""

from ..models import PaymentMethod
from .base import BasePaymentProvider, PaymentStart, from_cents, to_cents  # noqa: F401
from .demo import DemoProvider
from .stripe_checkout import StripeCheckoutProvider

PROVIDERS = {PaymentMethod.STRIPE: StripeCheckoutProvider, PaymentMethod.DEMO: DemoProvider}


def get_provider(method):
    try:
        return PROVIDERS[method]()
    except KeyError:
        raise ValueError(f"No payment provider for method {method!r}")
