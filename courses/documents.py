"""Who may download a Wagtail document (`/documents/<id>/<filename>`, served through
Django: WAGTAILDOCS_SERVE_METHOD = "serve_view"; the `before_serve_document` hook in
courses.wagtail_hooks asks `document_open_to`).

A document belongs to the pages that use it (Wagtail's reference index records every
document chooser block and document link). It is open to everyone when one of those
pages is public and readable by everyone: the page of an approved course, a module of a
free course, the preview module of a paid course, or any other live page. A document
used only in the members' part of a paid course is open to the course's members (an
active or completed enrolment, asked through the `glashelder_course_member` hook) and,
as every document of the provider, to the provider's editors, the redactie and beheer.
A document that no page uses yet is open to everyone only when it is not in a
provider's collection (for example a document the platform published elsewhere).
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from glashelder.kernel import roles

from .models import CoursePage, ModulePage, Provider


def _referencing_page_ids(document):
    page_type = ContentType.objects.get_for_model(Page)
    ids = ReferenceIndex.get_references_to(document).filter(base_content_type=page_type).values_list("object_id", flat=True)
    return {int(pk) for pk in ids if str(pk).isdigit()}


def document_open_to(document, user):
    """May `user` download `document`? See the module's docstring for the rule."""
    authenticated = user is not None and user.is_authenticated and user.is_active
    if authenticated and (user.is_superuser or roles.is_redactie(user)):
        return True
    edits = set(Provider.objects.edited_by(user).values_list("pk", flat=True)) if authenticated else set()
    owner_id = Provider.objects.filter(collection_id=document.collection_id).values_list("pk", flat=True).first()
    if owner_id is not None and owner_id in edits:
        return True

    page_ids = _referencing_page_ids(document)
    modules = list(ModulePage.objects.filter(pk__in=page_ids).only("id", "path", "live"))
    course_paths = {module.path[: -ModulePage.steplen] for module in modules}
    courses = list(CoursePage.objects.filter(pk__in=page_ids) | CoursePage.objects.filter(path__in=course_paths))
    by_path = {course.path: course for course in courses}
    if any(course.provider_id in edits for course in courses):
        return True

    course_pages = [course for course in courses if course.pk in page_ids]
    other_pages = page_ids - {module.pk for module in modules} - {course.pk for course in course_pages}
    if other_pages and Page.objects.filter(pk__in=other_pages).live().exists():
        return True  # used on another published page of the site, which is public
    if not modules and not course_pages:
        return owner_id is None

    if any(course.is_approved_live for course in course_pages):
        return True  # linked from a public course page itself
    for module in modules:
        course = by_path.get(module.path[: -ModulePage.steplen])
        if course is not None and module.live and course.is_approved_live and course.module_open_to(module, user):
            return True
    return False
