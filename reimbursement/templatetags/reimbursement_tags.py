from django import template

from reimbursement.money import euro as format_euro

register = template.Library()


@register.filter
def euro(value):
    """`€ 1.234,50`."""
    return format_euro(value)
