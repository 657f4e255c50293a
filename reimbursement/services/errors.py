"""Refusals of the reimbursement services: each one of the kernel's three kinds."""

from glashelder.kernel.errors import DomainError, Invalid, InvalidTransition, NotAllowed


class ClaimError(DomainError):
    """A refused action on a claim or reservation; `message` is Dutch and shown to the user."""


class EligibilityError(ClaimError, Invalid):
    """The law, the policy or the facts do not allow this claim or request."""


class TransitionError(ClaimError, InvalidTransition):
    """The claim or reservation is not in a state that allows this step."""


class InvalidInput(ClaimError, Invalid):
    """What the griffie or the member filled in cannot be used (an amount, a missing reason)."""


class BudgetError(ClaimError, Invalid):
    """The budget or a cap of the training policy has no room for this amount."""


class FourEyesError(ClaimError, NotAllowed):
    """Above the threshold a second person must approve."""


class StatementMissingError(EligibilityError):
    """The member has not (yet) declared that the training was not party-political."""


class NotAllowedError(ClaimError, NotAllowed):
    """This person may not do this."""


class NothingToExportError(ClaimError, Invalid):
    """The export would be empty."""
