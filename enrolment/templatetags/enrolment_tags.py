"""Template helpers of the enrolment app: Dutch money formatting and progress."""

from django import template

from glashelder.kernel.money import format_euro

register = template.Library()


@register.filter
def euro(amount):
    """`€ 1.234,50`: the Dutch way, from a Decimal (never a float)."""
    return format_euro(amount)


@register.filter
def percent_of(part, whole):
    try:
        return round(100 * int(part) / int(whole)) if int(whole) else 0
    except (TypeError, ValueError):
        return 0
