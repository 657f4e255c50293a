"""Errors, constants and after-commit helpers shared by the enrolment services."""

from decimal import Decimal

from django.db import transaction

from glashelder.kernel.errors import DomainError

from .. import reactions, tasks
from ..models import EnrolmentStatus

OPEN_STATUSES = (EnrolmentStatus.REQUESTED, EnrolmentStatus.WAITLISTED, EnrolmentStatus.ACTIVE)
CENT = Decimal("0.01")


class EnrolmentError(DomainError):
    """A refused enrolment action; `message` is shown to the member as is."""


class SessionFullError(EnrolmentError):
    """The session is full; the member can join the waiting list instead."""

    offer_waitlist = True


class PaymentError(EnrolmentError):
    pass


def _after_commit(fn, *args, **kwargs):
    transaction.on_commit(lambda: fn(*args, **kwargs))


def _enqueue_mail(kind, enrolment_id):
    _after_commit(tasks.send_enrolment_mail.enqueue, kind=kind, enrolment_id=enrolment_id)


def _send_signal(kind, *, enrolment, payment=None):
    """Record an event for other apps (an `OutboxEventKind`, e.g. `signals.payment_paid`) in the
    reaction outbox, inside the current transaction; its reactions are delivered after commit."""
    return reactions.emit(kind, enrolment=enrolment, payment=payment)


