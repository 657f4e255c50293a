"""Signal receivers of the catalogue: keep the review status in step with Wagtail's workflow."""

from django.dispatch import receiver
from wagtail.signals import workflow_submitted

from . import services


@receiver(workflow_submitted)
def on_workflow_submitted(sender, instance, user=None, **kwargs):
    from .models import CoursePage

    page = instance.content_object
    if page is not None and isinstance(getattr(page, "specific", page), CoursePage):
        services.course_review_submitted(page=page)
