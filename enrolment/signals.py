"""Signals the enrolment app sends after commit, for the reimbursement app.

Each is sent with `enrolment=` (and `payment=` for the payment signals).
"""

from django.dispatch import Signal

enrolment_completed = Signal()
enrolment_cancelled = Signal()
payment_paid = Signal()
payment_refunded = Signal()
