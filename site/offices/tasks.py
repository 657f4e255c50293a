"""E-mails about offices and invitations, sent through the task framework (after commit).

Each task takes only ids (task arguments must be JSON) and re-reads the rows, so a
task that runs later sees the current state; a row deleted in the meantime sends nothing.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .models import GriffieMember, Office, OfficeInvitation, OfficeStatus


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_mail_templates(name, context, to):
    """Render enrolment/email/<name>_subject.txt, .txt and .html in Dutch and send one message."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"offices/email/{name}_subject.txt", context).strip()
        text = render_to_string(f"offices/email/{name}.txt", context)
        html = render_to_string(f"offices/email/{name}.html", context)
    message = EmailMultiAlternatives(subject=" ".join(subject.split()), body=text, to=to)
    message.attach_alternative(html, "text/html")
    message.send()


@task()
def send_invitation(invitation_id):
    invitation = OfficeInvitation.objects.select_related("authority", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at is not None:
        return
    context = {
        "invitation": invitation,
        "accept_url": absolute(reverse("offices:invitation_accept", args=[invitation.token])),
    }
    send_mail_templates("office_invitation", context, [invitation.email])


@task()
def send_office_decision(office_id):
    office = Office.objects.select_related("authority", "person").filter(pk=office_id).first()
    if office is None or office.status == OfficeStatus.REQUESTED or not office.person.email:
        return
    context = {"office": office, "person": office.person, "offices_url": absolute(reverse("offices:office_list"))}
    send_mail_templates("office_decision", context, [office.person.email])


@task()
def send_office_request_notice(office_id):
    """Tell the griffie of the authority that a member asks for an office."""
    office = Office.objects.select_related("authority", "person").filter(pk=office_id).first()
    if office is None or office.status != OfficeStatus.REQUESTED:
        return
    recipients = list(
        GriffieMember.objects.filter(authority=office.authority).exclude(user=office.person)
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return
    context = {
        "office": office,
        "requests_url": absolute(reverse("offices:griffie_requests", args=[office.authority.cbs_code])),
    }
    for recipient in recipients:  # one message each: colleagues' addresses stay private
        send_mail_templates("office_request", context, [recipient])
