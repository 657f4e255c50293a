"""The one budget rule: how much room a training policy still has, and the refusal when it has none.

Approving a claim and granting a prior approval or direct payment ask the same question
of the same numbers, so they get the same answer and the same Dutch message: the room
under the cap per course, under the cap per member for that year (spent plus reserved),
and in the budget of that year (spent plus reserved). Amounts are read through
`reimbursement.selectors`; the reservation a decision already holds (the claim's own
prior approval) is left out, so it is never counted twice.

Lock order, the same in every budget decision: the policy row first (`policy_lock`),
then the claim or reservation. Two griffie staff deciding at the same moment are
serialised on the policy, so the room they see is the room that is left.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from glashelder.kernel.money import format_euro_text as euro

from ..models import ZERO, TrainingPolicy
from ..selectors import reserved_amount, spent_amount
from .errors import BudgetError, EligibilityError


def policy_lock(*, authority_id, year):
    """The training policy of `authority_id` for `year`, locked (SELECT ... FOR UPDATE)."""
    policy = TrainingPolicy.objects.select_for_update().filter(authority_id=authority_id, year=year).first()
    if policy is None:
        raise EligibilityError(_("Er is geen scholingsregeling voor %(year)s; de griffie moet die eerst vastleggen.") % {"year": year})
    return policy


@dataclass(frozen=True)
class BudgetRoom:
    """What is left under each limit of one policy, for one member (None: no such limit)."""

    policy: TrainingPolicy
    spent: Decimal
    reserved: Decimal
    member_spent: Decimal | None = None
    member_reserved: Decimal | None = None

    @property
    def course(self):
        """Room per course: the cap itself (a course is judged on its own)."""
        return self.policy.cap_per_course

    @property
    def member(self):
        """Room under the member's cap for the year, or None without a cap (or without a member)."""
        if self.member_spent is None:
            return None
        return self.policy.cap_per_member - self.member_spent - self.member_reserved

    @property
    def budget(self):
        """Room in the year's budget."""
        return self.policy.budget - self.spent - self.reserved


def budget_room(*, policy, member_id, exclude_reservation_id=None):
    """The room per course cap, member cap and budget; `exclude_reservation_id` is not counted as reserved."""
    year, authority_id = policy.year, policy.authority_id
    member_spent = member_reserved = None
    if policy.cap_per_member is not None and member_id is not None:
        member_spent = spent_amount(authority_id=authority_id, year=year, member_id=member_id)
        member_reserved = reserved_amount(authority_id=authority_id, year=year, member_id=member_id, exclude_pk=exclude_reservation_id)
    return BudgetRoom(
        policy=policy,
        spent=spent_amount(authority_id=authority_id, year=year),
        reserved=reserved_amount(authority_id=authority_id, year=year, exclude_pk=exclude_reservation_id),
        member_spent=member_spent,
        member_reserved=member_reserved,
    )


def budget_check(*, policy, amount, member_id, own_reservation_id=None):
    """Raise `BudgetError`, naming the numbers, when `amount` does not fit; return the room otherwise.

    `policy` must be locked by the caller (`policy_lock`). `own_reservation_id` is the
    reservation the decision already holds (a claim's prior approval): its amount is room.
    """
    room = budget_room(policy=policy, member_id=member_id, exclude_reservation_id=own_reservation_id)
    if room.course is not None and amount > room.course:
        raise BudgetError(
            _("Het maximum per cursus is %(cap)s; nodig is %(amount)s.")
            % {"cap": euro(room.course), "amount": euro(amount)}
        )
    if room.member is not None and amount > room.member:
        raise BudgetError(
            _("Dit gaat boven het maximum per ambtsdrager: %(cap)s per jaar, al besteed %(used)s, gereserveerd %(held)s, "
              "dus nog %(room)s; nodig is %(amount)s.")
            % {"cap": euro(policy.cap_per_member), "used": euro(room.member_spent),
               "held": euro(room.member_reserved), "room": euro(max(room.member, ZERO)),
               "amount": euro(amount)}
        )
    if amount > room.budget:
        raise BudgetError(
            _("Onvoldoende budget %(year)s: budget %(budget)s, besteed %(spent)s, gereserveerd %(reserved)s, over %(left)s; "
              "nodig is %(amount)s.")
            % {"year": policy.year, "budget": euro(policy.budget), "spent": euro(room.spent),
               "reserved": euro(room.reserved), "left": euro(max(room.budget, ZERO)), "amount": euro(amount)}
        )
    return room
