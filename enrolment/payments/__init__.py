"""Payment providers behind one small interface (cf. open-forms' payments/base.py).

`get_provider(method)` returns the provider for a `PaymentMethod`: the Stripe
Checkout provider, or the demo provider that stands in without Stripe keys.
"""

from .base import BasePaymentProvider, PaymentStart  # noqa: F401


def get_provider(method):
    from ..models import PaymentMethod
    from .demo import DemoProvider
    from .stripe_checkout import StripeCheckoutProvider

    providers = {PaymentMethod.STRIPE: StripeCheckoutProvider, PaymentMethod.DEMO: DemoProvider}
    try:
        return providers[method]()
    except KeyError:
        raise ValueError(f"No payment provider for method {method!r}")
