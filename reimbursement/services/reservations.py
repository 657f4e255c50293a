"""Prior approval and direct payment: requests, decisions, use and release.

A reservation has no history table of its own: its audit rows are its history. Every
step on one runs through the kernel's transition skeleton (`_reservation_step`). A grant
locks the policy first, then the reservation, and asks `budget_check` — the same budget
rule a claim approval asks. The steps a person takes from a page are `@durable`;
`reservation_release`, `reservations_release`, `reservation_link_enrolment` and
`reservation_use` are building blocks that claims, reactions and the account deletion
call inside their own transaction.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from enrolment.services import EnrolmentError, enrolment_activate_paid_by_authority
from glashelder.kernel.money import to_money
from glashelder.kernel.transitions import durable, transition

from .. import tasks
from ..models import (
    Reservation,
    ReservationKind,
    ReservationStatus,
)
from .budget import budget_check
from .common import (
    _check_course,
    _check_office,
    _check_role,
    _create_numbered,
    _lock_policy_of,
    _name,
    _no_policy,
    _policy,
    _require_griffie,
    _require_not_own,
    _reservation_step,
    _today,
)
from .errors import (
    EligibilityError,
    InvalidInput,
    NotAllowedError,
    TransitionError,
)

# Requests that hold (or may come to hold) budget: released when they are no longer needed.
OPEN = (ReservationStatus.REQUESTED, ReservationStatus.GRANTED)

# ---------------------------------------------------------------- requests


def _check_request(*, member, office, course, kind, today=None):
    today = today or _today()
    if office.person_id != member.pk:
        raise NotAllowedError(_("Dit is niet uw ambt."))
    _check_course(course)
    _check_office(office, today)
    policy = _policy(office.authority_id, today.year)
    if policy is None:
        raise _no_policy(today.year, office.authority)
    _check_role(policy, office.role, office.get_role_display())
    if kind == ReservationKind.DIRECT_PAYMENT and not policy.direct_payment_allowed:
        raise EligibilityError(_("%(authority)s betaalt cursussen niet rechtstreeks aan de aanbieder.") % {"authority": office.authority})
    if kind == ReservationKind.PRIOR_APPROVAL and not policy.prior_approval_required:
        raise EligibilityError(_("%(authority)s vraagt geen voorafgaande toestemming; u kunt zich direct inschrijven.") % {"authority": office.authority})
    open_request = Reservation.objects.filter(
        member=member, course=course, status__in=(ReservationStatus.REQUESTED, ReservationStatus.GRANTED, ReservationStatus.USED)
    ).exists()
    if open_request:
        raise EligibilityError(_("U heeft voor deze cursus al een aanvraag gedaan."))
    return policy


def _request(*, member, office, course, kind, remark, session=None, today=None):
    today = today or _today()
    # The member is locked: two requests at the same moment cannot both pass the duplicate check.
    with transition(get_user_model().objects, member.pk) as step:
        _check_request(member=member, office=office, course=course, kind=kind, today=today)
        if kind == ReservationKind.DIRECT_PAYMENT and course.needs_attendance:
            if session is None or session.course_id != course.pk or not session.registration_open():
                raise EligibilityError(_("Kies een bijeenkomst waarvoor u zich nog kunt inschrijven."))
        else:
            session = None
        reservation = _create_numbered(
            Reservation,
            "VT" if kind == ReservationKind.PRIOR_APPROVAL else "RB",
            today.year,
            kind=kind,
            authority=office.authority,
            budget_year=today.year,
            member=member,
            office=office,
            member_name=_name(member),
            role=office.role,
            course=course,
            course_title=course.title,
            provider_name=course.provider.name,
            provider_email=course.provider.email,
            amount=to_money(course.price),
            member_remark=remark or "",
            session=session,
        )
        step.audit(f"{kind}_requested", actor=member, target=reservation.number)
        step.after_commit(tasks.send_griffie_request_notice, reservation.pk)
    return reservation


@durable
def prior_approval_request(*, member, office, course, remark="", today=None):
    return _request(member=member, office=office, course=course, kind=ReservationKind.PRIOR_APPROVAL, remark=remark, today=today)


@durable
def direct_payment_request(*, member, office, course, remark="", session=None, today=None):
    return _request(
        member=member, office=office, course=course, kind=ReservationKind.DIRECT_PAYMENT, remark=remark, session=session, today=today
    )


# ---------------------------------------------------------------- the griffie's decisions


def _decision_step(reservation):
    return _reservation_step(reservation, (ReservationStatus.REQUESTED,), _("Over deze aanvraag is al beslist (%(status)s)."))


def _grant(step, *, policy, actor, reason, kind):
    """Check who decides, the kind and the budget (`policy` locked first); mark the locked reservation granted."""
    reservation = step.obj
    _require_griffie(actor, reservation.authority_id)
    _require_not_own(reservation, actor, _("U kunt niet beslissen over uw eigen aanvraag."))
    if reservation.kind != kind:
        raise TransitionError(
            _("Dit is geen aanvraag voor voorafgaande toestemming.") if kind == ReservationKind.PRIOR_APPROVAL
            else _("Dit is geen aanvraag voor rechtstreekse betaling.")
        )
    budget_check(policy=policy, amount=reservation.amount, member_id=reservation.member_id, own_reservation_id=reservation.pk)
    reservation.status = ReservationStatus.GRANTED
    reservation.decided_at = timezone.now()
    reservation.decided_by = actor
    reservation.decided_by_name = _name(actor)
    reservation.decision_reason = (reason or "").strip()
    return reservation


@durable
def prior_approval_approve(*, reservation, actor, reason=""):
    """Grant a prior approval: the amount is reserved in the budget."""
    policy = _lock_policy_of(reservation)
    with _decision_step(reservation) as step:
        reservation = _grant(step, policy=policy, actor=actor, reason=reason, kind=ReservationKind.PRIOR_APPROVAL)
        step.save()
        step.audit("prior_approval_granted", actor=actor, target=reservation.number, amount=str(reservation.amount))
        step.after_commit(tasks.send_reservation_decision, reservation.pk)
    return reservation


@durable
def reservation_reject(*, reservation, actor, reason):
    """Refuse a prior-approval or direct-payment request (reason required)."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Geef de reden van de afwijzing."))
    with _decision_step(reservation) as step:
        reservation = step.obj
        _require_griffie(actor, reservation.authority_id)
        reservation.status = ReservationStatus.REFUSED
        reservation.decided_at = timezone.now()
        reservation.decided_by = actor
        reservation.decided_by_name = _name(actor)
        reservation.decision_reason = reason
        step.save()
        step.audit(f"{reservation.kind}_refused", actor=actor, target=reservation.number)
        step.after_commit(tasks.send_reservation_decision, reservation.pk)
    return reservation


prior_approval_reject = reservation_reject
direct_payment_reject = reservation_reject


@durable
def direct_payment_approve(*, reservation, actor, reason=""):
    """Grant a direct payment: reserve the budget, make the enrolment active with an
    authority payment (through the enrolment service, which locks the session and counts
    its places by the one held-place rule), and send the provider a purchase order after
    commit. A refusal of the enrolment service is raised as a `TransitionError` with its
    Dutch message; nothing changes."""
    policy = _lock_policy_of(reservation)
    with _decision_step(reservation) as step:
        reservation = _grant(step, policy=policy, actor=actor, reason=reason, kind=ReservationKind.DIRECT_PAYMENT)
        if reservation.office is None or reservation.member is None or reservation.course is None:
            raise TransitionError(_("De ambtsdrager, het ambt of de cursus bestaat niet meer."))
        order_number = f"IO-{reservation.budget_year}-{reservation.pk:06d}"
        try:
            enrolment = enrolment_activate_paid_by_authority(
                person=reservation.member, office=reservation.office, course=reservation.course,
                session=reservation.session, amount=reservation.amount, reference=order_number, actor=actor,
            )
        except EnrolmentError as error:
            raise TransitionError(error.message) from error
        reservation.enrolment = enrolment
        reservation.order_number = order_number
        step.save()
        step.audit(
            "direct_payment_granted", actor=actor, target=reservation.number, order=reservation.order_number, amount=str(reservation.amount)
        )
        step.after_commit(tasks.send_reservation_decision, reservation.pk)
        step.after_commit(tasks.send_purchase_order, reservation.pk)
    return reservation


# ---------------------------------------------------------------- use and release


def reservation_use(*, reservation):
    """The claim that used this reservation is approved: its amount now counts as spent, no longer as reserved."""
    with transition(Reservation.objects, reservation.pk) as step:
        step.obj.status = ReservationStatus.USED
        step.save("status")
    return step.obj


def reservation_release(*, reservation, reason, actor=None):
    """Requested or granted → released: the amount is free again. Returns None when it was no longer open."""
    with transition(Reservation.objects, reservation.pk) as step:
        reservation = step.obj
        if reservation.status not in OPEN:
            return None  # already decided otherwise or released: releasing again changes nothing
        reservation.status = ReservationStatus.RELEASED
        reservation.released_at = timezone.now()
        reservation.decision_reason = (reservation.decision_reason + "\n" + reason).strip()
        step.save("status", "released_at", "decision_reason")
        step.audit("reservation_released", actor=actor, target=reservation.number, amount=str(reservation.amount))
    return reservation


def _of_enrolment(enrolment):
    """The reservations made for this enrolment, or for its member and course before it existed."""
    return Reservation.objects.filter(
        Q(enrolment=enrolment) | Q(enrolment__isnull=True, member_id=enrolment.person_id, course_id=enrolment.course_id)
    ).order_by("pk")


def reservations_release(*, enrolment, reason):
    """Release the granted or pending reservations of a cancelled enrolment; the budget is free again.

    A granted direct payment whose purchase order went out stays: the authority owes the provider
    that amount whatever happens to the enrolment (a refund by the provider is settled between them),
    so its budget is not freed by a cancellation or an account deletion.
    """
    committed = Q(kind=ReservationKind.DIRECT_PAYMENT, status=ReservationStatus.GRANTED) & ~Q(order_number="")
    with transaction.atomic():
        open_ones = _of_enrolment(enrolment).filter(status__in=OPEN).exclude(committed)
        released = [reservation_release(reservation=r, reason=reason) for r in open_ones]
    return [r for r in released if r is not None]


def reservation_link_enrolment(*, enrolment):
    """Link a granted prior approval to the enrolment made with it (payment_paid). Returns how many were linked."""
    linked = 0
    with transaction.atomic():
        for candidate in _of_enrolment(enrolment).filter(enrolment__isnull=True, status=ReservationStatus.GRANTED):
            with transition(Reservation.objects, candidate.pk) as step:
                if step.obj.status != ReservationStatus.GRANTED or step.obj.enrolment_id is not None:
                    continue
                step.obj.enrolment = enrolment
                step.save("enrolment")
                linked += 1
    return linked


def enrolment_prior_approval_refusal(*, person, office, course):
    """For the enrolment check hook: a Dutch refusal when prior approval is required and not granted."""
    if office is None or course.is_free or not course.is_reimbursable:
        return None
    today = _today()
    policy = _policy(office.authority_id, today.year)
    if policy is None or not policy.prior_approval_required or not policy.role_is_eligible(office.role):
        return None
    granted = Reservation.objects.filter(
        member=person, course=course, status__in=(ReservationStatus.GRANTED, ReservationStatus.USED)
    ).exists()
    if granted:
        return None
    return _(
        "%(authority)s vraagt voorafgaande toestemming voordat u zich inschrijft voor een betaalde cursus. "
        "Vraag die eerst aan via %(url)s."
    ) % {"authority": office.authority, "url": reverse("reimbursement:reservation_request", args=[course.pk])}
