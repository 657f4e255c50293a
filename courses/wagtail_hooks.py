"""Wagtail admin integration of the catalogue: snippets for providers and
instruments, the page chooser limited to the pages a user may see, members-only
documents of paid courses, and the rule that course and module pages are only ever
published through the redactie's onpartijdigheidstoets.

Which pages a provider editor sees in the explorer, the admin API, the admin search,
the reports and the histories follows from Wagtail's own page permissions on the
provider's folder (services.provider_editors_ensure); nothing here filters those.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, HistoryView, SnippetViewSet, UsageView

from glashelder.kernel import roles

from .documents import document_open_to
from .models import CoursePage, Instrument, ModulePage, Provider, login_redirect
from .selectors import admin_visible_pages, provider_ids


def _restricted(user):
    """True for users who only see their own providers' things (provider editors)."""
    return not (user.is_superuser or roles.is_redactie(user))


class OwnProviderMixin:
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if _restricted(self.request.user) and obj.pk not in provider_ids(self.request.user):
            raise Http404
        return obj


class ProviderEditView(OwnProviderMixin, EditView):
    pass


class ProviderHistoryView(OwnProviderMixin, HistoryView):
    pass


class ProviderUsageView(OwnProviderMixin, UsageView):
    pass


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "group"
    menu_label = _("Aanbieders")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "email", "website"]
    search_fields = ["name"]
    edit_view_class = ProviderEditView
    history_view_class = ProviderHistoryView
    usage_view_class = ProviderUsageView

    def get_queryset(self, request):
        qs = Provider.objects.order_by("name")
        if _restricted(request.user):
            qs = qs.filter(pk__in=provider_ids(request.user))
        return qs


class InstrumentViewSet(SnippetViewSet):
    model = Instrument
    icon = "tag"
    menu_label = _("Instrumenten")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "kind", "article_gemeente", "article_provincie"]
    search_fields = ["name"]


register_snippet(ProviderViewSet)
register_snippet(InstrumentViewSet)


@hooks.register("construct_page_chooser_queryset")
def only_visible_pages_in_chooser(pages, request):
    """Wagtail's page chooser lists any page; here it lists only the pages the user may
    see in the admin (for a provider editor: the way down to their own folder, and their
    own courses and modules)."""
    if request.user.is_superuser:
        return pages
    return pages.filter(pk__in=admin_visible_pages(request.user).values("pk"))


@hooks.register("construct_reports_menu")
def hide_whole_site_reports(request, menu_items):
    """The page types usage report names other providers' pages (courses.middleware refuses it)."""
    if not roles.is_redactie(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("before_serve_document")
def members_only_documents(document, request):
    """The documents of a paid course are for its members (see courses.documents)."""
    if document_open_to(document, request.user):
        return None
    if not request.user.is_authenticated:
        return login_redirect(request)
    raise Http404


def _refuse_direct_publish(request, page):
    messages.error(
        request,
        _(
            "Cursussen en modules worden alleen gepubliceerd na goedkeuring in de onpartijdigheidstoets. "
            "Uw wijzigingen zijn als concept opgeslagen; stuur ze door naar de onpartijdigheidstoets."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_publish_page")
def block_direct_publish(request, page):
    """Nobody publishes a course or module directly, not even the redactie: the
    live version must be the approved one. The workflow publishes on approval."""
    if isinstance(page.specific, CoursePage | ModulePage):
        return _refuse_direct_publish(request, page)
    return None


@hooks.register("before_bulk_action")
def block_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type == "publish" and any(isinstance(getattr(o, "specific", o), CoursePage | ModulePage) for o in objects):
        messages.error(request, _("Cursussen en modules worden alleen gepubliceerd via de onpartijdigheidstoets."))
        return redirect("wagtailadmin_explore_root")
    return None
