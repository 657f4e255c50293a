"""The reimbursement services: every change to a claim, reservation or export.

One function per transition, each on the kernel's transition skeleton (lock, check,
change, event, audit, after commit); the steps a person takes are `@durable`, one
transaction each. Budget decisions lock the authority's `TrainingPolicy` row for that
year first, then the claim or reservation, so two griffie staff deciding at the same
moment are serialised, and ask the one budget rule (`budget.budget_check`). Every claim
transition writes a `ClaimEvent` in the same transaction; a refused step raises a
`ClaimError` (a kernel `DomainError`: `TransitionError` for a wrong state, `InvalidInput`
for a missing reason or a bad amount, `BudgetError`, ...) with a Dutch message and
changes nothing. E-mails go out after commit.

The modules: `claims` (prepare, the member's steps, the griffie's decisions, reversal),
`reservations` (prior approval and direct payment), `budget` (the one budget-room rule),
`exports` (the export ledger), `policies` (the training policy per authority and year).
Callers import from this package.
"""

from .budget import BudgetRoom, budget_check, budget_room, policy_lock
from .claims import (
    claim_approve,
    claim_follow_refund,
    claim_prepare,
    claim_prepare_external,
    claim_reject,
    claim_resubmit,
    claim_return,
    claim_reverse,
    claim_submit,
    claim_update,
    claim_withdraw,
    claims_anonymise,
    claims_approve_bulk,
    claims_digest_take,
    enrolment_claim_refusal,
)
from .errors import (
    BudgetError,
    ClaimError,
    EligibilityError,
    FourEyesError,
    InvalidInput,
    NotAllowedError,
    NothingToExportError,
    StatementMissingError,
    TransitionError,
)
from .exports import claims_export, export_files_store
from .policies import training_policy_save
from .reservations import (
    direct_payment_approve,
    direct_payment_reject,
    direct_payment_request,
    enrolment_prior_approval_refusal,
    prior_approval_approve,
    prior_approval_reject,
    prior_approval_request,
    reservation_link_enrolment,
    reservation_reject,
    reservation_release,
    reservation_use,
    reservations_release,
)

__all__ = [
    "BudgetError", "BudgetRoom", "ClaimError", "EligibilityError", "FourEyesError", "InvalidInput", "NothingToExportError",
    "NotAllowedError", "StatementMissingError", "TransitionError",
    "claim_approve", "claim_follow_refund", "claim_prepare", "claim_prepare_external", "claim_reject",
    "budget_check", "budget_room", "policy_lock",
    "claim_resubmit", "claim_return", "claim_reverse", "claim_submit", "claim_update", "claim_withdraw",
    "claims_anonymise", "claims_approve_bulk", "claims_digest_take", "claims_export", "direct_payment_approve", "direct_payment_reject",
    "direct_payment_request", "enrolment_claim_refusal", "enrolment_prior_approval_refusal", "export_files_store",
    "prior_approval_approve", "prior_approval_reject", "prior_approval_request", "reservation_link_enrolment",
    "reservation_reject", "reservation_release", "reservation_use", "reservations_release", "training_policy_save",
]
