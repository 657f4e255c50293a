"""Money: Decimal euros with two places, shown the Dutch way (`€ 1.234,50`).

The one formatter of the platform. Templates use the `euro` filter of the
`money` template library (`{% load money %}`, non-breaking space); text that is
not HTML (messages, error messages, exports) uses `format_euro_text`.
"""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
NBSP = "\u00a0"


def to_money(value):
    """A Decimal with two places from a Decimal, int or string (never from a float)."""
    if value is None:
        return None
    if isinstance(value, float):
        raise TypeError("Money never comes from a float.")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_euro(value, *, space=NBSP):
    """`€ 1.234,50`; `€ -12,00` for negative amounts; empty for None or "".

    Pages use a non-breaking space so the sign never wraps away from the amount;
    texts that are not HTML (messages, exports) may pass a plain space.
    """
    if value is None or value == "":
        return ""
    amount = to_money(value)
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"€{space}{sign}{'.'.join(groups)},{cents}"


def format_euro_text(value):
    """`€ 1.234,50` with a plain space, for text that is not HTML (messages, exports)."""
    return format_euro(value, space=" ")
