"""Provider editors work only on their own provider's courses and never publish;
the redactie reviews; everyone goes through the onpartijdigheidstoets. Tested
per admin view."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import querydict_from_html

from courses.choices import ReviewStatus
from courses.models import CourseIndexPage, CoursePage, Instrument, Provider
from tests.factories import UserFactory, make_course, make_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_course(provider, workflow):
    return make_course(provider=provider, title="Eigen cursus")


@pytest.fixture
def other_course(other_provider, workflow):
    return make_course(provider=other_provider, title="Cursus van een ander")


def test_new_provider_gets_its_own_editors_group(workflow):
    provider = Provider.objects.create(name="Nieuwe Vereniging")
    assert provider.editors_group is not None
    group = Group.objects.get(pk=provider.editors_group_id)
    assert group.permissions.filter(codename="access_admin").exists()
    index = CourseIndexPage.objects.get()
    codenames = set(GroupPagePermission.objects.filter(group=group, page=index).values_list("permission__codename", flat=True))
    assert codenames == {"add_page", "change_page"}  # never publish
    provider.save()  # idempotent
    assert Group.objects.filter(name__startswith="Aanbieder: Nieuwe").count() == 1


def test_permission_tester_per_role(own_course, other_course, editor, redactie):
    mine = own_course.permissions_for_user(editor)
    assert mine.can_edit() and not mine.can_publish()
    theirs = other_course.permissions_for_user(editor)
    assert not theirs.can_edit() and not theirs.can_delete() and not theirs.can_add_subpage()
    assert not theirs.can_submit_for_moderation()
    reviewer = other_course.permissions_for_user(redactie)
    assert reviewer.can_edit()
    participant = UserFactory()
    assert not own_course.permissions_for_user(participant).can_edit()


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


def test_explorer_lists_only_own_courses(client, own_course, other_course, editor, redactie):
    index = CourseIndexPage.objects.get()
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert "Eigen cursus" in html and "Cursus van een ander" not in html
    client.force_login(redactie)
    html = client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert "Eigen cursus" in html and "Cursus van een ander" in html


def _add_form(client, index):
    url = reverse("wagtailadmin_pages:add", args=["courses", "coursepage", index.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, response


def _fill_course(data, provider, title):
    data["title"] = title
    data["slug"] = title.lower().replace(" ", "-")
    data["provider"] = str(provider.pk)
    data["summary"] = "Samenvatting"
    data["audience_roles"] = "raadslid"
    data["study_load_hours"] = "2"
    data["price"] = "0"
    data["learning_outcomes"] = "U kunt iets."
    data["instruments"] = str(Instrument.objects.get(slug="motie").pk)
    return data


def test_provider_field_offers_only_own_provider(client, editor, provider, other_provider, workflow):
    client.force_login(editor)
    url, response = _add_form(client, CourseIndexPage.objects.get())
    field = response.context["form"].fields["provider"]
    assert list(field.queryset) == [provider]
    data = _fill_course(querydict_from_html(response.content.decode(), form_id="page-edit-form"), other_provider, "Via een ander")
    data["action-submit"] = "1"
    client.post(url, data)
    assert not CoursePage.objects.filter(slug="via-een-ander").exists()


def test_editor_cannot_publish_only_submit(client, editor, provider, workflow):
    client.force_login(editor)
    index = CourseIndexPage.objects.get()
    url, response = _add_form(client, index)
    data = _fill_course(querydict_from_html(response.content.decode(), form_id="page-edit-form"), provider, "Poging tot publiceren")
    data["action-publish"] = "1"
    client.post(url, data)
    course = CoursePage.objects.get(slug="poging-tot-publiceren")
    assert not course.live

    url, response = _add_form(client, index)
    data = _fill_course(querydict_from_html(response.content.decode(), form_id="page-edit-form"), provider, "Netjes ingediend")
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


def test_reserved_slug_is_refused(client, editor, provider, workflow):
    client.force_login(editor)
    url, response = _add_form(client, CourseIndexPage.objects.get())
    data = _fill_course(querydict_from_html(response.content.decode(), form_id="page-edit-form"), provider, "x")
    data["slug"] = "instrumenten"
    data["action-submit"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert not CoursePage.objects.filter(slug="instrumenten").exists()


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
