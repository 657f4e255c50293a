"""The enrolment services: business rules for enrolling, the waiting list, progress, completion and payments.

Every state change is one function with keyword-only arguments, inside one
transaction, with the rows it changes locked (the kernel's `transition` skeleton;
top-level services are `@durable`). Locks are taken in a fixed order — session,
then enrolment, then payment — so two requests never wait on each other in a
circle. E-mails run after commit; events for other apps go to the reaction outbox
in the same transaction (enrolment.reactions). A forbidden transition raises an
`EnrolmentError` (or a subclass) with a Dutch message and changes nothing.
Whether a session place is taken is one rule, in `enrolment.selectors` (`PLACE_HOLDING`).

Modules: `enrolments` (enrolling, waiting list, cancelling, holds, attendance),
`progress` (modules, completion, certificate), `payments`. Read-side queries live in
`enrolment.selectors`. Callers import from this package.
"""

from .common import OPEN_STATUSES, EnrolmentError, PaymentError, SessionFullError
from .enrolments import (
    PAYMENT_HOLD,
    CancellationReason,
    attendance_register,
    cancellation_refusal,
    enrolment_activate_paid_by_authority,
    enrolment_cancel,
    enrolment_create,
    enrolments_erase_personal_data,
    enrolments_expire_unpaid,
    session_cancel,
    session_reminders_send,
)
from .payments import (
    from_cents,
    payment_mark_paid,
    payment_mark_unsuccessful,
    payment_open,
    payment_record_details,
    payment_record_refund,
    payment_start,
    stripe_event_process,
    stripe_event_receive,
    stripe_event_record_error,
    to_cents,
)
from .progress import (
    ProgressError,
    certificate_issue,
    certificate_reminders_send,
    check_passed,
    completion_missing,
    enrolment_try_complete,
    knowledge_check_submit,
    module_complete,
    progress_open,
)

__all__ = [
    "OPEN_STATUSES", "PAYMENT_HOLD", "CancellationReason", "EnrolmentError", "PaymentError", "ProgressError", "SessionFullError",
    "attendance_register", "cancellation_refusal", "certificate_issue", "certificate_reminders_send", "check_passed", "completion_missing",
    "enrolment_activate_paid_by_authority", "enrolment_cancel", "enrolment_create", "enrolment_try_complete",
    "enrolments_erase_personal_data", "enrolments_expire_unpaid", "from_cents",
    "knowledge_check_submit", "module_complete", "payment_mark_paid", "payment_mark_unsuccessful", "payment_open",
    "payment_record_details", "payment_record_refund", "payment_start", "progress_open", "session_cancel", "session_reminders_send", "stripe_event_process",
    "stripe_event_receive", "stripe_event_record_error", "to_cents",
]
