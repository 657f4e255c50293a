"""The enrolment services: business rules for enrolling, the waiting list, progress, completion and payments.

Every state change is one function with keyword-only arguments, inside one
transaction, with the rows it changes locked (`select_for_update`). Locks are
taken in a fixed order — session, then enrolment, then payment — so two
requests never wait on each other in a circle. E-mails run after commit;
events for other apps go to the reaction outbox in the same transaction
(enrolment.reactions). A forbidden transition raises an `EnrolmentError` (or a
subclass) with a Dutch message and changes nothing.

Modules: `enrolments` (enrolling, waiting list, cancelling, holds, attendance),
`progress` (modules, completion, certificate), `payments`. Read-side queries live in
`enrolment.selectors`. Callers import from this package.
"""

from .common import OPEN_STATUSES, EnrolmentError, PaymentError, SessionFullError
from .enrolments import (
    PAYMENT_HOLD,
    attendance_register,
    cancellation_refusal,
    enrolment_cancel,
    enrolment_create,
    enrolments_expire_unpaid,
    session_cancel,
)
from .payments import (
    from_cents,
    payment_mark_paid,
    payment_mark_unsuccessful,
    payment_open,
    payment_record_details,
    payment_record_refund,
    stripe_event_process,
    stripe_event_receive,
    stripe_event_record_error,
    to_cents,
)
from .progress import (
    ProgressError,
    certificate_issue,
    check_passed,
    completion_missing,
    enrolment_try_complete,
    knowledge_check_submit,
    module_complete,
    progress_open,
)

__all__ = [
    "OPEN_STATUSES", "PAYMENT_HOLD", "EnrolmentError", "PaymentError", "ProgressError", "SessionFullError",
    "attendance_register", "cancellation_refusal", "certificate_issue", "check_passed", "completion_missing",
    "enrolment_cancel", "enrolment_create", "enrolment_try_complete", "enrolments_expire_unpaid", "from_cents",
    "knowledge_check_submit", "module_complete", "payment_mark_paid", "payment_mark_unsuccessful", "payment_open",
    "payment_record_details", "payment_record_refund", "progress_open", "session_cancel", "stripe_event_process",
    "stripe_event_receive", "stripe_event_record_error", "to_cents",
]
