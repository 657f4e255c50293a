"""Providers never see each other's drafts in the Wagtail admin.

Two providers, Alfa and Bravo, each with a draft course (submitted for review, so it is
in the workflow reports) and a draft module; Bravo's module is locked by the redactie.
Every admin URL that lists or shows pages is requested as Alfa's editor: the body never
holds a title of Bravo's, and Bravo's pages answer 403 or 404. The redactie sees both.
"""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from courses import services
from courses.models import CourseIndexPage, ModulePage, ProviderFolderPage
from tests.courses.conftest import make_editor, make_redactie
from tests.factories import ProviderFactory, UserFactory, add_totp, make_course

pytestmark = pytest.mark.django_db

ALFA_COURSE, ALFA_MODULE = "Eigen conceptcursus Alfa", "Eigen conceptmodule Alfa"
BRAVO_COURSE, BRAVO_MODULE = "Geheime conceptcursus Bravo", "Geheime conceptmodule Bravo"
ALFA = (ALFA_COURSE, ALFA_MODULE)
BRAVO = (BRAVO_COURSE, BRAVO_MODULE)
REFUSED = (403, 404)
# The admin API answers a filter on a page the user cannot see with 400 ("parent page doesn't exist").
API_REFUSED = (400, 403, 404)


def draft_module(course, title, user):
    module = ModulePage(title=title, intro="Inleiding", estimated_minutes=20, lessons=[], live=False, owner=user)
    Page.objects.get(pk=course.pk).add_child(instance=module)
    module.save_revision(user=user, log_action=True)
    return ModulePage.objects.get(pk=module.pk)


class World:
    def __init__(self):
        services.review_workflow_ensure()
        self.alfa = ProviderFactory(name="Vereniging Alfa")
        self.bravo = ProviderFactory(name="Vereniging Bravo")
        self.alfa_editor = make_editor(self.alfa)
        self.bravo_editor = make_editor(self.bravo)
        self.redactie = make_redactie()
        self.index = CourseIndexPage.objects.get()
        self.alfa_folder = ProviderFolderPage.objects.get(provider=self.alfa)
        self.bravo_folder = ProviderFolderPage.objects.get(provider=self.bravo)
        self.alfa_course = make_course(provider=self.alfa, title=ALFA_COURSE, publish=False, approved=False)
        self.bravo_course = make_course(provider=self.bravo, title=BRAVO_COURSE, publish=False, approved=False)
        self.alfa_module = draft_module(self.alfa_course, ALFA_MODULE, self.alfa_editor)
        self.bravo_module = draft_module(self.bravo_course, BRAVO_MODULE, self.bravo_editor)
        services.page_submit_for_review(page=self.alfa_course, user=self.alfa_editor)
        services.page_submit_for_review(page=self.bravo_course, user=self.bravo_editor)
        Page.objects.filter(pk=self.bravo_module.pk).update(locked=True, locked_by=self.redactie, locked_at=timezone.now())
        log(instance=self.bravo_module, action="wagtail.lock", user=self.redactie)
        self.bravo_revision = self.bravo_course.get_latest_revision()


@pytest.fixture
def world(db):
    return World()


def listing_urls(w):
    """Admin URLs that list pages; each answers the editor, with their own pages only."""
    api = "/admin/api/main/pages/"
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[w.index.pk]),  # redirects to the editor's own folder
        reverse("wagtailadmin_explore", args=[w.alfa_folder.pk]),
        reverse("wagtailadmin_explore_results", args=[w.alfa_folder.pk]),
        reverse("wagtailadmin_explore", args=[w.alfa_folder.pk]) + "?q=conceptcursus&search_all=1",
        reverse("wagtailadmin_explore_results", args=[w.alfa_folder.pk]) + "?q=conceptmodule&search_all=1",
        reverse("wagtailadmin_explore", args=[w.alfa_course.pk]),
        reverse("wagtailadmin_pages:search") + "?q=conceptcursus",
        reverse("wagtailadmin_pages:search_results") + "?q=conceptmodule",
        reverse("wagtailadmin_pages:search") + "?q=Bravo",
        reverse("wagtailadmin_pages:type_use", args=["courses", "coursepage"]),
        reverse("wagtailadmin_pages:type_use", args=["courses", "modulepage"]),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page") + "?page_type=courses.coursepage",
        reverse("wagtailadmin_choose_page") + "?page_type=courses.modulepage",
        reverse("wagtailadmin_choose_page_child", args=[w.index.pk]),
        reverse("wagtailadmin_choose_page_child", args=[w.alfa_folder.pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=conceptcursus",
        reverse("wagtailadmin_choose_page_search") + "?q=conceptmodule",
        reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={w.alfa_course.pk}&id={w.alfa_module.pk}",
        api,
        api + f"?child_of={w.index.pk}",
        api + f"?child_of={w.alfa_folder.pk}",
        api + f"?descendant_of={w.index.pk}",
        api + f"?child_of={w.index.pk}&for_explorer=1",
        api + "?search=conceptcursus",
        api + "?search=Bravo",
        api + f"{w.alfa_course.pk}/",
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:site_history_results"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_results"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:workflow_tasks_results"),
        reverse("wagtailadmin_pages:history", args=[w.alfa_course.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[w.alfa_course.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[w.alfa_course.pk]),
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id=all&childOf={w.alfa_folder.pk}",
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={w.alfa_course.pk}",
    ]


def other_providers_urls(w):
    """Admin URLs that show one of Bravo's pages; Alfa's editor gets 403 or 404."""
    course, module, folder = w.bravo_course.pk, w.bravo_module.pk, w.bravo_folder.pk
    pages = "wagtailadmin_pages"
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    urls = []
    for pk in (folder, course, module):
        urls += [
            reverse("wagtailadmin_explore", args=[pk]),
            reverse("wagtailadmin_explore_results", args=[pk]),
            reverse("wagtailadmin_choose_page_child", args=[pk]),
            reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={pk}",
            f"/admin/api/main/pages/{pk}/",
            f"/admin/api/main/pages/?child_of={pk}",
            f"/admin/api/main/pages/?descendant_of={pk}",
            reverse(f"{pages}:edit", args=[pk]),
            reverse(f"{pages}:history", args=[pk]),
            reverse(f"{pages}:history_results", args=[pk]),
            reverse(f"{pages}:revisions_index", args=[pk]),
            reverse(f"{pages}:workflow_history", args=[pk]),
            reverse(f"{pages}:usage", args=[pk]),
            reverse(f"{pages}:view_draft", args=[pk]),
            reverse(f"{pages}:delete", args=[pk]),
            reverse(f"{pages}:move", args=[pk]),
            reverse(f"{pages}:copy", args=[pk]),
            reverse(f"{pages}:lock", args=[pk]),
            reverse(f"{pages}:unpublish", args=[pk]),
            bulk + f"?id={pk}",
            bulk + f"?id={w.alfa_course.pk}&id={pk}",
        ]
    urls += [
        reverse(f"{pages}:add_subpage", args=[course]),
        reverse(f"{pages}:add", args=["courses", "modulepage", course]),
        reverse(f"{pages}:add", args=["courses", "coursepage", folder]),
        reverse(f"{pages}:revisions_view", args=[course, w.bravo_revision.pk]),
        reverse(f"{pages}:revisions_compare", args=[course, "live", w.bravo_revision.pk]),
        reverse("wagtailadmin_pages:move_confirm", args=[w.alfa_course.pk, folder]),
        bulk + f"?id=all&childOf={w.index.pk}",
        bulk + f"?id=all&childOf={w.index.pk}&q=Bravo",
        bulk + "?id=all",
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_reports:page_types_usage_results"),
    ]
    return urls


def _body(response):
    return response.content.decode(errors="replace") if hasattr(response, "content") else ""


def assert_hides(response, url, titles):
    body = _body(response)
    for title in titles:
        assert title not in body, f"{url} shows {title!r}"


def test_every_listing_shows_an_editor_only_their_own_providers_pages(client, world):
    client.force_login(world.alfa_editor)
    for url in listing_urls(world):
        response = client.get(url)
        assert response.status_code in (200, 302), f"{url}: {response.status_code}"
        assert_hides(response, url, BRAVO)


def test_the_listings_do_show_the_editors_own_pages(client, world):
    client.force_login(world.alfa_editor)
    shown = {
        reverse("wagtailadmin_explore", args=[world.alfa_folder.pk]): ALFA_COURSE,
        reverse("wagtailadmin_explore", args=[world.alfa_course.pk]): ALFA_MODULE,
        reverse("wagtailadmin_pages:search") + "?q=conceptcursus": ALFA_COURSE,
        reverse("wagtailadmin_choose_page_child", args=[world.alfa_course.pk]): ALFA_MODULE,
        reverse("wagtailadmin_choose_page_search") + "?q=conceptmodule": ALFA_MODULE,
        f"/admin/api/main/pages/?child_of={world.alfa_folder.pk}": ALFA_COURSE,
        "/admin/api/main/pages/?search=conceptmodule": ALFA_MODULE,
        reverse("wagtailadmin_reports:site_history"): ALFA_MODULE,
        reverse("wagtailadmin_reports:workflow"): ALFA_COURSE,
        reverse("wagtailadmin_reports:workflow_tasks"): ALFA_COURSE,
    }
    for url, title in shown.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert title in _body(response), f"{url} does not show {title!r}"


def test_another_providers_pages_answer_403_or_404(client, world):
    client.force_login(world.alfa_editor)
    for url in other_providers_urls(world):
        response = client.get(url)
        refused = API_REFUSED if url.startswith("/admin/api/") else REFUSED
        assert response.status_code in refused, f"{url}: {response.status_code}"
        assert_hides(response, url, BRAVO)


def test_it_holds_both_ways(client, world):
    client.force_login(world.bravo_editor)
    for url in [reverse("wagtailadmin_explore", args=[world.bravo_folder.pk]), "/admin/api/main/pages/?search=conceptcursus",
                reverse("wagtailadmin_pages:search") + "?q=concept", reverse("wagtailadmin_reports:site_history"),
                reverse("wagtailadmin_reports:workflow"), reverse("wagtailadmin_choose_page_search") + "?q=concept"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert BRAVO_COURSE in _body(response) or BRAVO_MODULE in _body(response), url
        assert_hides(response, url, ALFA)
    for pk in (world.alfa_course.pk, world.alfa_module.pk):
        assert client.get(reverse("wagtailadmin_pages:history", args=[pk])).status_code in REFUSED
        assert client.get(f"/admin/api/main/pages/{pk}/").status_code in REFUSED


def test_the_redactie_sees_both_providers(client, world):
    client.force_login(world.redactie)
    for url in [
        reverse("wagtailadmin_explore_results", args=[world.index.pk]) + "?q=concept&search_all=1",
        reverse("wagtailadmin_pages:search") + "?q=concept",
        "/admin/api/main/pages/?search=conceptcursus",
        reverse("wagtailadmin_choose_page_search") + "?q=concept",
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:site_history"),
    ]:
        body = _body(client.get(url))
        assert ALFA_COURSE in body or ALFA_MODULE in body, url
        assert BRAVO_COURSE in body or BRAVO_MODULE in body, url
    for pk in (world.bravo_course.pk, world.bravo_module.pk, world.alfa_course.pk):
        assert client.get(reverse("wagtailadmin_pages:history", args=[pk])).status_code == 200
        assert client.get(f"/admin/api/main/pages/{pk}/").status_code == 200
    assert BRAVO_MODULE in _body(client.get(reverse("wagtailadmin_reports:locked_pages")))
    assert client.get(reverse("wagtailadmin_reports:page_types_usage")).status_code == 200


def test_the_chooser_does_not_open_at_another_providers_course(client, world):
    # With modules of one other provider only, Wagtail's chooser would open at that provider's course.
    ModulePage.objects.filter(pk=world.alfa_module.pk).delete()
    Page.objects.filter(pk=world.alfa_course.pk).update(numchild=0)
    client.force_login(world.alfa_editor)
    response = client.get(reverse("wagtailadmin_choose_page") + "?page_type=courses.modulepage")
    assert response.status_code in REFUSED
    assert_hides(response, "chooser", BRAVO)


def test_an_editor_of_two_providers_sees_neither_third_providers_pages(client, world):
    charlie = ProviderFactory(name="Vereniging Charlie")
    both = make_editor(world.alfa)
    both.groups.add(charlie.editors_group)
    client.force_login(both)
    # Their explorable root is now the course index; the index lists their two folders only.
    response = client.get(reverse("wagtailadmin_explore", args=[world.index.pk]))
    assert response.status_code == 200
    assert "Vereniging Charlie" in _body(response) and "Vereniging Alfa" in _body(response)
    assert "Vereniging Bravo" not in _body(response)
    for url in [reverse("wagtailadmin_explore", args=[world.bravo_course.pk]),
                reverse("wagtailadmin_explore", args=[world.bravo_folder.pk]),
                reverse("wagtailadmin_choose_page_child", args=[world.bravo_course.pk])]:
        response = client.get(url)
        assert response.status_code in REFUSED, url
        assert_hides(response, url, BRAVO)
    for url in listing_urls(world):
        assert_hides(client.get(url), url, BRAVO)


def test_members_and_griffie_have_no_admin_at_all(client, world):
    for user in (UserFactory(), None):
        client.logout()
        if user is not None:
            add_totp(user)
            client.force_login(user)
        for url in [reverse("wagtailadmin_explore", args=[world.bravo_course.pk]), "/admin/api/main/pages/",
                    reverse("wagtailadmin_choose_page_search") + "?q=concept"]:
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert_hides(response, url, BRAVO)
