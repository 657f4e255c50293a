"""E-mails about offices and invitations, sent through the task framework (after commit).

Each task takes only ids (task arguments must be JSON) and re-reads the rows, so a
task that runs later sees the current state; a row deleted in the meantime sends nothing.
"""

from django.urls import reverse
from django_tasks import task

from glashelder.kernel.mail import absolute, send_templated_mail

from .models import GriffieMember, Office, OfficeInvitation, OfficeStatus


@task()
def send_invitation(invitation_id):
    invitation = OfficeInvitation.objects.select_related("authority", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at is not None:
        return
    context = {
        "invitation": invitation,
        "accept_url": absolute(reverse("offices:invitation_accept", args=[invitation.token])),
    }
    send_templated_mail("offices/email/office_invitation", context, [invitation.email])


@task()
def send_office_decision(office_id):
    office = Office.objects.select_related("authority", "person").filter(pk=office_id).first()
    if office is None or office.status == OfficeStatus.REQUESTED or not office.person.email:
        return
    context = {"office": office, "person": office.person, "offices_url": absolute(reverse("offices:office_list"))}
    send_templated_mail("offices/email/office_decision", context, [office.person.email])


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
        send_templated_mail("offices/email/office_request", context, [recipient])
