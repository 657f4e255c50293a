"""Demo catalogue for `make run`: providers and their courses, read from the data
files in `courses/demo_data/` and imported through the course importer, then
taken through the real onpartijdigheidstoets.

One file per provider (`<provider slug>.json`): `provider` (the Provider's
fields), `courses` (rows in the importer's format, see README "Importing
courses", with sessions, modules and lessons; documents next to the file) and
`in_review` (slugs of courses the demo leaves waiting for the redactie). Each
file can also be imported on its own with `manage.py import_courses`.

Idempotent: existing providers and courses (by slug) are left alone.
"""

import json
from pathlib import Path

from . import services
from .importer import import_rows, read_rows
from .models import CoursePage, ModulePage, Provider

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
# The demo provider editor (aanbieder@example.org) edits this provider's courses.
EDITOR_PROVIDER = "vereniging-raadswerk-demo"
APPROVAL_COMMENT = "Getoetst: de inhoud is feitelijk, functiegericht en niet-partijpolitiek."


def data_files():
    return sorted(DATA_DIR.glob("*.json"))


def _provider(fields):
    provider = Provider.objects.filter(slug=fields["slug"]).first()
    if provider is None:
        provider = Provider.objects.create(**fields)
    return provider


def _approve(course, redactie):
    """The redactie approves the course and then each of its modules, as in the admin."""
    services.page_review_decide(page=course, user=redactie, approve=True, comment=APPROVAL_COMMENT)
    for module in ModulePage.objects.child_of(course).order_by("path"):
        services.page_review_decide(page=module, user=redactie, approve=True)


def load_file(path, *, editor, redactie):
    """Import the courses of one data file that do not exist yet; approve all but those `in_review`."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    provider = _provider(data["provider"])
    if provider.slug == EDITOR_PROVIDER:
        editor.groups.add(provider.editors_group)
    author = editor if provider.slug == EDITOR_PROVIDER else redactie
    existing = set(CoursePage.objects.values_list("slug", flat=True))
    rows = [row for row in read_rows(path) if row.get("slug") not in existing]
    if not rows:
        return provider, []
    created = import_rows(provider=provider, rows=rows, base_dir=Path(path).parent, user=author)
    waiting = set(data.get("in_review", ()))
    for course in created:
        if course.slug not in waiting:
            _approve(course, redactie)
    return provider, created


def load(users):
    services.seed_instruments()
    services.review_workflow_ensure()
    providers = {}
    for path in data_files():
        provider, _created = load_file(path, editor=users["aanbieder"], redactie=users["redactie"])
        providers[provider.slug] = provider
    return providers
