from django import template

from reimbursement.money import euro as format_euro

register = template.Library()


@register.filter
def euro(value):
    """`€ 1.234,50`."""
    return format_euro(value)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for sorting and pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode()
