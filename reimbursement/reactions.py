"""How reimbursement reacts to what happens in enrolment, through enrolment's reaction outbox.

Each handler is registered under a stable name (stored on every delivery) and is delivered
after the enrolment change commits, retried until it succeeds (enrolment/reactions.py). A
handler may therefore run more than once for the same event: each decides from the current
state what is still to do, so a second run changes nothing.

- completed enrolment → a draft claim (`claim_prepare`; none for an ineligible enrolment, and
  none twice: one claim per enrolment);
- cancelled enrolment → its reservations are released (`reservations_release`; a released one
  is not released again);
- confirmed payment → a granted prior approval is linked to the enrolment
  (`reservation_link_enrolment`; only unlinked ones are linked);
- refund → the claim follows what is still paid (`claim_follow_refund`: reverses only the part
  of an approved claim not yet reversed, lowers an open claim only when it asks for more).

Loaded from `ReimbursementConfig.ready()`.
"""

import logging

from django.utils.translation import gettext as _

from enrolment.models import OutboxEventKind
from enrolment.reactions import register

from . import services

logger = logging.getLogger(__name__)


@register(OutboxEventKind.ENROLMENT_COMPLETED, name="reimbursement.claim_prepare")
def prepare_claim(*, event, enrolment, payment):
    """Prepare a draft claim when the member is eligible; an ineligible one simply gets none."""
    try:
        services.claim_prepare(enrolment=enrolment)
    except services.EligibilityError as error:
        # Final: not eligible, or the claim exists already (a second delivery).
        logger.info("No claim for enrolment %s: %s", enrolment.pk, error.message)


@register(OutboxEventKind.ENROLMENT_CANCELLED, name="reimbursement.reservations_release")
def release_reservations(*, event, enrolment, payment):
    services.reservations_release(enrolment=enrolment, reason=_("Inschrijving geannuleerd."))


@register(OutboxEventKind.PAYMENT_PAID, name="reimbursement.reservation_link_enrolment")
def link_prior_approval(*, event, enrolment, payment):
    services.reservation_link_enrolment(enrolment=enrolment)


@register(OutboxEventKind.PAYMENT_REFUNDED, name="reimbursement.claim_follow_refund")
def follow_refund(*, event, enrolment, payment):
    # A refusal here (e.g. a claim changed under it) escapes on purpose: the delivery is retried
    # and decides again from the state then.
    services.claim_follow_refund(enrolment=enrolment)
