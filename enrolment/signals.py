"""The events the enrolment app emits for other apps, under the names the services use.

These are no longer Django signals: `services.common._send_signal(kind, enrolment=..., payment=...)`
records each one in the reaction outbox inside the service's transaction, and the handlers that
higher apps register (`enrolment.reactions.register`) are delivered after commit and retried until
they succeed. Nothing reacts synchronously.
"""

from .models import OutboxEventKind

enrolment_completed = OutboxEventKind.ENROLMENT_COMPLETED
enrolment_cancelled = OutboxEventKind.ENROLMENT_CANCELLED
payment_paid = OutboxEventKind.PAYMENT_PAID
payment_refunded = OutboxEventKind.PAYMENT_REFUNDED
