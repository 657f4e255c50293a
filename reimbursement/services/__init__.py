"""The reimbursement services: every change to a claim, reservation or export.

One function per transition, one transaction each, the row locked (budget decisions lock
the authority's `TrainingPolicy` row for that year first, then the claim, so two griffie
staff approving at the same moment are serialised). Every transition writes a
`ClaimEvent` in the same transaction; a refused step raises a `ClaimError` (a kernel
`DomainError`) with a Dutch message and changes nothing. E-mails go out after commit.

The modules: `claims` (prepare, the member's steps, the griffie's decisions, reversal),
`reservations` (prior approval and direct payment), `budget` (the one budget-room rule),
`exports` (the export ledger), `policies` (the training policy per authority and year).
Callers import from this package.
"""

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
    claims_approve_bulk,
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
    reservations_release,
)

__all__ = [
    "BudgetError", "ClaimError", "EligibilityError", "FourEyesError", "InvalidInput", "NothingToExportError",
    "NotAllowedError", "StatementMissingError", "TransitionError",
    "claim_approve", "claim_follow_refund", "claim_prepare", "claim_prepare_external", "claim_reject",
    "claim_resubmit", "claim_return", "claim_reverse", "claim_submit", "claim_update", "claim_withdraw",
    "claims_approve_bulk", "claims_export", "direct_payment_approve", "direct_payment_reject",
    "direct_payment_request", "enrolment_claim_refusal", "enrolment_prior_approval_refusal", "export_files_store",
    "prior_approval_approve", "prior_approval_reject", "prior_approval_request", "reservation_link_enrolment",
    "reservation_reject", "reservations_release", "training_policy_save",
]
