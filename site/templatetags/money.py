"""`{% load money %}`: the one money filter of the site's templates.

`{{ amount|euro }}` gives `€ 1.234,50` with a non-breaking space (the sign never
wraps away from the amount) and nothing for None, so `|default:"–"` works.
"""

from django import template

from glashelder.kernel.money import format_euro

register = template.Library()


@register.filter
def euro(amount):
    return format_euro(amount)
