"""Permanent redirects from the griffie workspace's old addresses, from before the authority
was named in the path (/griffie/declaraties/..., /griffie/regeling/..., /griffie/budget/,
/griffie/export/..., /griffie/toestemming/...).

The new address is the old one with the authority's code put first: `/griffie/<code>/<rest>`.
A claim, request or export finds its authority itself, among the user's own authorities only
(someone else's number is a 404, as on the new pages). A page without an object goes to the
user's only authority, or to /griffie/ to choose one when the user serves several.
"""

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse

from glashelder.offices.selectors import griffie_authorities
from glashelder.offices.workspace import moved

from .. import selectors

# Old paths that name one object, and how to find the authority of that object.
OBJECT_PATHS = (
    (re.compile(r"^declaraties/(?!goedkeuren/)(?P<key>[^/]+)/"), selectors.claim_authority_code),
    (re.compile(r"^toestemming/(?P<key>[^/]+)/"), selectors.reservation_authority_code),
    (re.compile(r"^export/(?P<key>[0-9]+)/"), lambda user, key: selectors.export_authority_code(user, int(key))),
)


def _authority_code(user, rest):
    for pattern, find in OBJECT_PATHS:
        match = pattern.match(rest)
        if match:
            code = find(user, match["key"])
            if code is None:
                raise Http404
            return code
    codes = list(griffie_authorities(user).values_list("cbs_code", flat=True)[:2])
    if not codes:
        raise Http404
    return codes[0] if len(codes) == 1 else None


@login_required
def griffie_page_moved(request, rest):
    """/griffie/<rest> moved to /griffie/<code>/<rest>."""
    code = _authority_code(request.user, rest)
    if code is None:
        return moved(request, reverse("offices:griffie_choose"))
    return moved(request, reverse("reimbursement:griffie_home", args=[code]) + rest)


def griffie_choose_moved(request):
    """/griffie/overheid/ (a form that kept the chosen authority in the session) moved to /griffie/,
    where the user picks an authority by its link; the old form's POST is not repeated."""
    return moved(request, reverse("offices:griffie_choose"), keep_method=False)
