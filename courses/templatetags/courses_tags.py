"""Template helpers of the catalogue: Dutch money, hours and the extension panels."""

from decimal import Decimal

from django import template
from django.template.loader import get_template
from django.utils.translation import gettext as _

from glashelder.kernel import money

register = template.Library()


def format_euro(amount):
    """`Decimal('1234.5')` → `€ 1.234,50` (Dutch notation, non-breaking space)."""
    return money.format_euro(amount or 0)


@register.filter
def euro(amount):
    return format_euro(amount)


@register.filter
def price(course):
    """The price of a course, or "Gratis"."""
    return _("Gratis") if course.price == 0 else format_euro(course.price)


@register.filter
def hours(value):
    """Study load in hours, the Dutch way: 1,5 uur."""
    value = Decimal(value or 0).normalize()
    text = f"{value:f}".replace(".", ",")
    return _("%(hours)s uur") % {"hours": text}


@register.simple_tag(takes_context=True)
def render_panel(context, panel):
    """Render an extension panel (`{"template", "context", "order"}`) with its own
    context on top of the page's context."""
    with context.push(**(panel.get("context") or {})):
        return get_template(panel["template"]).render(context.flatten())
