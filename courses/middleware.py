"""A guard in front of the Wagtail admin for the views that take a page id but do not
check that the user may see that page.

Wagtail's own page permissions decide what a provider editor sees in the explorer
listing, the admin API, the admin search, the reports and the histories, and its page
views refuse pages the user cannot edit. A few admin views, however, render a page's
title for any id they are given: the explorer header of a page outside the user's
subtree (when a user's subtrees have a common ancestor below the root), the page
chooser's parent page, the "chosen" response of the multiple page chooser and the
confirmation page of bulk actions (which lists the pages the user may *not* act on).
This middleware answers 404 for those, for every admin user but beheer, when a page id
in the URL or query is not among `courses.selectors.admin_visible_pages`.

The page types usage report names the last edited page of every page type, whoever's
it is: only beheer and the redactie (who see every course) may open it.
"""

from django.http import Http404
from wagtail.admin.views.chooser import page_models_from_string
from wagtail.models import Page

from glashelder.kernel import roles

from .selectors import admin_own_pages, admin_visible_pages

# URL keyword arguments of Wagtail's admin URLs that hold a page id.
PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
CHOSEN_MULTIPLE = "wagtailadmin_choose_page_chosen_multiple"
CHOOSE_PAGE = "wagtailadmin_choose_page"
BULK_ACTION = "wagtail_bulk_action"
WHOLE_SITE_REPORTS = ("page_types_usage", "page_types_usage_results")


def _page_id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _is_page(kwargs):
    return kwargs.get("app_label") == "wagtailcore" and kwargs.get("model_name") == "page"


def _chooser_start_page(request):
    """The page Wagtail's chooser opens at without a parent id: the common ancestor of
    the pages of the asked-for type (wagtail.admin.views.chooser.BrowseView)."""
    try:
        models = page_models_from_string(request.GET.get("page_type") or "wagtailcore.page")
    except (ValueError, LookupError):
        return None
    if models == (Page,):
        return None
    try:
        return Page.objects.all().type(*models).first_common_ancestor()
    except Page.DoesNotExist:
        return None


def requested_page_ids(request, match, kwargs):
    """The page ids a Wagtail admin request names, in its path or its query."""
    user = request.user
    ids = [kwargs[name] for name in PAGE_ID_KWARGS if name in kwargs]
    if match.namespace == "wagtailadmin_pages" and "pk" in kwargs:
        ids.append(kwargs["pk"])  # revisions compare
    if _is_page(kwargs) and "object_id" in kwargs:
        ids.append(kwargs["object_id"])  # editing sessions
    if match.url_name == CHOSEN_MULTIPLE:
        ids += request.GET.getlist("id")
    if match.url_name == BULK_ACTION and _is_page(kwargs):
        chosen = request.GET.getlist("id")
        if "all" in chosen:
            # "All pages of this listing": the listing's parent must be in the user's own subtree.
            parent = request.GET.get("childOf")
            if not parent or not admin_own_pages(user).filter(pk=_page_id(parent)).exists():
                raise Http404
        ids += [pk for pk in chosen if pk != "all"]
    if match.url_name == CHOOSE_PAGE and "parent_page_id" not in kwargs:
        start = _chooser_start_page(request)
        if start is not None:
            ids.append(start.pk)
    return {_page_id(pk) for pk in ids}


class AdminPageScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not (getattr(match.func, "__module__", "") or "").startswith("wagtail."):
            return None
        user = getattr(request, "user", None)
        # Anonymous users and users without admin access are turned away by Wagtail itself.
        if user is None or not user.is_authenticated or user.is_superuser:
            return None
        if not user.has_perm("wagtailadmin.access_admin"):
            return None
        if match.namespace == "wagtailadmin_reports" and match.url_name in WHOLE_SITE_REPORTS and not roles.is_redactie(user):
            raise Http404
        ids = requested_page_ids(request, match, view_kwargs)
        if ids and admin_visible_pages(user).filter(pk__in=ids).count() != len(ids):
            raise Http404
        return None
