"""Background work of the site: sending the account e-mails (allauth) through
Django's task framework, like every other e-mail of the platform."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(*, subject, body, to, from_email=None, html=None, headers=None):
    """Send one already rendered message (plain text, optionally with HTML)."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to, headers=headers or {})
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
