"""The reaction outbox: what a higher app does when something happens in enrolment, never lost.

`enrolment` sits below `reimbursement` and may not import it. When an enrolment is completed
or cancelled, or a payment is paid or refunded, the service that makes the change calls
`emit(kind, enrolment=..., payment=...)` inside its own transaction. That writes an
`OutboxEvent` and one pending `OutboxDelivery` per handler registered for the kind, so the
reactions exist exactly when the change does: a rolled-back change leaves none, a committed
one cannot lose them.

After commit the task `deliver_event_reactions` delivers the event's pending deliveries.
Each delivery runs in its own transaction with its row locked (`SKIP LOCKED`): the handler's
writes and the `delivered_at` mark commit together. When the handler raises, its writes are
rolled back, the attempt and the error are recorded and the delivery stays pending until
`next_attempt_at` (exponential backoff, at most `MAX_BACKOFF`). `manage.py deliver_reactions`,
run every minute by the scheduler, delivers whatever is due; it is safe to run twice and
concurrently. Beheer sees pending deliveries and their last error in the Django admin.

A higher app registers its handlers from its `AppConfig.ready()`:

    @register(OutboxEventKind.PAYMENT_REFUNDED, name="reimbursement.claim_follow_refund")
    def follow_refund(*, event, enrolment, payment):
        ...

The name is stored on each delivery, so it must stay stable. A handler may run more than once
for the same event (a crash after its work, a retry): it must be idempotent, deciding from the
current state what is still to do. It runs inside the delivery's transaction, so it must not
open a durable one. A domain refusal it considers final should be caught inside the handler;
any exception that escapes means "try again later".
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import OutboxDelivery, OutboxEvent, OutboxEventKind

logger = logging.getLogger(__name__)

FIRST_BACKOFF = datetime.timedelta(minutes=1)
MAX_BACKOFF = datetime.timedelta(hours=6)


@dataclass(frozen=True)
class Reaction:
    kind: str
    name: str
    fn: Callable


_registry: dict[str, Reaction] = {}


def register(kind, *, name):
    """Decorator: call `fn(event=, enrolment=, payment=)` for every event of `kind`."""
    kind = OutboxEventKind(kind)

    def decorator(fn):
        existing = _registry.get(name)
        if existing is not None and (existing.fn is not fn or existing.kind != kind):
            raise ValueError(f"A reaction named {name!r} is already registered.")
        _registry[name] = Reaction(kind=kind, name=name, fn=fn)
        return fn

    return decorator


def unregister(name):
    """Remove a registered reaction (tests register temporary ones)."""
    _registry.pop(name, None)


def reactions_for(kind):
    return [reaction for reaction in _registry.values() if reaction.kind == kind]


def emit(kind, *, enrolment, payment=None):
    """Record that `kind` happened, in the caller's transaction, and deliver it after commit."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("emit() belongs inside the transaction of the change that causes the event.")
    kind = OutboxEventKind(kind)
    event = OutboxEvent.objects.create(kind=kind, enrolment_id=enrolment.pk, payment_id=payment.pk if payment else None)
    OutboxDelivery.objects.bulk_create(
        [OutboxDelivery(event=event, handler=reaction.name, next_attempt_at=event.created_at) for reaction in reactions_for(kind)]
    )
    # Robust: if enqueueing fails the change is committed all the same; deliver_reactions picks it up.
    transaction.on_commit(lambda: deliver_event_reactions.enqueue(event_id=event.pk), robust=True)
    return event


def backoff(attempts):
    """The wait before the next attempt after `attempts` failed ones: 1, 2, 4 … minutes, at most MAX_BACKOFF."""
    return min(FIRST_BACKOFF * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def deliver(delivery_id, *, now=None):
    """Run one due, pending delivery in its own transaction.

    Returns True when it was delivered, False when the handler failed (recorded), None when
    there was nothing to do (already delivered, not yet due, or another worker holds it).
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        delivery = (
            OutboxDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("event__enrolment", "event__payment")
            .filter(pk=delivery_id, delivered_at__isnull=True, next_attempt_at__lte=now)
            .first()
        )
        if delivery is None:
            return None
        delivery.attempts += 1
        try:
            with transaction.atomic():
                reaction = _registry.get(delivery.handler)
                if reaction is None:
                    raise LookupError(f"No reaction is registered under the name {delivery.handler!r}.")
                event = delivery.event
                reaction.fn(event=event, enrolment=event.enrolment, payment=event.payment)
        except Exception as exc:  # noqa: BLE001 - every handler error is recorded and retried
            logger.exception("Reaction %s to %s failed (attempt %s)", delivery.handler, delivery.event, delivery.attempts)
            delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            delivery.next_attempt_at = now + backoff(delivery.attempts)
            delivery.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            return False
        delivery.delivered_at = timezone.now()
        delivery.save(update_fields=["attempts", "delivered_at"])
        return True


def _deliver_all(ids, now):
    counts = {"delivered": 0, "failed": 0, "skipped": 0}
    for delivery_id in ids:
        try:
            outcome = deliver(delivery_id, now=now)
        except Exception:  # noqa: BLE001 - e.g. a lost connection: nothing recorded, retried on the next run
            logger.exception("Delivery %s could not be attempted", delivery_id)
            outcome = False
        counts["delivered" if outcome else "failed" if outcome is False else "skipped"] += 1
    return counts


def deliver_event(event_id, *, now=None):
    """Deliver the due, pending deliveries of one event (the after-commit task)."""
    now = now or timezone.now()
    ids = list(
        OutboxDelivery.objects.filter(event_id=event_id, delivered_at__isnull=True, next_attempt_at__lte=now)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return _deliver_all(ids, now)


@task()
def deliver_event_reactions(*, event_id):
    """The after-commit task of `emit`: deliver what is due of one event."""
    return deliver_event(event_id)


def deliver_due(*, now=None, limit=1000):
    """Deliver every due, pending delivery, oldest event first (`manage.py deliver_reactions`)."""
    now = now or timezone.now()
    ids = list(
        OutboxDelivery.objects.filter(delivered_at__isnull=True, next_attempt_at__lte=now)
        .order_by("event_id", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return _deliver_all(ids, now)
