"""The training policy (scholingsregeling) of one authority and year: the griffie keeps it.

`training_policy_save` is the only writer of `TrainingPolicy`. It creates the year's policy or
changes it, in one durable transaction with the row locked (the same row that serialises the
budget decisions of that year, so a decision never sees half a policy), and writes the audit
entry in that transaction. A refusal raises a kernel error with a Dutch message and changes
nothing. Decided claims keep their snapshot; changing a policy never changes them.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glashelder.kernel.audit import audit_log
from glashelder.kernel.money import to_money
from glashelder.kernel.transitions import durable

from ..models import ApprovingGroup, TrainingPolicy
from .common import _require_griffie
from .errors import InvalidInput, TransitionError

# The fields the griffie fills in; anything else is the service's own.
POLICY_FIELDS = (
    "budget", "cap_per_member", "cap_per_course", "eligible_roles", "prior_approval_required", "direct_payment_allowed",
    "claim_deadline_days", "four_eyes_threshold", "executive_approver", "contact_email", "contact_text",
)
FIRST_YEAR = 2019  # the Rechtspositiebesluit of 2019
YEARS_AHEAD = 5
MONEY_FIELDS = ("budget", "cap_per_member", "cap_per_course", "four_eyes_threshold")


def policy_years():
    """The years a policy can be kept for: from 2019 to five years ahead."""
    return range(FIRST_YEAR, timezone.localdate().year + YEARS_AHEAD + 1)


def _checked(authority, year, fields):
    unknown = set(fields) - set(POLICY_FIELDS)
    if unknown:
        raise TypeError(f"training_policy_save() got unknown fields: {', '.join(sorted(unknown))}")
    if year not in policy_years():
        raise InvalidInput(
            _("Een scholingsregeling kan alleen worden vastgelegd voor de jaren %(first)s tot en met %(last)s.")
            % {"first": policy_years()[0], "last": policy_years()[-1]}
        )
    values = dict(fields)
    for name in MONEY_FIELDS:
        if name in values:
            values[name] = to_money(values[name])
            if values[name] is not None and values[name] < 0:
                raise InvalidInput(_("Een bedrag in de scholingsregeling kan niet negatief zijn."))
    if "budget" in values and values["budget"] is None:
        raise InvalidInput(_("Vul het budget in."))
    if "eligible_roles" in values:
        roles = list(values["eligible_roles"] or [])
        allowed = authority.allowed_roles()
        if not roles:
            raise InvalidInput(_("Kies ten minste één ambt dat mag declareren."))
        if any(role not in allowed for role in roles):
            raise InvalidInput(_("Kies alleen ambten die bij %(authority)s bestaan.") % {"authority": authority})
        values["eligible_roles"] = roles
    if "claim_deadline_days" in values and (values["claim_deadline_days"] or 0) < 1:
        raise InvalidInput(_("De termijn voor declareren is ten minste één dag."))
    if "executive_approver" in values and values["executive_approver"] not in ApprovingGroup.values:
        raise InvalidInput(_("Kies wie over declaraties van bestuurders beslist."))
    return values


@durable
def training_policy_save(*, authority, year, actor, **fields):
    """Create or change the policy of `authority` for `year` with `fields`; return it.

    Only a griffie member of the authority may; a new policy needs at least the budget and
    the eligible roles. Refusals: `NotAllowedError`, `InvalidInput`, `TransitionError`.
    """
    _require_griffie(actor, authority.pk)
    values = _checked(authority, year, fields)
    policy = TrainingPolicy.objects.select_for_update().filter(authority=authority, year=year).first()
    created = policy is None
    if created:
        if "budget" not in values or "eligible_roles" not in values:
            raise InvalidInput(_("Een nieuwe scholingsregeling heeft een budget en de ambten die mogen declareren nodig."))
        policy = TrainingPolicy(authority=authority, year=year)
    for name, value in values.items():
        setattr(policy, name, value)
    policy.updated_by = actor
    try:
        with transaction.atomic():
            policy.save()
    except IntegrityError as error:  # a colleague created the same year's policy a moment ago
        raise TransitionError(
            _("Een collega heeft de scholingsregeling %(year)s net vastgelegd. Open haar opnieuw en pas haar daar aan.")
            % {"year": year}
        ) from error
    audit_log(
        "training_policy_saved", actor=actor, target=str(policy), year=year, created=created, budget=str(policy.budget),
        fields=sorted(values),
    )
    return policy
