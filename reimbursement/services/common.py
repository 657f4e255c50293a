"""Checks and helpers shared by the claim and reservation services."""

import datetime
import uuid

from django.utils import timezone
from django.utils.translation import gettext as _

from courses.choices import ReviewStatus
from glashelder.kernel.transitions import after_commit, transition
from glashelder.offices.models import GriffieMember

from ..models import (
    Claim,
    ClaimEvent,
    LegalBasis,
    Reservation,
    TrainingPolicy,
)
from .budget import policy_lock
from .errors import EligibilityError, NotAllowedError, TransitionError

Action = ClaimEvent.Action

# ---------------------------------------------------------------- helpers


def _name(user):
    if user is None:
        return "Glashelder"
    return getattr(user, "display_name", None) or str(user)


def _today():
    return timezone.localdate()


def _local_date(value):
    if value is None:
        return None
    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


def _new_number(prefix, year):
    """`GH-2026-000123`: a temporary unique value first, the final one from the primary key."""
    return f"tmp-{uuid.uuid4().hex[:14]}", lambda obj: f"{prefix}-{year}-{obj.pk:06d}"


def _create_numbered(model, prefix, year, **fields):
    temp, final = _new_number(prefix, year)
    obj = model.objects.create(number=temp, **fields)
    obj.number = final(obj)
    model.objects.filter(pk=obj.pk).update(number=obj.number)
    return obj


def _event(claim, action, *, actor=None, from_status="", reason="", amount=None):
    return ClaimEvent.objects.create(
        claim=claim,
        action=action,
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        actor_name=_name(actor),
        from_status=from_status,
        to_status=claim.status,
        reason=reason,
        amount=amount,
    )


def _claim_step(claim, allowed, refusal):
    """The transition skeleton for one claim: locked, its status in `allowed`, else `TransitionError(refusal)`."""
    return transition(Claim.objects, claim.pk, allowed=allowed, refusal=refusal, error=TransitionError)


def _reservation_step(reservation, allowed, refusal):
    """The transition skeleton for one reservation (see `_claim_step`)."""
    return transition(Reservation.objects, reservation.pk, allowed=allowed, refusal=refusal, error=TransitionError)


def _lock_policy_of(record):
    """Lock the policy a claim or reservation is judged under, before the record itself (the budget lock order)."""
    unlocked = type(record).objects.only("authority_id", "budget_year").get(pk=record.pk)
    return policy_lock(authority_id=unlocked.authority_id, year=unlocked.budget_year)


def _lock_claim(claim):
    return Claim.objects.select_for_update().get(pk=claim.pk)


def _require_griffie(actor, authority_id):
    if actor is None or not GriffieMember.objects.filter(user=actor, authority_id=authority_id).exists():
        raise NotAllowedError(_("Alleen de griffie van deze overheid kan hierover beslissen."))


def _require_member(claim_or_reservation, member):
    if member is None or claim_or_reservation.member_id != member.pk:
        raise NotAllowedError(_("Dit is niet uw declaratie."))


def _require_not_own(claim_or_reservation, actor, message):
    if claim_or_reservation.member_id and claim_or_reservation.member_id == actor.pk:
        raise NotAllowedError(message)


def _require_status(claim, allowed, message):
    if claim.status not in allowed:
        raise TransitionError(message % {"status": claim.get_status_display().lower()})


_after_commit = after_commit  # the kernel's; for the steps not yet written with the skeleton


def _check_course(course):
    if course.is_free:
        raise EligibilityError(_("Deze cursus is gratis; er valt niets te declareren."))
    if course.review_status != ReviewStatus.APPROVED or not course.live:
        raise EligibilityError(
            _("Deze cursus is niet goedgekeurd als niet-partijpolitieke scholing en kan daarom niet worden gedeclareerd.")
        )


def _check_office(office, day):
    if not office.is_verified:
        raise EligibilityError(_("Uw ambt is (nog) niet bevestigd door de griffie; declareren kan pas daarna."))
    if not office.held_on(day):
        raise EligibilityError(
            _("U bekleedde het ambt %(office)s niet op %(day)s, de datum van de scholing.")
            % {"office": office, "day": day.strftime("%d-%m-%Y")}
        )


def _check_role(policy, role, role_label):
    if not policy.role_is_eligible(role):
        raise EligibilityError(
            _("Volgens de scholingsregeling %(year)s van %(authority)s kan een %(role)s geen scholingskosten declareren.")
            % {"year": policy.year, "authority": policy.authority, "role": role_label.lower()}
        )


def _check_deadline(policy, completed_on, today=None):
    today = today or _today()
    deadline = completed_on + datetime.timedelta(days=policy.claim_deadline_days)
    if today > deadline:
        raise EligibilityError(
            _("De termijn om te declareren is verstreken: uiterlijk %(days)s dagen na afronding, dus tot en met %(deadline)s.")
            % {"days": policy.claim_deadline_days, "deadline": deadline.strftime("%d-%m-%Y")}
        )


def _legal_basis(role, level, day):
    basis = LegalBasis.applicable(role=role, level=level, day=day)
    if basis is None:
        return None, "", False
    return basis, basis.citation, basis.confirmed


def _policy(authority_id, year):
    return TrainingPolicy.objects.filter(authority_id=authority_id, year=year).first()


def _no_policy(year, authority):
    return EligibilityError(
        _("%(authority)s heeft (nog) geen scholingsregeling voor %(year)s; neem contact op met de griffie.")
        % {"authority": authority, "year": year}
    )


