"""Signal receivers of the catalogue: keep each course's review status in step with Wagtail's
workflow, give every provider its editors group and folder, and keep a moved course's
provider equal to the folder it is in."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import post_page_move, task_approved, task_rejected, task_submitted

from . import services
from .models import CoursePage, NonPartisanshipTask, Provider, ProviderFolderPage


def _course(task_state):
    page = task_state.workflow_state.content_object
    if page is not None and isinstance(getattr(page, "specific", page), CoursePage):
        return page
    return None


@receiver(task_submitted)
def on_task_submitted(sender, instance, user=None, **kwargs):
    """A course entered (or re-entered, after changes) the onpartijdigheidstoets."""
    page = _course(instance)
    if page is not None:
        services.course_review_submitted(page=page)


def _review_outcome(task_state, user, approved):
    if not isinstance(task_state.task.specific, NonPartisanshipTask):
        return
    page = task_state.workflow_state.content_object
    if page is not None:
        services.course_review_record(page=page, user=user, approved=approved, comment=task_state.comment or "")


@receiver(task_approved)
def on_task_approved(sender, instance, user=None, **kwargs):
    """The redactie approved: the workflow has just published the reviewed revision."""
    _review_outcome(instance, user, approved=True)


@receiver(task_rejected)
def on_task_rejected(sender, instance, user=None, **kwargs):
    _review_outcome(instance, user, approved=False)


@receiver(post_save, sender=Provider)
def on_provider_saved(sender, instance, raw=False, **kwargs):
    """Every provider has its own editors group with admin access and page permissions."""
    if not raw:
        services.provider_editors_ensure(provider=instance)


@receiver(post_delete, sender=Provider)
def on_provider_deleted(sender, instance, **kwargs):
    """A provider can only be deleted without courses (they protect it); its empty folder goes too."""
    services.provider_folders_prune()


@receiver(post_page_move)
def on_page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """A course moved (by the redactie) into another provider's folder now belongs to that provider."""
    if issubclass(sender, CoursePage) and parent_page_after.specific_class is ProviderFolderPage:
        services.course_provider_follow_folder(course_id=instance.pk, folder_id=parent_page_after.pk)
