"""Authorisation matrix entries of the catalogue (format: tests/authz_world.py).

Covers every URL of courses/urls.py and the page routes the app serves through
Wagtail (catalogue, course, module), plus the admin edit view of a course as a
label: provider editors only edit their own provider's courses.
"""

from courses.choices import CourseFormat
from tests.factories import make_course, make_module, make_session

EVERYONE_200 = {
    "anonymous": 200, "participant": 200, "other_participant": 200, "griffie": 200, "griffie_other": 200,
    "provider": 200, "other_provider": 200, "redactie": 200, "beheer": 200,
}
EVERYONE_404 = {role: 404 for role in EVERYONE_200}
NOT_ALLOWED = (302, 403)


def setup(world):
    world.draft_course = make_course(provider=world.provider, title="Cursus in concept", publish=False, approved=False)
    world.draft_module = make_module(world.draft_course, title="Conceptmodule")
    world.unreviewed_course = make_course(provider=world.provider, title="Ongetoetste cursus", publish=True, approved=False)
    world.live_course = make_course(provider=world.provider, title="Cursus met bijeenkomst", format=CourseFormat.LIVE)
    make_session(world.live_course)


def _admin_edit(own_provider_ok=True):
    return {
        "anonymous": 302, "participant": NOT_ALLOWED, "other_participant": NOT_ALLOWED, "griffie": NOT_ALLOWED,
        "griffie_other": NOT_ALLOWED, "provider": 200 if own_provider_ok else NOT_ALLOWED, "other_provider": NOT_ALLOWED,
        "redactie": 200, "beheer": 200,
    }


CASES = [
    ("courses:ical_all", lambda w: "/cursussen/agenda.ics", "get", EVERYONE_200),
    ("courses:ical_course", lambda w: f"/cursussen/{w.live_course.slug}/agenda.ics", "get", EVERYONE_200),
    ("courses:ical_course (not public)", lambda w: f"/cursussen/{w.draft_course.slug}/agenda.ics", "get", EVERYONE_404),
    ("courses:ical_all (POST)", lambda w: "/cursussen/agenda.ics", "post", {role: 405 for role in EVERYONE_200}),
    ("courses:instrument_list", lambda w: "/cursussen/instrumenten/", "get", EVERYONE_200),
    ("courses:instrument_detail", lambda w: "/cursussen/instrumenten/budgetrecht/", "get", EVERYONE_200),
    ("courses:instrument_detail (unknown)", lambda w: "/cursussen/instrumenten/bestaat-niet/", "get", EVERYONE_404),
    ("wagtail_serve: catalogue", lambda w: "/cursussen/", "get", EVERYONE_200),
    ("wagtail_serve: catalogue filtered", lambda w: "/cursussen/?rol=raadslid&prijs=betaald&q=begroting", "get", EVERYONE_200),
    ("wagtail_serve: course page", lambda w: w.course.url, "get", EVERYONE_200),
    ("wagtail_serve: module page", lambda w: w.module.url, "get", EVERYONE_200),
    # Drafts and versions that did not pass the review are never public, not even to their own editors.
    ("wagtail_serve: draft course", lambda w: f"/cursussen/{w.draft_course.slug}/", "get", EVERYONE_404),
    ("wagtail_serve: draft module", lambda w: f"/cursussen/{w.draft_course.slug}/{w.draft_module.slug}/", "get", EVERYONE_404),
    ("wagtail_serve: unreviewed course", lambda w: w.unreviewed_course.url, "get", EVERYONE_404),
    ("wagtailadmin_pages:edit (own provider's course)", lambda w: f"/admin/pages/{w.course.pk}/edit/", "get", _admin_edit()),
    (
        "wagtailadmin_pages:edit (other provider's course)",
        lambda w: f"/admin/pages/{w.other_course.pk}/edit/",
        "get",
        dict(_admin_edit(own_provider_ok=False), other_provider=200),
    ),
]
