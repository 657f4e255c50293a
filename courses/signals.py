"""Signal receivers of the catalogue: keep the review status in step with Wagtail's workflow."""

from django.dispatch import receiver
from wagtail.signals import task_submitted

from . import services


@receiver(task_submitted)
def on_task_submitted(sender, instance, user=None, **kwargs):
    """A course entered (or re-entered, after changes) the onpartijdigheidstoets."""
    from .models import CoursePage

    page = instance.workflow_state.content_object
    if page is not None and isinstance(getattr(page, "specific", page), CoursePage):
        services.course_review_submitted(page=page)
