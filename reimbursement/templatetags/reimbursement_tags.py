"""Template helpers of the reimbursement app.

`euro` is left here only for the griffie templates (reimbursement/griffie/*),
which switch to the site's `money` library (`{% load money %}`); then this
module goes.
"""

from django import template

from glashelder.kernel.money import format_euro_text

register = template.Library()


@register.filter
def euro(value):
    """`€ 1.234,50` with a plain space: the griffie pages' old output, until they load `money`."""
    return format_euro_text(value)
