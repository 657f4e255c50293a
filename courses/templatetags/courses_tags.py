"""Template helpers of the catalogue: price, hours and the extension panels.

Amounts are formatted by the site's `money` library (`{% load money %}`)."""

from decimal import Decimal

from django import template
from django.template.loader import get_template
from django.utils.translation import gettext as _

from glashelder.kernel.money import format_euro

register = template.Library()


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
