"""Money for claims and budgets: the platform's formatter (courses.money) with a plain space."""

from glashelder.kernel.money import format_euro, to_money  # noqa: F401  (to_money is part of this module's interface)


def euro(value):
    """`€ 1.234,50`; `€ -12,00` for negative amounts; empty for None."""
    return format_euro(value, space=" ")
