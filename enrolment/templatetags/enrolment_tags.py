"""Template helpers of the enrolment app: progress. Amounts: `{% load money %}`."""

from django import template

register = template.Library()


@register.filter
def percent_of(part, whole):
    try:
        return round(100 * int(part) / int(whole)) if int(whole) else 0
    except (TypeError, ValueError):
        return 0
