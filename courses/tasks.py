"""Background work of the catalogue: e-mails about review outcomes."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks import task

from glashelder.kernel.mail import absolute, send_templated_mail
from glashelder.kernel.roles import REDACTIE_GROUP

from .models import CoursePage


def _review_recipients(course):
    User = get_user_model()
    users = User.objects.filter(is_active=True).filter(groups__name=REDACTIE_GROUP)
    if course.provider.editors_group_id:
        users = users | User.objects.filter(is_active=True, groups=course.provider.editors_group_id)
    emails = sorted({u.email for u in users.distinct() if u.email})
    if course.provider.email and course.provider.email not in emails:
        emails.append(course.provider.email)
    return emails


@task()
def send_review_outcome(course_id, approved):
    """Tell the provider's editors and the redactie how the onpartijdigheidstoets ended."""
    course = CoursePage.objects.select_related("provider").filter(pk=course_id).first()
    if course is None:
        return 0
    recipients = _review_recipients(course)
    if not recipients:
        return 0
    context = {
        "course": course,
        "approved": approved,
        "comment": course.review_comment,
        "admin_url": absolute(reverse("wagtailadmin_pages:edit", args=[course.pk])),
        "public_url": absolute(course.get_url() or "/cursussen/"),
    }
    # The recipients do not see each other: they are in bcc, the message goes to the platform itself.
    send_templated_mail("courses/email/review_outcome", context, [settings.DEFAULT_FROM_EMAIL], bcc=recipients)
    return len(recipients)
