"""Receivers of the enrolment app's signals (sent after commit, with `enrolment=`)."""

import logging

from django.utils.translation import gettext as _

from . import services

logger = logging.getLogger(__name__)


def on_enrolment_completed(sender, enrolment, **kwargs):
    """Prepare a draft claim when the member is eligible; an ineligible one simply gets none."""
    try:
        services.claim_prepare(enrolment=enrolment)
    except services.ClaimError as error:
        logger.info("No claim for enrolment %s: %s", enrolment.pk, error.message)


def on_enrolment_cancelled(sender, enrolment, **kwargs):
    services.reservations_release(enrolment=enrolment, reason=_("Inschrijving geannuleerd."))


def on_payment_paid(sender, enrolment, payment=None, **kwargs):
    services.reservation_link_enrolment(enrolment=enrolment)


def on_payment_refunded(sender, enrolment, payment=None, **kwargs):
    services.claim_follow_refund(enrolment=enrolment)
