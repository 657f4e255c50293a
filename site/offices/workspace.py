"""The frame of the griffie workspace: its home per authority and its grouped navigation.

Every page of the workspace names its authority in the path (`/griffie/<CBS code>/...`) and
finds it with `selectors.griffie_authority(user, code)`; nothing is remembered in the session,
so a griffie member of two authorities can work in both at once, in two tabs.

Each app contributes its pages through two Wagtail hooks (README, "Extension points"):

- `glashelder_griffie_nav`: `fn(request, authority) -> list of (group, url, label)`; the
  groups appear in the order the hooks run (their `order`) and then of their first entry:
  "Leden" (offices), "Declaraties" and "Budget en regeling" (reimbursement);
- `glashelder_griffie_home`: `fn(authority) -> url | None`, the overview of the workspace;
  the first answer wins, without one the members page is the home.
"""

from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks

NAV_HOOK = "glashelder_griffie_nav"
HOME_HOOK = "glashelder_griffie_home"


def griffie_home_url(authority):
    """The first page of the workspace of `authority`."""
    for fn in hooks.get_hooks(HOME_HOOK):
        url = fn(authority)
        if url:
            return url
    return reverse("offices:griffie_members", args=[authority.cbs_code])


def griffie_nav(request, authority):
    """The grouped menu: `[{"label": group, "items": [{"url", "label", "current"}]}]`.

    The entry whose URL is the longest prefix of the requested path is the current one,
    so a claim's page marks the claims overview and an office's page the members list.
    """
    entries = []
    for fn in hooks.get_hooks(NAV_HOOK):
        entries.extend(fn(request, authority) or [])
    path = request.path
    best = max((url for _group, url, _label in entries if path.startswith(url)), key=len, default=None)
    groups = {}
    for group, url, label in entries:
        groups.setdefault(str(group), []).append({"url": url, "label": label, "current": url == best})
    return [{"label": label, "items": items} for label, items in groups.items()]


def moved(request, path, *, keep_method=True):
    """A permanent redirect from an old address of the workspace to `path`, the query string
    kept. A GET answers 301; another method 308 (the form posted to an old page stays a POST),
    unless `keep_method` is false."""
    query = request.META.get("QUERY_STRING", "")
    target = f"{path}?{query}" if query else path
    keep = keep_method and request.method not in ("GET", "HEAD")
    return redirect(target, permanent=True, preserve_request=keep)
