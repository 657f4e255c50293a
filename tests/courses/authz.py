"""Authorisation matrix entries of the catalogue (format: tests/authz_world.py).

Covers every URL of courses/urls.py and the page routes the app serves through
Wagtail (catalogue, course, module; paid modules and documents for members only),
plus, as labels, the Wagtail admin's page listings, choosers, API, search, reports
and page histories for two providers: each provider editor sees their own drafts
and nothing of the other's (tests/courses/test_provider_isolation.py tries every
admin URL in more variants).
"""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from courses import services
from courses.choices import CourseFormat
from courses.models import CourseIndexPage, CoursePage, ModulePage
from enrolment.models import Enrolment, EnrolmentStatus
from tests.authz_world import Hides
from tests.factories import make_course, make_module, make_session

EVERYONE_200 = {
    "anonymous": 200, "participant": 200, "other_participant": 200, "griffie": 200, "griffie_other": 200,
    "provider": 200, "other_provider": 200, "redactie": 200, "beheer": 200,
}
EVERYONE_404 = {role: 404 for role in EVERYONE_200}
NOT_ALLOWED = (302, 403)


# Draft titles of each provider; the other provider's editor must never see them.
OWN_DRAFTS = ("Cursus in concept", "Conceptmodule")
OTHER_DRAFTS = ("Geheime cursus van een ander", "Geheime module van een ander")


def _draft_module(course, title, user):
    module = ModulePage(title=title, intro="Inleiding", estimated_minutes=10, lessons=[], live=False, owner=user)
    Page.objects.get(pk=course.pk).add_child(instance=module)
    module.save_revision(user=user, log_action=True)
    return module


def _module_with_document(course, title, document):
    content = [{"type": "document", "value": {"document": document.pk, "description": "Werkblad"}}]
    module = ModulePage(title=title, intro="", estimated_minutes=10, live=False,
                        lessons=[{"type": "lesson", "value": {"title": "Les", "content": content}}])
    Page.objects.get(pk=course.pk).add_child(instance=module)
    module.save_revision().publish()
    return module


def setup(world):
    services.review_workflow_ensure()
    world.index = CourseIndexPage.objects.get()
    world.draft_course = make_course(provider=world.provider, title="Cursus in concept", publish=False, approved=False)
    world.draft_module = _draft_module(world.draft_course, "Conceptmodule", world.provider_editor)
    world.other_draft_course = make_course(
        provider=world.other_provider, title="Geheime cursus van een ander", publish=False, approved=False
    )
    world.other_draft_module = _draft_module(world.other_draft_course, "Geheime module van een ander", world.other_provider_editor)
    services.page_submit_for_review(page=world.draft_course, user=world.provider_editor)
    services.page_submit_for_review(page=world.other_draft_course, user=world.other_provider_editor)
    world.unreviewed_course = make_course(provider=world.provider, title="Ongetoetste cursus", publish=True, approved=False)
    world.live_course = make_course(provider=world.provider, title="Cursus met bijeenkomst", format=CourseFormat.LIVE)
    make_session(world.live_course)
    # Paid content: world.course costs € 95; the participant has an active enrolment in it.
    world.preview_module = make_module(world.course, title="Proefmodule")
    CoursePage.objects.filter(pk=world.course.pk).update(preview_module=world.preview_module)
    world.free_module = make_module(world.free_course, title="Gratis module")
    Enrolment.objects.create(person=world.participant, office=world.office, course=world.course, status=EnrolmentStatus.ACTIVE)
    world.provider.refresh_from_db()
    world.document = get_document_model()(title="Werkblad voor deelnemers", collection=world.provider.collection)
    world.document.file.save("werkblad.txt", ContentFile(b"Werkblad."), save=False)
    world.document.save()
    _module_with_document(world.course, "Module met werkblad", world.document)


MEMBERS_ONLY = {
    "anonymous": 302, "participant": 200, "other_participant": 404, "griffie": 404, "griffie_other": 404,
    "provider": 200, "other_provider": 404, "redactie": 200, "beheer": 200,
}


def _admin_listing(provider=200, other_provider=200, **overrides):
    """An admin page that lists pages: each provider editor sees only their own provider's drafts."""
    expected = {
        "anonymous": 302, "participant": NOT_ALLOWED, "other_participant": NOT_ALLOWED, "griffie": NOT_ALLOWED,
        "griffie_other": NOT_ALLOWED, "provider": Hides(provider, *OTHER_DRAFTS),
        "other_provider": Hides(other_provider, *OWN_DRAFTS), "redactie": 200, "beheer": 200,
    }
    expected.update(overrides)
    return expected


def _admin_own_draft(own=200, **overrides):
    """An admin page that shows one of world.provider's drafts: the other provider's editor gets 404."""
    expected = {
        "anonymous": 302, "participant": NOT_ALLOWED, "other_participant": NOT_ALLOWED, "griffie": NOT_ALLOWED,
        "griffie_other": NOT_ALLOWED, "provider": own, "other_provider": Hides(404, *OWN_DRAFTS), "redactie": own,
        "beheer": own,
    }
    expected.update(overrides)
    return expected


def _admin_edit(own_provider_ok=True):
    return {
        "anonymous": 302, "participant": NOT_ALLOWED, "other_participant": NOT_ALLOWED, "griffie": NOT_ALLOWED,
        "griffie_other": NOT_ALLOWED, "provider": 200 if own_provider_ok else 404, "other_provider": 404,
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
    # Paid online content: the preview module is public, the rest (documents included) is for members.
    ("wagtail_serve: module page of a paid course", lambda w: w.module.url, "get", MEMBERS_ONLY),
    ("wagtail_serve: preview module of a paid course", lambda w: w.preview_module.url, "get", EVERYONE_200),
    ("wagtail_serve: module page of a free course", lambda w: w.free_module.url, "get", EVERYONE_200),
    ("wagtaildocs_serve: document of a paid course", lambda w: w.document.url, "get", MEMBERS_ONLY),
    # Drafts and versions that did not pass the review are never public, not even to their own editors.
    ("wagtail_serve: draft course", lambda w: f"/cursussen/{w.draft_course.slug}/", "get", EVERYONE_404),
    ("wagtail_serve: draft module", lambda w: f"/cursussen/{w.draft_course.slug}/{w.draft_module.slug}/", "get", EVERYONE_404),
    ("wagtail_serve: unreviewed course", lambda w: w.unreviewed_course.url, "get", EVERYONE_404),
    ("wagtailadmin_pages:edit (own provider's course)", lambda w: f"/admin/pages/{w.course.pk}/edit/", "get", _admin_edit()),
    # The Wagtail admin for two providers: listings, choosers, API, search and reports.
    # (Wagtail sends every user from the root to their own explorable root: the course index, or a provider's folder.)
    ("wagtailadmin_explore (root)", lambda w: "/admin/pages/", "get",
     _admin_listing(provider=302, other_provider=302, redactie=302)),
    ("wagtailadmin_explore (course index)", lambda w: f"/admin/pages/{w.index.pk}/", "get",
     _admin_listing(provider=302, other_provider=302)),
    ("wagtailadmin_explore (own folder)", lambda w: f"/admin/pages/{w.draft_course.get_parent().pk}/", "get",
     _admin_listing(other_provider=404)),
    ("wagtailadmin_pages:search", lambda w: "/admin/pages/search/?q=cursus", "get", _admin_listing()),
    ("wagtailadmin_pages:search_results", lambda w: "/admin/pages/search/results/?q=module", "get", _admin_listing()),
    ("wagtailadmin_choose_page", lambda w: "/admin/choose-page/", "get", _admin_listing()),
    ("wagtailadmin_choose_page_child (course index)", lambda w: f"/admin/choose-page/{w.index.pk}/", "get", _admin_listing()),
    ("wagtailadmin_choose_page_search", lambda w: "/admin/choose-page/search/?q=cursus", "get", _admin_listing()),
    ("wagtailadmin_api:pages:listing", lambda w: "/admin/api/main/pages/", "get", _admin_listing()),
    ("wagtailadmin_api:pages:listing (search)", lambda w: "/admin/api/main/pages/?search=cursus", "get", _admin_listing()),
    ("wagtailadmin_reports:site_history", lambda w: "/admin/reports/site-history/", "get", _admin_listing()),
    ("wagtailadmin_reports:workflow", lambda w: "/admin/reports/workflow/", "get", _admin_listing()),
    ("wagtailadmin_reports:workflow_tasks", lambda w: "/admin/reports/workflow_tasks/", "get", _admin_listing()),
    # (Provider editors never lock pages: Wagtail turns them away from this report.)
    ("wagtailadmin_reports:locked_pages", lambda w: "/admin/reports/locked/", "get",
     _admin_listing(provider=302, other_provider=302)),
    ("wagtailadmin_reports:aging_pages", lambda w: "/admin/reports/aging-pages/", "get", _admin_listing()),
    ("wagtailadmin_reports:page_types_usage", lambda w: "/admin/reports/page-types-usage/", "get",
     _admin_listing(provider=404, other_provider=404)),
    # One of world.provider's drafts, by id.
    ("wagtailadmin_explore (draft course)", lambda w: f"/admin/pages/{w.draft_course.pk}/", "get", _admin_own_draft()),
    ("wagtailadmin_pages:history (draft course)", lambda w: f"/admin/pages/{w.draft_course.pk}/history/", "get", _admin_own_draft()),
    ("wagtailadmin_pages:history (draft module)", lambda w: f"/admin/pages/{w.draft_module.pk}/history/", "get", _admin_own_draft()),
    ("wagtailadmin_pages:revisions_index", lambda w: f"/admin/pages/{w.draft_course.pk}/revisions/", "get",
     _admin_own_draft(own=302)),  # Wagtail shows the revisions in the history
    ("wagtailadmin_pages:workflow_history", lambda w: f"/admin/pages/{w.draft_course.pk}/workflow_history/", "get",
     _admin_own_draft()),
    ("wagtailadmin_choose_page_child (draft course)", lambda w: f"/admin/choose-page/{w.draft_course.pk}/", "get",
     _admin_own_draft()),
    ("wagtailadmin_choose_page_chosen_multiple", lambda w: f"/admin/choose-page/chosen-multiple/?id={w.draft_module.pk}", "get",
     _admin_own_draft()),
    ("wagtailadmin_api:pages:detail (draft module)", lambda w: f"/admin/api/main/pages/{w.draft_module.pk}/", "get",
     _admin_own_draft()),
    (
        "wagtailadmin_pages:edit (other provider's course)",
        lambda w: f"/admin/pages/{w.other_course.pk}/edit/",
        "get",
        dict(_admin_edit(own_provider_ok=False), other_provider=200),
    ),
]
