"""The data migration that moves each provider's existing courses into its own folder
(courses/migrations/0005): run backwards (courses directly below the index, editors'
permissions on the index, as before) and forwards again. The tree stays consistent,
every course and module keeps its public URL, and the permissions follow."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupPagePermission, Page

from courses.models import CourseIndexPage, CoursePage, ModulePage, Provider, ProviderFolderPage
from tests.factories import ProviderFactory, make_course, make_module

# Real transactions: going back to 0004 also unapplies the later schema migrations.
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("courses", "0004_provider_folders")


def migrate(target=None):
    """To `target`, or forwards to the latest migration of every app."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target] if target else executor.loader.graph.leaf_nodes())


def codenames(group, page):
    return set(GroupPagePermission.objects.filter(group=group, page=page).values_list("permission__codename", flat=True))


def assert_tree_is_consistent():
    assert all(not problems for problems in Page.find_problems()), Page.find_problems()


def test_courses_move_into_their_providers_folders_and_keep_their_urls(client, workflow):
    alfa, bravo = ProviderFactory(name="Vereniging Alfa"), ProviderFactory(name="Vereniging Bravo")
    alfa_courses = [make_course(provider=alfa, title=f"Alfa {n}") for n in range(2)]
    bravo_course = make_course(provider=bravo, title="Bravo")
    draft = make_course(provider=bravo, title="Bravo in concept", publish=False, approved=False)
    module = make_module(bravo_course, title="Bravo module")
    root_collection = Collection.get_first_root_node() or Collection.add_root(name="Root")  # gone after a flush
    document = get_document_model()(title="Werkblad", collection=root_collection)
    document.file.save("werkblad.txt", ContentFile(b"Werkblad"), save=False)
    document.save()
    with_document = ModulePage(title="Alfa met werkblad", intro="", estimated_minutes=5, lessons=[
        {"type": "lesson", "value": {"title": "Les", "content": [{"type": "document", "value": {"document": document.pk, "description": ""}}]}}
    ])
    Page.objects.get(pk=alfa_courses[0].pk).add_child(instance=with_document)
    with_document.save_revision().publish()
    urls = {page.pk: page.url for page in [*alfa_courses, bravo_course, ModulePage.objects.get(pk=module.pk)]}
    index = CourseIndexPage.objects.get()

    try:
        migrate(BEFORE)
        # (At 0004 the course table has no preview_module yet: read the pages through Page.)
        for course in Page.objects.type(CoursePage):
            assert course.get_parent().pk == index.pk
            assert course.url_path == f"{index.url_path}{course.slug}/"
        assert not ProviderFolderPage.objects.exists()
        assert codenames(alfa.editors_group, index) == {"add_page", "change_page"}
        assert_tree_is_consistent()
    finally:
        migrate()  # forwards again, through 0005
    assert_tree_is_consistent()
    for provider in (alfa, bravo):
        folder = ProviderFolderPage.objects.get(provider=provider)
        assert folder.get_parent().pk == index.pk
        assert codenames(provider.editors_group, folder) == {"add_page", "change_page"}
        assert codenames(provider.editors_group, index) == set()
        assert set(CoursePage.objects.child_of(folder).values_list("provider_id", flat=True)) == {provider.pk}
    assert CoursePage.objects.child_of(ProviderFolderPage.objects.get(provider=bravo)).count() == 2
    assert CoursePage.objects.get(pk=draft.pk).get_parent().specific.provider == bravo
    assert Page.objects.child_of(index).count() == 2  # only the two folders
    for page in Page.objects.filter(pk__in=urls).specific():
        assert page.url == urls[page.pk]
        assert client.get(urls[page.pk]).status_code == 200
    # The document only Alfa's pages use moved into Alfa's collection.
    document.refresh_from_db()
    assert document.collection_id == Provider.objects.get(pk=alfa.pk).collection_id
