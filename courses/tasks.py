"""Background work of the catalogue: e-mails about review outcomes."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

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
def send_review_outcome(course_id, approved, decided_by=None):
    """Tell the provider's editors and the redactie how the onpartijdigheidstoets ended."""
    course = CoursePage.objects.select_related("provider").filter(pk=course_id).first()
    if course is None:
        return 0
    recipients = _review_recipients(course)
    if not recipients:
        return 0
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "course": course,
        "approved": approved,
        "comment": course.review_comment,
        "admin_url": f"{base_url}/admin/pages/{course.pk}/edit/",
        "public_url": f"{base_url}{course.get_url() or '/cursussen/'}",
    }
    with translation.override("nl"):
        subject = render_to_string("courses/email/review_outcome_subject.txt", context).strip()
        text = render_to_string("courses/email/review_outcome.txt", context)
        html = render_to_string("courses/email/review_outcome.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to=[settings.DEFAULT_FROM_EMAIL], bcc=recipients)
    message.attach_alternative(html, "text/html")
    message.send()
    return len(recipients)
