"""The frame of every griffie page (offices/griffie/_base.html): the grouped menu and the
links to the other authorities of the user. A view passes only `authority`."""

from django import template

from ..selectors import griffie_authorities
from ..workspace import griffie_home_url, griffie_nav

register = template.Library()


@register.inclusion_tag("offices/griffie/_nav.html", takes_context=True)
def griffie_menu(context):
    request, authority = context["request"], context["authority"]
    return {"groups": griffie_nav(request, authority)}


@register.inclusion_tag("offices/griffie/_switcher.html", takes_context=True)
def griffie_switcher(context):
    """Plain links to the workspace of each other authority the user serves."""
    request, authority = context["request"], context["authority"]
    others = [
        {"authority": other, "url": griffie_home_url(other)}
        for other in griffie_authorities(request.user)
        if other.pk != authority.pk
    ]
    return {"others": others}
