"""The demo catalogue is data (courses/demo_data/*.json) that the course importer reads:
every file imports cleanly, and the demo loader takes the courses through the review."""

import json

import pytest

from courses import demo
from courses.choices import ReviewStatus
from courses.importer import import_courses
from courses.models import CoursePage, ModulePage, Provider, Session
from glashelder.demo import load_accounts

pytestmark = pytest.mark.django_db

FILES = demo.data_files()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_there_are_demo_files():
    assert len(FILES) >= 4


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_each_demo_file_imports_cleanly(path, workflow):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["provider"]["slug"] == path.stem
    provider = Provider.objects.create(**data["provider"])
    created = import_courses(provider=provider, path=path)
    assert [course.slug for course in created] == [row["slug"] for row in data["courses"]]
    for course, row in zip(created, data["courses"], strict=True):
        course = CoursePage.objects.get(pk=course.pk)
        assert course.review_status == ReviewStatus.IN_REVIEW and not course.live
        modules = ModulePage.objects.child_of(course)
        assert [m.title for m in modules.order_by("path")] == [m["title"] for m in row["modules"]]
        assert all(m.workflow_in_progress and not m.live for m in modules)
        assert Session.objects.filter(course=course).count() == len(row.get("sessions", []))
    assert set(data.get("in_review", [])) <= {row["slug"] for row in data["courses"]}


def test_the_demo_loader_approves_the_courses_and_runs_twice_without_duplicates():
    slugs, waiting = set(), set()
    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        slugs |= {row["slug"] for row in data["courses"]}
        waiting |= set(data.get("in_review", []))
    assert waiting and waiting < slugs
    users = load_accounts()
    demo.load(users)
    assert set(CoursePage.objects.values_list("slug", flat=True)) == slugs
    assert set(CoursePage.objects.public_approved().values_list("slug", flat=True)) == slugs - waiting
    for course in CoursePage.objects.all():
        modules = ModulePage.objects.child_of(course)
        assert modules.exists()
        assert not modules.filter(live=course.slug in waiting).exists()  # approved courses: every module live
    editor_course = CoursePage.objects.get(slug="amendement-en-motie-schrijven")
    assert editor_course.owner == users["aanbieder"]
    assert users["aanbieder"].groups.filter(pk=editor_course.provider.editors_group_id).exists()
    counts = (Provider.objects.count(), CoursePage.objects.count(), ModulePage.objects.count(), Session.objects.count())
    demo.load(users)
    assert (Provider.objects.count(), CoursePage.objects.count(), ModulePage.objects.count(), Session.objects.count()) == counts
