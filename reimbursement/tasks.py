"""E-mails of the reimbursement app, sent through the task framework after commit.

Each task takes ids only (task arguments must be JSON) and re-reads the rows.
"""

import datetime

from django.urls import reverse
from django_tasks import task

from glashelder.kernel.mail import absolute, send_templated_mail
from glashelder.offices.models import GriffieMember

from .documents import purchase_order_pdf
from .models import Claim, Reservation, ReservationStatus


@task()
def send_claim_decision(claim_id):
    """Tell the member about a decision on their claim (returned, approved, rejected, reversed)."""
    claim = Claim.objects.select_related("member").filter(pk=claim_id).first()
    if claim is None or claim.member is None or not claim.member.email:
        return
    last = claim.events.order_by("-at", "-pk").first()
    context = {
        "claim": claim,
        "event": last,
        "claim_url": absolute(reverse("reimbursement:member_claim", args=[claim.number])),
    }
    send_templated_mail("reimbursement/email/claim_decision", context, [claim.member.email])


@task()
def send_reservation_decision(reservation_id):
    reservation = Reservation.objects.select_related("member").filter(pk=reservation_id).first()
    if reservation is None or reservation.member is None or reservation.status == ReservationStatus.REQUESTED:
        return
    context = {"reservation": reservation, "list_url": absolute(reverse("reimbursement:member_reservations"))}
    send_templated_mail("reimbursement/email/reservation_decision", context, [reservation.member.email])


@task()
def send_griffie_request_notice(reservation_id):
    reservation = Reservation.objects.select_related("authority").filter(pk=reservation_id).first()
    if reservation is None or reservation.status != ReservationStatus.REQUESTED:
        return
    recipients = list(
        GriffieMember.objects.filter(authority=reservation.authority).exclude(user_id=reservation.member_id)
        .values_list("user__email", flat=True)
    )
    url = reverse("reimbursement:griffie_reservation", args=[reservation.authority.cbs_code, reservation.number])
    context = {"reservation": reservation, "url": absolute(url)}
    send_templated_mail("reimbursement/email/request_notice", context, recipients)


@task()
def send_purchase_order(reservation_id):
    """The provider gets the purchase order (PDF and e-mail) to invoice the authority."""

    reservation = Reservation.objects.select_related("authority", "decided_by").filter(pk=reservation_id).first()
    if reservation is None or not reservation.order_number or not reservation.provider_email:
        return
    context = {"reservation": reservation, "authority": reservation.authority}
    pdf = purchase_order_pdf(reservation)
    send_templated_mail(
        "reimbursement/email/purchase_order", context, [reservation.provider_email],
        attachments=[(f"inkooporder-{reservation.order_number}.pdf", pdf, "application/pdf")],
    )


@task()
def send_claim_digest(authority_id, day, claim_ids):
    """One e-mail to the griffie with the claims `claims_digest_take` marked for this digest."""
    day = datetime.date.fromisoformat(day)
    claims = list(Claim.objects.filter(pk__in=claim_ids).order_by("submitted_at", "pk"))
    if not claims:
        return 0
    recipients = list(GriffieMember.objects.filter(authority_id=authority_id).values_list("user__email", flat=True))
    context = {
        "claims": claims,
        "authority_name": claims[0].authority_name,
        "day": day,
        "queue_url": absolute(reverse("reimbursement:griffie_home", args=[claims[0].authority_code])),
    }
    send_templated_mail("reimbursement/email/claim_digest", context, recipients)
    return len(claims)
