"""Enrolling, the waiting list, cancelling, unpaid holds, attendance, direct payment by the
authority and the erasure of a deleted account's enrolments.

Every transition runs through the kernel's skeleton (`glashelder.kernel.transitions`):
the session row is locked first (it serialises counting its places), then the
enrolment row, which is re-read and its state checked; then the change, the event
(the enrolment signal, the member's e-mail), the audit row, and the side effects after
commit. A place counts as taken by the one rule in `enrolment.selectors` (`PLACE_HOLDING`).

Top-level services (called by a view or a command) are `@durable`: they own their
transaction. Building blocks that another service calls inside its own transaction are
not: `enrolment_activate_paid_by_authority` (the griffie's direct-payment approval) and
`enrolments_erase_personal_data` (account deletion).
"""


import datetime

from django.db import IntegrityError, transaction
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from courses.choices import ReviewStatus
from courses.models import Session
from courses.selectors import provider_ids
from glashelder.kernel.audit import audit_log
from glashelder.kernel.choices import AuthorityKind, Level
from glashelder.kernel.money import to_money
from glashelder.kernel.transitions import durable, transition
from glashelder.offices.models import OfficeStatus

from .. import signals, tasks
from ..models import (
    Certificate,
    Enrolment,
    EnrolmentStatus,
    ModuleProgress,
    Payment,
    PaymentMethod,
    PaymentStatus,
)
from ..selectors import holds_place, taken_places
from .common import OPEN_STATUSES, EnrolmentError, SessionFullError, _enqueue_mail, _send_signal
from .payments import _refund_locked
from .progress import enrolment_try_complete


class CancellationReason(TextChoices):
    """Why an enrolment was cancelled; written to the audit log with the cancellation."""

    MEMBER = "member", gettext_lazy("geannuleerd door de deelnemer")
    SESSION_CANCELLED = "session_cancelled", gettext_lazy("bijeenkomst geannuleerd")
    PAYMENT_EXPIRED = "payment_expired", gettext_lazy("betaling niet op tijd ontvangen")
    ACCOUNT_DELETED = "account_deleted", gettext_lazy("account verwijderd")


# Payments the platform collected itself and can give back through their provider. A
# payment by the authority (direct payment on a purchase order) or one recorded as paid
# elsewhere never passed through the platform: cancelling leaves it recorded as paid,
# and the payer settles it with the provider.
REFUNDABLE_METHODS = (PaymentMethod.STRIPE, PaymentMethod.DEMO)


def _lock_session(session_id):
    """Lock the session row (the first lock of every transition that counts places)."""
    if session_id is None:
        return None
    return Session.objects.select_for_update().get(pk=session_id)


def _enrolment_transition(enrolment_id, **kwargs):
    """The kernel's transition on one enrolment, with its course and session read along."""
    return transition(Enrolment.objects, enrolment_id, select_related=("course", "session"), **kwargs)


def _audit_target(enrolment):
    return f"enrolment:{enrolment.pk}"


# --- enrolling ---------------------------------------------------------------


def _refusal(*, person, office, course, session, today):
    """The reason this enrolment is not allowed, or None."""
    if office.person_id != person.pk:
        return _("Dit ambt staat niet op uw naam.")
    if office.status == OfficeStatus.DECLINED:
        return _("De griffie heeft dit ambt niet bevestigd; u kunt zich er niet mee inschrijven.")
    if not office.held_on(today):
        return _("U bekleedt dit ambt vandaag niet; kies een ambt dat u nu bekleedt.")
    if not course.live or course.review_status != ReviewStatus.APPROVED:
        return _("Deze cursus is niet (meer) open voor inschrijving.")
    if office.role not in course.audience_roles:
        return _("Deze cursus is niet bedoeld voor uw ambt (%(role)s).") % {"role": office.get_role_display()}
    if course.level != Level.BEIDE:
        wanted = AuthorityKind.GEMEENTE if course.level == Level.GEMEENTE else AuthorityKind.PROVINCIE
        if office.authority.kind != wanted:
            return _("Deze cursus is bedoeld voor ambtsdragers van een %(level)s.") % {"level": course.get_level_display().lower()}
    if not course.is_free and office.status != OfficeStatus.VERIFIED:
        return _("Voor betaalde cursussen moet de griffie uw ambt eerst bevestigen. Gratis cursussen kunt u al volgen.")
    if course.needs_attendance:
        if session is None:
            return _("Kies een bijeenkomst.")
        if session.course_id != course.pk:
            return _("Deze bijeenkomst hoort niet bij deze cursus.")
        if session.cancelled:
            return _("Deze bijeenkomst is geannuleerd.")
        if timezone.now() > session.registration_deadline:
            return _("De inschrijftermijn voor deze bijeenkomst is verstreken.")
    elif session is not None and session.course_id != course.pk:
        return _("Deze bijeenkomst hoort niet bij deze cursus.")
    if Enrolment.objects.filter(person=person, course=course).exclude(status=EnrolmentStatus.CANCELLED).exists():
        return _("U bent al ingeschreven voor deze cursus.")
    for check in hooks.get_hooks("glashelder_enrolment_checks"):
        refusal = check(person=person, office=office, course=course, session=session)
        if refusal:
            return str(refusal)
    return None


def _session_full(session):
    """Whether `session` has no place left, by the one held-place rule. Caller holds the session lock."""
    return taken_places(session) >= session.capacity


@durable
def enrolment_create(*, person, office, course, session=None, waitlist=False):
    """Enrol `person` in `course` under `office` (and `session` for live/blended courses).

    Free course: active at once. Paid course: `requested` until the payment is
    confirmed. Full session: `SessionFullError`, unless `waitlist=True`, which
    puts the member on the waiting list.
    """
    course = course.specific if hasattr(course, "specific") else course
    if not course.needs_attendance:
        session = None
    # The session row is the lock that serialises counting its places.
    session = _lock_session(session.pk if session is not None else None)
    refusal = _refusal(person=person, office=office, course=course, session=session, today=timezone.localdate())
    if refusal:
        raise EnrolmentError(refusal)
    now = timezone.now()
    status = EnrolmentStatus.ACTIVE if course.is_free else EnrolmentStatus.REQUESTED
    if session is not None and _session_full(session):
        if not waitlist:
            raise SessionFullError(_("Deze bijeenkomst is vol. U kunt zich op de wachtlijst zetten."))
        status = EnrolmentStatus.WAITLISTED
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                person=person, office=office, course=course, session=session, status=status, created_at=now,
                activated_at=now if status == EnrolmentStatus.ACTIVE else None,
                place_held_since=now if status == EnrolmentStatus.REQUESTED and session is not None else None,
            )
    except IntegrityError:
        raise EnrolmentError(_("U bent al ingeschreven voor deze cursus."))
    _enqueue_mail("waitlisted" if status == EnrolmentStatus.WAITLISTED else "enrolled", enrolment.pk)
    return enrolment


def _promote_from_waitlist(session):
    """Give a freed place to the first person waiting (FIFO). Caller holds the session lock."""
    if session.cancelled or _session_full(session):
        return None
    first = (
        Enrolment.objects.filter(session=session, status=EnrolmentStatus.WAITLISTED)
        .order_by("created_at", "pk").values_list("pk", flat=True).first()
    )
    if first is None:
        return None
    with _enrolment_transition(first) as step:
        waiting = step.obj
        now = timezone.now()
        if waiting.course.is_free:
            waiting.status = EnrolmentStatus.ACTIVE
            waiting.activated_at = now
        else:
            waiting.status = EnrolmentStatus.REQUESTED
            waiting.place_held_since = now
        step.save("status", "activated_at", "place_held_since")
        step.audit("enrolment_promoted", target=_audit_target(waiting), session=session.pk, status=waiting.status)
        _enqueue_mail("promoted", waiting.pk)
    return waiting


# --- cancelling ----------------------------------------------------------------


def cancellation_refusal(enrolment, now=None):
    """Why the member can no longer cancel, or None."""
    now = now or timezone.now()
    if enrolment.status not in OPEN_STATUSES:
        return _("Deze inschrijving kan niet meer worden geannuleerd.")
    if enrolment.session_id and now > enrolment.session.registration_deadline:
        return _("De annuleringstermijn is verstreken: annuleren kan tot de inschrijfdeadline van de bijeenkomst.")
    if not enrolment.session_id and enrolment.progress.filter(completed_at__isnull=False).exists():
        return _("U heeft al een module afgerond; deze cursus kan niet meer worden geannuleerd.")
    return None


def _cancel_locked(step, *, session, reason, actor=None, refund=True, mail=None):
    """The change of every cancellation, inside a transition the caller opened (session,
    then enrolment locked; its checks done).

    The enrolment is cancelled; with `refund`, every payment the platform collected is
    refunded in full (a refund that fails raises `PaymentError` and nothing changes);
    without it, paid payments stay paid. Open payments expire. Then the
    `enrolment_cancelled` signal, the audit row with the `reason`, the member's e-mail
    (`mail` kind, none when None) and, when a session place was freed, the first person
    on the waiting list gets it.
    """
    enrolment = step.obj
    freed = holds_place(enrolment)
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.cancelled_at = timezone.now()
    step.save("status", "cancelled_at")
    refunded = []
    for payment in Payment.objects.select_for_update().filter(enrolment=enrolment).order_by("pk"):
        if payment.status == PaymentStatus.PAID and refund and payment.method in REFUNDABLE_METHODS:
            _refund_locked(payment, reason="requested_by_customer")
            refunded.append(payment.pk)
        elif payment.status == PaymentStatus.OPEN:
            payment.status = PaymentStatus.EXPIRED
            payment.save(update_fields=["status", "updated_at"])
    _send_signal(signals.enrolment_cancelled, enrolment=enrolment)
    step.audit(
        "enrolment_cancelled", actor=actor, target=_audit_target(enrolment),
        reason=str(reason), refunded_payments=refunded, place_freed=freed,
    )
    if mail:
        _enqueue_mail(mail, enrolment.pk)
    if session is not None and freed:
        _promote_from_waitlist(session)
    return enrolment


@durable
def enrolment_cancel(*, enrolment, by):
    """The member cancels (up to the session's deadline); refund and waiting-list promotion follow."""
    session = _lock_session(enrolment.session_id)
    with _enrolment_transition(enrolment.pk) as step:
        if by.pk != step.obj.person_id and not by.is_superuser:
            raise EnrolmentError(_("Alleen de deelnemer zelf kan deze inschrijving annuleren."))
        refusal = cancellation_refusal(step.obj)
        if refusal:
            raise EnrolmentError(refusal)
        return _cancel_locked(step, session=session, reason=CancellationReason.MEMBER, actor=by, mail="cancelled")


@durable
def session_cancel(*, session, by):
    """The provider cancels a session: every open enrolment is cancelled, refunded and notified."""
    with transition(Session.objects, session.pk, select_related=("course",)) as step:
        session = step.obj
        if not by.is_superuser and session.course.provider_id not in provider_ids(by):
            raise EnrolmentError(_("U kunt alleen bijeenkomsten van uw eigen cursussen annuleren."))
        if session.cancelled:
            raise EnrolmentError(_("Deze bijeenkomst is al geannuleerd."))
        session.cancelled = True
        step.save("cancelled")
        step.audit("session_cancelled", actor=by, target=f"session:{session.pk}")
        cancelled = []
        for pk in Enrolment.objects.filter(session=session, status__in=OPEN_STATUSES).order_by("pk").values_list("pk", flat=True):
            with _enrolment_transition(pk) as enrolment_step:
                cancelled.append(_cancel_locked(
                    enrolment_step, session=session, reason=CancellationReason.SESSION_CANCELLED, actor=by,
                    mail="session_cancelled",
                ))
    return cancelled


# A paid place in a session is held this long for the payment; then it goes to the waiting list.
PAYMENT_HOLD = datetime.timedelta(hours=48)


def _hold_lapsed(enrolment, now):
    return (
        enrolment.status == EnrolmentStatus.REQUESTED
        and enrolment.place_held_since is not None
        and enrolment.place_held_since < now - PAYMENT_HOLD
        and not enrolment.payments.filter(status=PaymentStatus.PAID).exists()
    )


@durable
def _expire_unpaid(*, enrolment_id, session_id, now):
    """Release one lapsed unpaid hold, if it is still lapsed once locked."""
    session = _lock_session(session_id)
    with _enrolment_transition(enrolment_id) as step:
        if not _hold_lapsed(step.obj, now):
            return None
        return _cancel_locked(step, session=session, reason=CancellationReason.PAYMENT_EXPIRED, mail="expired")


def enrolments_expire_unpaid(*, now=None):
    """Cancel `requested` session enrolments whose payment did not arrive within PAYMENT_HOLD
    (counted from the enrolment or the promotion from the waiting list), freeing their places
    for the waiting list. Idempotent; run it regularly (`manage.py expire_unpaid_enrolments`).
    Each enrolment is released in its own transaction."""
    now = now or timezone.now()
    due = (
        Enrolment.objects.filter(status=EnrolmentStatus.REQUESTED, session__isnull=False, place_held_since__lt=now - PAYMENT_HOLD)
        .exclude(payments__status=PaymentStatus.PAID)
        .values_list("pk", "session_id")
    )
    expired = []
    for pk, session_id in list(due):
        enrolment = _expire_unpaid(enrolment_id=pk, session_id=session_id, now=now)
        if enrolment is not None:
            expired.append(enrolment)
    return expired


def enrolments_erase_personal_data(*, person):
    """The enrolment side of account deletion; runs inside the deletion's transaction (not durable).

    Every open enrolment (requested, waitlisted, active) is cancelled through the one
    cancellation transition with the reason "account verwijderd": a session place it held
    goes to the first person on the waiting list, the `enrolment_cancelled` signal is sent
    (so the reimbursement app releases a reservation), and the audit log keeps the reason.
    No e-mail goes to the deleted account.

    The refund follows the normal cancellation rule (`cancellation_refusal`): an unpaid
    hold is simply released (its open payment expires); a paid enrolment the member could
    still cancel today (before the session's registration deadline, or before a module of
    a course without sessions is done) is refunded in full, as if the member had cancelled;
    past that point it is cancelled without a refund, as the member could no longer have
    cancelled it. A payment the platform did not collect (paid by the authority) is never
    refunded here. A refund that fails refuses the deletion as a whole (nothing changes).

    Then progress and certificates are deleted, and the enrolments are kept without the
    person and office, because their payments belong to the financial records.
    """
    open_enrolments = list(
        Enrolment.objects.filter(person=person, status__in=OPEN_STATUSES)
        .order_by("session_id", "pk").values_list("pk", "session_id")
    )
    for pk, session_id in open_enrolments:
        session = _lock_session(session_id)
        with _enrolment_transition(pk) as step:
            if step.obj.status not in OPEN_STATUSES:
                continue
            refund = cancellation_refusal(step.obj) is None
            _cancel_locked(step, session=session, reason=CancellationReason.ACCOUNT_DELETED, actor=person, refund=refund)
    enrolments = Enrolment.objects.filter(person=person)
    ModuleProgress.objects.filter(enrolment__in=enrolments).delete()
    Certificate.objects.filter(enrolment__in=enrolments).delete()
    enrolments.update(person=None, office=None, attendance_registered_by=None, last_module=None)


# --- direct payment by the authority ---------------------------------------------------


def enrolment_activate_paid_by_authority(*, person, office, course, session=None, amount, reference, actor=None):
    """The authority pays the provider directly (a granted direct payment): enrol `person`
    under `office`, or activate their requested enrolment, with a paid `authority` payment
    of `amount`; `reference` (the purchase order) goes to the audit log.

    A building block: the reimbursement app calls it inside its own approval transaction.
    The session is locked and its places counted by the one held-place rule; a member whose
    requested enrolment already holds a place there keeps it. Refusals raise
    `EnrolmentError` (`SessionFullError` for a full or cancelled session) and change nothing.
    """
    course = course.specific if hasattr(course, "specific") else course
    if not course.needs_attendance:
        session = None
    session = _lock_session(session.pk if session is not None else None)
    now = timezone.now()
    existing = (
        Enrolment.objects.filter(person=person, course=course).exclude(status=EnrolmentStatus.CANCELLED)
        .values_list("pk", flat=True).first()
    )
    if existing is None:
        if session is not None and (session.cancelled or _session_full(session)):
            raise SessionFullError(_("De gekozen bijeenkomst is vol of geannuleerd; vraag de ambtsdrager een andere te kiezen."))
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    person=person, office=office, course=course, session=session,
                    status=EnrolmentStatus.ACTIVE, created_at=now, activated_at=now,
                )
        except IntegrityError:
            raise EnrolmentError(_("De ambtsdrager is al ingeschreven en heeft de cursus al betaald of gevolgd."))
        _record_authority_payment(enrolment, amount=amount, reference=reference, actor=actor, now=now, activated_from=None)
        return enrolment
    with _enrolment_transition(existing) as step:
        enrolment = step.obj
        if enrolment.status != EnrolmentStatus.REQUESTED:
            raise EnrolmentError(_("De ambtsdrager is al ingeschreven en heeft de cursus al betaald of gevolgd."))
        if session is not None and enrolment.session_id != session.pk:
            raise EnrolmentError(
                _("De ambtsdrager is al ingeschreven voor een andere bijeenkomst van deze cursus; vraag de ambtsdrager die te kiezen of eerst te annuleren.")
            )
        enrolment.status = EnrolmentStatus.ACTIVE
        enrolment.activated_at = now
        step.save("status", "activated_at")
        # The member may have started paying themselves: that payment is no longer due.
        Payment.objects.filter(enrolment=enrolment, status=PaymentStatus.OPEN).update(status=PaymentStatus.EXPIRED, updated_at=now)
        _record_authority_payment(
            enrolment, amount=amount, reference=reference, actor=actor, now=now, activated_from=step.from_status
        )
    return enrolment


def _record_authority_payment(enrolment, *, amount, reference, actor, now, activated_from):
    payment = Payment.objects.create(
        enrolment=enrolment, method=PaymentMethod.AUTHORITY, status=PaymentStatus.PAID, amount=to_money(amount), paid_at=now,
    )
    _send_signal(signals.payment_paid, enrolment=enrolment, payment=payment)
    audit_log(
        "enrolment_paid_by_authority", actor=actor, target=_audit_target(enrolment),
        reference=reference, amount=str(payment.amount), activated_from=str(activated_from) if activated_from else None,
    )
    _enqueue_mail("enrolled", enrolment.pk)
    return payment


# --- attendance ------------------------------------------------------------------


@durable
def attendance_register(*, session, by, attended):
    """The provider registers who attended (`attended`: {enrolment_id: bool}); may complete enrolments."""
    changed = []
    with transition(Session.objects, session.pk, select_related=("course",)) as step:
        session = step.obj
        if not by.is_superuser and session.course.provider_id not in provider_ids(by):
            raise EnrolmentError(_("U kunt alleen aanwezigheid registreren voor uw eigen cursussen."))
        if session.starts_at > timezone.now():
            raise EnrolmentError(_("Aanwezigheid registreert u na het begin van de bijeenkomst."))
        enrolments = Enrolment.objects.select_for_update().filter(
            session=session, pk__in=list(attended), status__in=(EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)
        )
        now = timezone.now()
        for enrolment in enrolments.order_by("pk"):
            value = bool(attended[enrolment.pk])
            if enrolment.attended != value:
                enrolment.attended = value
                enrolment.attendance_registered_by = by
                enrolment.attendance_registered_at = now
                enrolment.save(update_fields=["attended", "attendance_registered_by", "attendance_registered_at"])
                changed.append(enrolment)
        if changed:
            step.audit(
                "attendance_registered", actor=by, target=f"session:{session.pk}",
                attended=[e.pk for e in changed if e.attended], absent=[e.pk for e in changed if not e.attended],
            )
        for enrolment in changed:
            if enrolment.attended:
                enrolment_try_complete(enrolment=enrolment)
    return changed


def session_reminders_send(*, days=2, now=None):
    """Remind each active member of a session starting within `days` days, once.

    Each enrolment is claimed (its reminder time set) before the mail is queued, in its own
    transaction, so two runs at the same moment never remind twice. Returns the number sent.
    """
    now = now or timezone.now()
    due = Enrolment.objects.filter(
        status=EnrolmentStatus.ACTIVE, session__cancelled=False, session__starts_at__gt=now,
        session__starts_at__lte=now + datetime.timedelta(days=days), session_reminder_sent_at__isnull=True,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Enrolment.objects.filter(pk=pk, session_reminder_sent_at__isnull=True).update(session_reminder_sent_at=now)
            if claimed:
                transaction.on_commit(lambda pk=pk: tasks.send_enrolment_mail.enqueue(kind="session_reminder", enrolment_id=pk))
                sent += 1
    return sent
