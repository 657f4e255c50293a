"""Prior approval and direct payment: requests, decisions, release."""


from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from enrolment.services import EnrolmentError, enrolment_activate_paid_by_authority
from glashelder.kernel.audit import audit_log

from .. import tasks
from ..models import (
    ZERO,
    Reservation,
    ReservationKind,
    ReservationStatus,
)
from ..money import euro, to_money
from ..selectors import reserved_amount, spent_amount
from .common import (
    _after_commit,
    _check_course,
    _check_office,
    _check_role,
    _create_numbered,
    _lock_policy,
    _lock_reservation,
    _name,
    _no_policy,
    _policy,
    _require_griffie,
    _today,
)
from .errors import (
    BudgetError,
    EligibilityError,
    NotAllowedError,
    TransitionError,
)

# ---------------------------------------------------------------- prior approval and direct payment


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
    with transaction.atomic():
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
        audit_log(f"{kind}_requested", actor=member, target=reservation.number)
        _after_commit(tasks.send_griffie_request_notice, reservation.pk)
        return reservation


def prior_approval_request(*, member, office, course, remark="", today=None):
    return _request(member=member, office=office, course=course, kind=ReservationKind.PRIOR_APPROVAL, remark=remark, today=today)


def direct_payment_request(*, member, office, course, remark="", session=None, today=None):
    return _request(
        member=member, office=office, course=course, kind=ReservationKind.DIRECT_PAYMENT, remark=remark, session=session, today=today
    )


def _grant(reservation, actor, reason):
    """Lock policy then reservation; check budget and caps; mark granted."""
    unlocked = Reservation.objects.only("authority_id", "budget_year").get(pk=reservation.pk)
    policy = _lock_policy(unlocked.authority_id, unlocked.budget_year)
    reservation = _lock_reservation(reservation)
    _require_griffie(actor, reservation.authority_id)
    if reservation.status != ReservationStatus.REQUESTED:
        raise TransitionError(_("Over deze aanvraag is al beslist (%(status)s).") % {"status": reservation.get_status_display().lower()})
    if reservation.member_id and reservation.member_id == actor.pk:
        raise NotAllowedError(_("U kunt niet beslissen over uw eigen aanvraag."))
    amount = reservation.amount
    if policy.cap_per_course is not None and amount > policy.cap_per_course:
        raise BudgetError(_("Het maximum per cursus is %(cap)s; deze cursus kost %(amount)s.") % {"cap": euro(policy.cap_per_course), "amount": euro(amount)})
    if policy.cap_per_member is not None and reservation.member_id:
        used = spent_amount(authority_id=policy.authority_id, year=policy.year, member_id=reservation.member_id)
        held = reserved_amount(authority_id=policy.authority_id, year=policy.year, member_id=reservation.member_id)
        if amount > policy.cap_per_member - used - held:
            raise BudgetError(
                _("Dit gaat boven het maximum per ambtsdrager: %(cap)s per jaar, al besteed %(used)s, gereserveerd %(held)s; deze aanvraag is %(amount)s.")
                % {"cap": euro(policy.cap_per_member), "used": euro(used), "held": euro(held), "amount": euro(amount)}
            )
    spent = spent_amount(authority_id=policy.authority_id, year=policy.year)
    reserved = reserved_amount(authority_id=policy.authority_id, year=policy.year)
    left = policy.budget - spent - reserved
    if amount > left:
        raise BudgetError(
            _("Onvoldoende budget %(year)s: budget %(budget)s, besteed %(spent)s, gereserveerd %(reserved)s, over %(left)s; deze aanvraag is %(amount)s.")
            % {"year": policy.year, "budget": euro(policy.budget), "spent": euro(spent), "reserved": euro(reserved), "left": euro(max(left, ZERO)), "amount": euro(amount)}
        )
    reservation.status = ReservationStatus.GRANTED
    reservation.decided_at = timezone.now()
    reservation.decided_by = actor
    reservation.decided_by_name = _name(actor)
    reservation.decision_reason = (reason or "").strip()
    return reservation


def prior_approval_approve(*, reservation, actor, reason=""):
    """Grant a prior approval: the amount is reserved in the budget."""
    with transaction.atomic():
        reservation = _grant(reservation, actor, reason)
        if reservation.kind != ReservationKind.PRIOR_APPROVAL:
            raise TransitionError(_("Dit is geen aanvraag voor voorafgaande toestemming."))
        reservation.save()
        audit_log("prior_approval_granted", actor=actor, target=reservation.number, amount=str(reservation.amount))
        _after_commit(tasks.send_reservation_decision, reservation.pk)
        return reservation


def reservation_reject(*, reservation, actor, reason):
    """Refuse a prior-approval or direct-payment request (reason required)."""
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError(_("Geef de reden van de afwijzing."))
    with transaction.atomic():
        reservation = _lock_reservation(reservation)
        _require_griffie(actor, reservation.authority_id)
        if reservation.status != ReservationStatus.REQUESTED:
            raise TransitionError(_("Over deze aanvraag is al beslist (%(status)s).") % {"status": reservation.get_status_display().lower()})
        reservation.status = ReservationStatus.REFUSED
        reservation.decided_at = timezone.now()
        reservation.decided_by = actor
        reservation.decided_by_name = _name(actor)
        reservation.decision_reason = reason
        reservation.save()
        audit_log(f"{reservation.kind}_refused", actor=actor, target=reservation.number)
        _after_commit(tasks.send_reservation_decision, reservation.pk)
        return reservation


prior_approval_reject = reservation_reject
direct_payment_reject = reservation_reject


def direct_payment_approve(*, reservation, actor, reason=""):
    """Grant a direct payment: reserve the budget, make the enrolment active with an
    authority payment (through the enrolment service, which locks the session and counts
    its places by the one held-place rule), and send the provider a purchase order after
    commit. A refusal of the enrolment service is raised as a `TransitionError` with its
    Dutch message; nothing changes."""
    with transaction.atomic():
        reservation = _grant(reservation, actor, reason)
        if reservation.kind != ReservationKind.DIRECT_PAYMENT:
            raise TransitionError(_("Dit is geen aanvraag voor rechtstreekse betaling."))
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
        reservation.save()
        audit_log("direct_payment_granted", actor=actor, target=reservation.number, order=reservation.order_number, amount=str(reservation.amount))
        _after_commit(tasks.send_reservation_decision, reservation.pk)
        _after_commit(tasks.send_purchase_order, reservation.pk)
        return reservation


def reservations_release(*, enrolment, reason):
    """Release the granted or pending reservations of a cancelled enrolment; the budget is free again."""
    with transaction.atomic():
        reservations = list(
            Reservation.objects.select_for_update()
            .filter(Q(enrolment=enrolment) | Q(enrolment__isnull=True, member_id=enrolment.person_id, course_id=enrolment.course_id))
            .filter(status__in=(ReservationStatus.GRANTED, ReservationStatus.REQUESTED))
            .order_by("pk")
        )
        now = timezone.now()
        for reservation in reservations:
            reservation.status = ReservationStatus.RELEASED
            reservation.released_at = now
            reservation.decision_reason = (reservation.decision_reason + "\n" + reason).strip()
            reservation.save(update_fields=["status", "released_at", "decision_reason"])
            audit_log("reservation_released", target=reservation.number, amount=str(reservation.amount))
        return reservations


def reservation_link_enrolment(*, enrolment):
    """Link a granted prior approval to the enrolment made with it (payment_paid)."""
    with transaction.atomic():
        return Reservation.objects.filter(
            enrolment__isnull=True, member_id=enrolment.person_id, course_id=enrolment.course_id, status=ReservationStatus.GRANTED
        ).update(enrolment=enrolment)


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
    from django.urls import reverse

    return _(
        "%(authority)s vraagt voorafgaande toestemming voordat u zich inschrijft voor een betaalde cursus. "
        "Vraag die eerst aan via %(url)s."
    ) % {"authority": office.authority, "url": reverse("reimbursement:reservation_request", args=[course.pk])}
