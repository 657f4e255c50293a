"""Business rules of the catalogue: provider editors and their subtrees, the review
workflow, the instrument taxonomy. Views, hooks, commands, the demo and tests call these.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from glashelder.kernel.roles import redactie_group

from .choices import ReviewStatus
from .instruments import INSTRUMENTS
from .models import CourseIndexPage, CoursePage, Instrument, NonPartisanshipTask, Provider, ProviderFolderPage
from .tasks import send_review_outcome

REVIEW_WORKFLOW_NAME = "Onpartijdigheidstoets"
REVIEW_TASK_NAME = "Onpartijdigheidstoets door de redactie"

# Provider editors have these on their own provider's folder only: they create and
# change that provider's courses and modules, never publish (publishing happens only
# when the redactie approves in the workflow), and Wagtail shows them nothing else.
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
# The redactie has these on the whole course index.
REDACTIE_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# The redactie's documents and images: everything below the root collection.
COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
)
# A provider's editors: their own provider's collection only.
EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
)


class ReviewError(Exception):
    """A review transition that is not allowed (message in Dutch)."""


def _perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_course_tree(group, page_codenames):
    group.permissions.add(_perm("wagtailadmin", "access_admin"))
    index = CourseIndexPage.objects.first()
    if index is not None:
        for codename in page_codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=_perm("wagtailcore", codename)
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_perm(app_label, codename)
            )


def _free_child_slug(parent, slug):
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def provider_folder_ensure(*, provider):
    """The provider's folder below the course index, where its courses live; created
    when missing, its title kept equal to the provider's name. None while the site has no
    course index yet. Idempotent; the provider row is locked while the folder is made."""
    folder = ProviderFolderPage.objects.filter(provider=provider).first()
    if folder is None:
        index = CourseIndexPage.objects.first()
        if index is None:
            return None
        with transaction.atomic():
            Provider.objects.select_for_update().filter(pk=provider.pk).first()
            folder = ProviderFolderPage.objects.filter(provider=provider).first()
            if folder is None:
                index = CourseIndexPage.objects.get(pk=index.pk)  # fresh numchild for treebeard
                folder = ProviderFolderPage(
                    title=provider.name, slug=_free_child_slug(index, provider.slug or "aanbieder"),
                    provider=provider, live=True,
                )
                index.add_child(instance=folder)
    if folder.title != provider.name:
        ProviderFolderPage.objects.filter(pk=folder.pk).update(title=provider.name, draft_title=provider.name)
        folder.title = folder.draft_title = provider.name
    return folder


def provider_collection_ensure(*, provider):
    """The provider's own collection of documents and images (below the root collection),
    created when missing and named after the provider. None while there is no root collection."""
    name = f"Aanbieder: {provider.name}"[:255]
    collection = Collection.objects.filter(pk=provider.collection_id).first() if provider.collection_id else None
    if collection is None:
        root = Collection.get_first_root_node()
        if root is None:
            return None
        with transaction.atomic():
            locked = Provider.objects.select_for_update().filter(pk=provider.pk).first()
            collection = Collection.objects.filter(pk=locked.collection_id).first() if locked and locked.collection_id else None
            if collection is None:
                collection = Collection.get_first_root_node().add_child(name=name)
                Provider.objects.filter(pk=provider.pk).update(collection=collection)
        provider.collection = collection
    elif collection.name != name:
        Collection.objects.filter(pk=collection.pk).update(name=name)
        collection.name = name
    return collection


def provider_editors_ensure(*, provider):
    """Give `provider` its own editors group with admin access, *add* and *change*
    (never *publish*) on its own folder of course pages only, add/change/choose in its
    own collection of documents and images only, and snippet access to its own provider
    record. Permissions the group had anywhere else are taken away. Idempotent."""
    group = provider.editors_group
    if group is None:
        name = f"Aanbieder: {provider.name}"[:150]
        group, _created = Group.objects.get_or_create(name=name)
        type(provider).objects.filter(pk=provider.pk).update(editors_group=group)
        provider.editors_group = group
    group.permissions.add(_perm("wagtailadmin", "access_admin"), _perm("courses", "change_provider"))

    folder = provider_folder_ensure(provider=provider)
    if folder is not None:
        for codename in EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(group=group, page=folder, permission=_perm("wagtailcore", codename))
        GroupPagePermission.objects.filter(group=group).exclude(
            page=folder, permission__codename__in=EDITOR_PAGE_PERMISSIONS
        ).delete()

    collection = provider_collection_ensure(provider=provider)
    if collection is not None:
        wanted = [_perm(app_label, codename) for app_label, codename in EDITOR_COLLECTION_PERMISSIONS]
        for permission in wanted:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=collection, permission__in=wanted
        ).delete()
    return group


def provider_folders_prune():
    """Delete provider folders whose provider is gone and that hold no course."""
    for folder in ProviderFolderPage.objects.filter(provider__isnull=True, numchild=0):
        folder.delete()


def course_provider_follow_folder(*, course_id, folder_id):
    """After a move: the course belongs to the provider of the folder it is in now."""
    provider_id = ProviderFolderPage.objects.filter(pk=folder_id).values_list("provider_id", flat=True).first()
    if provider_id is not None:
        CoursePage.objects.filter(pk=course_id).exclude(provider_id=provider_id).update(provider_id=provider_id)


def providers_ensure():
    """Every provider's editors group, folder and collection (after migrate: providers
    created before the course index existed, or by an older version, get theirs)."""
    for provider in Provider.objects.order_by("pk"):
        provider_editors_ensure(provider=provider)


def review_workflow_ensure():
    """The redactie group's permissions and the onpartijdigheidstoets workflow
    on the course index, so every new course and every change goes through
    review. Idempotent; runs after every migrate and in the demo and tests."""
    redactie = redactie_group()
    _grant_course_tree(redactie, REDACTIE_PAGE_PERMISSIONS)
    for model in ("provider", "instrument"):
        for action in ("add", "change", "delete"):
            redactie.permissions.add(_perm("courses", f"{action}_{model}"))

    task = NonPartisanshipTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = NonPartisanshipTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.add(redactie)
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    index = CourseIndexPage.objects.first()
    if index is not None:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def seed_instruments(instrument_model=None):
    """Create every instrument of `courses.instruments.INSTRUMENTS` whose slug is
    missing. Existing instruments (possibly edited by the redactie) are left alone."""
    if instrument_model is None:
        instrument_model = Instrument
    existing = set(instrument_model.objects.values_list("slug", flat=True))
    created = 0
    for order, data in enumerate(INSTRUMENTS, start=1):
        if data["slug"] in existing:
            continue
        instrument_model.objects.create(sort_order=order * 10, **data)
        created += 1
    return created


def _lock_course(page):
    return CoursePage.objects.select_for_update().filter(pk=page.pk).first()


def course_review_submitted(*, page):
    """A course (or a change to it) entered the onpartijdigheidstoets."""
    with transaction.atomic():
        course = _lock_course(page)
        if course is None:
            return None
        type(course).objects.filter(pk=course.pk).update(review_status=ReviewStatus.IN_REVIEW)
        course.review_status = ReviewStatus.IN_REVIEW
    return course


def course_review_record(*, page, user, approved, comment=""):
    """Record the redactie's decision on a course. On approval the workflow has
    just published the reviewed revision; that live revision is recorded as the
    approved one. Called inside the task action's transaction; e-mails go out
    after commit."""
    if not isinstance(page.specific, CoursePage):
        return None  # modules are published by the same workflow; the record lives on the course
    with transaction.atomic():
        course = _lock_course(page)
        if course is None:
            return None
        if approved:
            if not course.live or course.live_revision_id is None:
                raise ReviewError(_("Goedkeuren kan alleen als de cursus daarbij gepubliceerd wordt."))
            values = {
                "review_status": ReviewStatus.APPROVED,
                "review_comment": comment or "",
                "approved_by": user,
                "approved_at": timezone.now(),
                "approved_revision_id": course.live_revision_id,
            }
        else:
            if not (comment or "").strip():
                raise ReviewError(_("Geef bij een afwijzing een toelichting voor de aanbieder."))
            values = {"review_status": ReviewStatus.REJECTED, "review_comment": comment}
        CoursePage.objects.filter(pk=course.pk).update(**values)
        for name, value in values.items():
            setattr(course, name, value)
        transaction.on_commit(lambda: send_review_outcome.enqueue(course_id=course.pk, approved=approved))
    return course


def page_submit_for_review(*, page, user):
    """Save the page's current state as a revision and start the
    onpartijdigheidstoets on it (what "Ter beoordeling indienen" does)."""
    page = page.specific
    state = page.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        # Resubmission after a rejection: the same workflow resumes.
        if not page.permissions_for_user(user).can_edit():
            raise ReviewError(_("U mag deze pagina niet ter beoordeling indienen."))
        page.save_revision(user=user)
        state.resume(user=user)
        return state
    workflow = page.get_workflow()
    if workflow is None:
        raise ReviewError(_("Er is geen onpartijdigheidstoets ingesteld voor deze pagina."))
    if page.workflow_in_progress:
        raise ReviewError(_("Deze pagina wordt al beoordeeld."))
    permissions = page.permissions_for_user(user)
    if not (permissions.can_edit() and permissions.can_submit_for_moderation()):
        raise ReviewError(_("U mag deze pagina niet ter beoordeling indienen."))
    page.save_revision(user=user)
    return workflow.start(page, user)


def page_review_decide(*, page, user, approve, comment=""):
    """The redactie's decision in the onpartijdigheidstoets, as in the admin."""
    page = page.specific
    task_state = page.current_workflow_task_state
    if task_state is None:
        raise ReviewError(_("Deze pagina wacht niet op een beoordeling."))
    task = task_state.task.specific
    actions = {name for name, _label, _needs_form in task.get_actions(page, user)}
    action = "approve" if approve else "reject"
    if action not in actions:
        raise ReviewError(_("U mag deze beoordeling niet uitvoeren."))
    if not approve and not (comment or "").strip():
        raise ReviewError(_("Geef bij een afwijzing een toelichting voor de aanbieder."))
    task.on_action(task_state, user, action, comment=comment)
    return page.__class__.objects.get(pk=page.pk)
