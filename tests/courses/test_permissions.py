"""Provider editors work only on their own provider's courses, in their provider's
folder, and never publish; the redactie reviews; everyone goes through the
onpartijdigheidstoets. Tested per admin view. (What editors *see* of other providers
in every admin listing, chooser, API, search and report: test_provider_isolation.py.)"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page
from wagtail.test.utils.form_data import querydict_from_html

from courses import services
from courses.choices import ReviewStatus
from courses.models import CourseIndexPage, CoursePage, Instrument, ModulePage, Provider, ProviderFolderPage
from tests.factories import UserFactory, make_course, make_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_course(provider, workflow):
    return make_course(provider=provider, title="Eigen cursus")


@pytest.fixture
def other_course(other_provider, workflow):
    return make_course(provider=other_provider, title="Cursus van een ander")


def _page_codenames(group, page):
    return set(GroupPagePermission.objects.filter(group=group, page=page).values_list("permission__codename", flat=True))


def test_new_provider_gets_its_own_editors_group_folder_and_collection(workflow):
    provider = Provider.objects.create(name="Nieuwe Vereniging")
    assert provider.editors_group is not None
    group = Group.objects.get(pk=provider.editors_group_id)
    assert group.permissions.filter(codename="access_admin").exists()
    index = CourseIndexPage.objects.get()
    folder = ProviderFolderPage.objects.get(provider=provider)
    assert folder.get_parent().pk == index.pk and folder.title == "Nieuwe Vereniging"
    # Wagtail's own page permissions, on the provider's own subtree only; never publish.
    assert _page_codenames(group, folder) == {"add_page", "change_page"}
    assert GroupPagePermission.objects.filter(group=group).exclude(page=folder).count() == 0
    # Documents and images: the provider's own collection only.
    provider.refresh_from_db()
    assert provider.collection.get_parent() == Collection.get_first_root_node()
    collections = set(GroupCollectionPermission.objects.filter(group=group).values_list("collection_id", flat=True))
    assert collections == {provider.collection_id}
    provider.save()  # idempotent
    assert Group.objects.filter(name__startswith="Aanbieder: Nieuwe").count() == 1
    assert ProviderFolderPage.objects.filter(provider=provider).count() == 1
    assert _page_codenames(group, folder) == {"add_page", "change_page"}
    # A renamed provider renames its folder and collection.
    provider.name = "Vernieuwde Vereniging"
    provider.save()
    folder.refresh_from_db()
    provider.refresh_from_db()
    assert folder.title == "Vernieuwde Vereniging" and provider.collection.name == "Aanbieder: Vernieuwde Vereniging"


def test_a_provider_without_courses_can_be_deleted_and_its_folder_goes_too(workflow, other_course, other_provider):
    provider = Provider.objects.create(name="Kortstondige Vereniging")
    folder_id = ProviderFolderPage.objects.get(provider=provider).pk
    provider.delete()
    assert not Page.objects.filter(pk=folder_id).exists()
    assert all(not problems for problems in Page.find_problems())
    # A provider with courses is protected by them; its folder stays.
    with pytest.raises(ProtectedError):
        other_provider.delete()
    assert ProviderFolderPage.objects.filter(provider=other_provider).exists()


def test_old_grants_on_the_index_are_taken_away(provider, workflow):
    index = CourseIndexPage.objects.get()
    change = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    GroupPagePermission.objects.create(group=provider.editors_group, page=index, permission=change)
    services.providers_ensure()
    assert not GroupPagePermission.objects.filter(group=provider.editors_group, page=index).exists()


def test_permission_tester_per_role(own_course, other_course, editor, redactie):
    mine = own_course.permissions_for_user(editor)
    assert mine.can_edit() and not mine.can_publish()
    theirs = other_course.permissions_for_user(editor)
    assert not theirs.can_edit() and not theirs.can_delete() and not theirs.can_add_subpage()
    reviewer = other_course.permissions_for_user(redactie)
    assert reviewer.can_edit()
    participant = UserFactory()
    assert not own_course.permissions_for_user(participant).can_edit()
    with pytest.raises(services.ReviewError):
        services.page_submit_for_review(page=other_course, user=editor)


def test_nobody_but_beheer_edits_moves_or_deletes_a_provider_folder(provider, editor, redactie, client):
    folder = ProviderFolderPage.objects.get(provider=provider)
    for user in (editor, redactie):
        permissions = folder.permissions_for_user(user)
        assert permissions.can_add_subpage()
        assert not (permissions.can_edit() or permissions.can_delete() or permissions.can_move() or permissions.can_lock())
        client.force_login(user)
        for name in ("edit", "delete", "move"):
            response = client.get(reverse(f"wagtailadmin_pages:{name}", args=[folder.pk]))
            assert response.status_code in (302, 403), (name, response.status_code)
    assert ProviderFolderPage.objects.filter(pk=folder.pk).exists()


def test_editor_edits_own_course_but_not_another_providers(client, own_course, other_course, editor):
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own_course.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[other_course.pk]))
    assert response.status_code in (302, 403, 404)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[other_course.pk]), {"title": "Gekaapt"})
    assert response.status_code in (302, 403, 404)
    assert CoursePage.objects.get(pk=other_course.pk).get_latest_revision_as_object().title == "Cursus van een ander"
    module = make_module(other_course)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).status_code in (302, 403, 404)
    assert client.get(reverse("wagtailadmin_pages:add_subpage", args=[other_course.pk])).status_code in (302, 403, 404)
    assert client.get(reverse("wagtailadmin_pages:delete", args=[other_course.pk])).status_code in (302, 403, 404)


def test_explorer_lists_only_own_courses(client, own_course, other_course, editor, redactie, provider, other_provider):
    index = CourseIndexPage.objects.get()
    folder = ProviderFolderPage.objects.get(provider=provider)
    client.force_login(editor)
    # The editor's explorer starts at their own folder.
    assert client.get(reverse("wagtailadmin_explore", args=[index.pk])).url == reverse("wagtailadmin_explore", args=[folder.pk])
    html = client.get(reverse("wagtailadmin_explore", args=[folder.pk])).content.decode()
    assert "Eigen cursus" in html and "Cursus van een ander" not in html
    client.force_login(redactie)
    html = client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert provider.name in html and other_provider.name in html
    html = client.get(reverse("wagtailadmin_explore", args=[other_course.get_parent().pk])).content.decode()
    assert "Cursus van een ander" in html


def _folder(provider):
    return ProviderFolderPage.objects.get(provider=provider)


def _add_form(client, parent):
    url = reverse("wagtailadmin_pages:add", args=["courses", "coursepage", parent.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, response


def _fill_course(data, title):
    data["title"] = title
    data["slug"] = title.lower().replace(" ", "-")
    data["summary"] = "Samenvatting"
    data["audience_roles"] = "raadslid"
    data["study_load_hours"] = "2"
    data["price"] = "0"
    data["learning_outcomes"] = "U kunt iets."
    data["instruments"] = str(Instrument.objects.get(slug="motie").pk)
    return data


def test_a_course_belongs_to_the_provider_of_its_folder(client, editor, redactie, provider, other_provider, workflow):
    client.force_login(editor)
    url, response = _add_form(client, _folder(provider))
    assert "provider" not in response.context["form"].fields  # the folder decides
    data = _fill_course(querydict_from_html(response.content.decode(), form_id="page-edit-form"), "In eigen map")
    data["provider"] = str(other_provider.pk)  # ignored
    data["action-submit"] = "1"
    client.post(url, data)
    course = CoursePage.objects.get(slug="in-eigen-map")
    assert course.provider == provider and course.get_parent().pk == _folder(provider).pk
    # Another provider's folder is closed to this editor.
    url = reverse("wagtailadmin_pages:add", args=["courses", "coursepage", _folder(other_provider).pk])
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, data).status_code in (403, 404)
    # The redactie may add a course in any folder; it is that provider's.
    client.force_login(redactie)
    url, response = _add_form(client, _folder(other_provider))
    data = _fill_course(querydict_from_html(response.content.decode(), form_id="page-edit-form"), "Door de redactie")
    data["action-submit"] = "1"
    client.post(url, data)
    assert CoursePage.objects.get(slug="door-de-redactie").provider == other_provider


def test_public_urls_leave_the_folder_out(client, own_course, provider, workflow):
    module = make_module(own_course, title="Eerste module")
    assert own_course.url == f"/cursussen/{own_course.slug}/"
    assert ModulePage.objects.get(pk=module.pk).url == f"/cursussen/{own_course.slug}/{module.slug}/"
    assert client.get(own_course.url).status_code == 200
    assert client.get(module.url).status_code == 200
    folder = _folder(provider)
    # The folder has no page of its own; the path with the folder in it is not a second address.
    assert folder.url == "/cursussen/"
    assert client.get(f"/cursussen/{folder.slug}/").status_code == 404
    assert client.get(f"/cursussen/{folder.slug}/{own_course.slug}/").status_code == 404


def test_moving_a_course_to_another_folder_changes_its_provider(own_course, other_provider, provider):
    from wagtail.actions.move_page import MovePageAction

    beheer = UserFactory(is_superuser=True, is_staff=True)
    MovePageAction(Page.objects.get(pk=own_course.pk), _folder(other_provider), pos="last-child", user=beheer).execute()
    course = CoursePage.objects.get(pk=own_course.pk)
    assert course.provider == other_provider
    assert course.url == f"/cursussen/{own_course.slug}/"


def test_course_slugs_are_unique_across_providers(own_course, other_provider, workflow):
    twin = make_course(provider=other_provider, title=own_course.title)
    assert twin.slug != own_course.slug  # made unique in the catalogue, not only in the folder
    clash = CoursePage.objects.get(pk=twin.pk)
    clash.slug = own_course.slug
    with pytest.raises(ValidationError):
        clash.save()


def test_editor_cannot_publish_only_submit(client, editor, provider, workflow):
    client.force_login(editor)
    folder = _folder(provider)
    url, response = _add_form(client, folder)
    data = _fill_course(querydict_from_html(response.content.decode(), form_id="page-edit-form"), "Poging tot publiceren")
    data["action-publish"] = "1"
    client.post(url, data)
    course = CoursePage.objects.get(slug="poging-tot-publiceren")
    assert not course.live

    url, response = _add_form(client, folder)
    data = _fill_course(querydict_from_html(response.content.decode(), form_id="page-edit-form"), "Netjes ingediend")
    data["action-submit"] = "1"
    client.post(url, data)
    course = CoursePage.objects.get(slug="netjes-ingediend")
    assert not course.live
    assert course.workflow_in_progress
    assert course.review_status == ReviewStatus.IN_REVIEW


def test_redactie_cannot_bypass_the_review_by_publishing(client, redactie, own_course):
    client.force_login(redactie)
    edit_url = reverse("wagtailadmin_pages:edit", args=[own_course.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data["summary"] = "Rechtstreeks gepubliceerd"
    data["instruments"] = str(Instrument.objects.get(slug="motie").pk)
    data["action-publish"] = "1"
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors
    live = CoursePage.objects.get(pk=own_course.pk)
    assert live.summary != "Rechtstreeks gepubliceerd"
    assert live.get_latest_revision_as_object().summary == "Rechtstreeks gepubliceerd"  # kept as a draft


def test_reserved_or_taken_slug_is_refused(client, editor, provider, other_course, workflow):
    client.force_login(editor)
    url, response = _add_form(client, _folder(provider))
    data = _fill_course(querydict_from_html(response.content.decode(), form_id="page-edit-form"), "x")
    data["slug"] = "instrumenten"
    data["action-submit"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert not CoursePage.objects.filter(slug="instrumenten").exists()
    # A slug of another provider's course is taken: /cursussen/<slug>/ is one address.
    data["slug"] = other_course.slug
    response = client.post(url, data)
    assert response.status_code == 200 and "slug" in response.context["form"].errors
    assert CoursePage.objects.filter(slug=other_course.slug).count() == 1


def test_provider_snippet_scoped_to_own_provider(client, editor, redactie, provider, other_provider):
    client.force_login(editor)
    listing = client.get(reverse("wagtailsnippets_courses_provider:list"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert provider.name in html and other_provider.name not in html
    assert client.get(reverse("wagtailsnippets_courses_provider:edit", args=[provider.pk])).status_code == 200
    assert client.get(reverse("wagtailsnippets_courses_provider:edit", args=[other_provider.pk])).status_code == 404
    # Provider editors do not manage the instrument taxonomy; the redactie does.
    assert client.get(reverse("wagtailsnippets_courses_instrument:list")).status_code in (302, 403)
    client.force_login(redactie)
    assert client.get(reverse("wagtailsnippets_courses_instrument:list")).status_code == 200
    html = client.get(reverse("wagtailsnippets_courses_provider:list")).content.decode()
    assert provider.name in html and other_provider.name in html


def test_participant_has_no_admin(client, own_course):
    client.force_login(UserFactory())
    response = client.get(reverse("wagtailadmin_pages:edit", args=[own_course.pk]))
    assert response.status_code in (302, 403)
    assert Page.objects.get(pk=own_course.pk).title == "Eigen cursus"
