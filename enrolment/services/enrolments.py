"""Enrolling, the waiting list, cancelling, unpaid holds and attendance."""


import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from courses.choices import ReviewStatus
from courses.models import Session
from glashelder.kernel.choices import AuthorityKind, Level
from glashelder.offices.models import OfficeStatus

from .. import signals
from ..models import (
    Enrolment,
    EnrolmentStatus,
    Payment,
    PaymentStatus,
)
from ..selectors import PLACE_HOLDING, taken_places
from .common import OPEN_STATUSES, EnrolmentError, SessionFullError, _enqueue_mail, _send_signal
from .payments import _refund_locked
from .progress import enrolment_try_complete

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


def enrolment_create(*, person, office, course, session=None, waitlist=False):
    """Enrol `person` in `course` under `office` (and `session` for live/blended courses).

    Free course: active at once. Paid course: `requested` until the payment is
    confirmed. Full session: `SessionFullError`, unless `waitlist=True`, which
    puts the member on the waiting list.
    """
    course = course.specific if hasattr(course, "specific") else course
    if not course.needs_attendance:
        session = None
    with transaction.atomic():
        if session is not None:
            # The session row is the lock that serialises counting its places.
            session = Session.objects.select_for_update().get(pk=session.pk)
        refusal = _refusal(person=person, office=office, course=course, session=session, today=timezone.localdate())
        if refusal:
            raise EnrolmentError(refusal)
        now = timezone.now()
        status = EnrolmentStatus.ACTIVE if course.is_free else EnrolmentStatus.REQUESTED
        if session is not None and taken_places(session) >= session.capacity:
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
    if session.cancelled or taken_places(session) >= session.capacity:
        return None
    waiting = (
        Enrolment.objects.select_for_update()
        .filter(session=session, status=EnrolmentStatus.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    now = timezone.now()
    if waiting.course.is_free:
        waiting.status = EnrolmentStatus.ACTIVE
        waiting.activated_at = now
    else:
        waiting.status = EnrolmentStatus.REQUESTED
        waiting.place_held_since = now
    waiting.save(update_fields=["status", "activated_at", "place_held_since"])
    _enqueue_mail("promoted", waiting.pk)
    return waiting


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


def _cancel_locked(enrolment, *, refund_reason):
    """Cancel a locked enrolment and refund what was paid. Returns whether a place was freed."""
    held_place = enrolment.status in PLACE_HOLDING
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.cancelled_at = timezone.now()
    enrolment.save(update_fields=["status", "cancelled_at"])
    for payment in Payment.objects.select_for_update().filter(enrolment=enrolment).order_by("pk"):
        if payment.status == PaymentStatus.PAID:
            _refund_locked(payment, reason=refund_reason)
        elif payment.status == PaymentStatus.OPEN:
            payment.status = PaymentStatus.EXPIRED
            payment.save(update_fields=["status", "updated_at"])
    _send_signal(signals.enrolment_cancelled, enrolment=enrolment)
    return held_place


def enrolment_cancel(*, enrolment, by):
    """The member cancels (up to the session's deadline); refund and waiting-list promotion follow."""
    with transaction.atomic():
        session = None
        if enrolment.session_id:
            session = Session.objects.select_for_update().get(pk=enrolment.session_id)
        enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("course", "session").get(pk=enrolment.pk)
        if by.pk != enrolment.person_id and not by.is_superuser:
            raise EnrolmentError(_("Alleen de deelnemer zelf kan deze inschrijving annuleren."))
        refusal = cancellation_refusal(enrolment)
        if refusal:
            raise EnrolmentError(refusal)
        freed = _cancel_locked(enrolment, refund_reason="requested_by_customer")
        _enqueue_mail("cancelled", enrolment.pk)
        if session is not None and freed:
            _promote_from_waitlist(session)
    return enrolment


def session_cancel(*, session, by):
    """The provider cancels a session: every open enrolment is cancelled, refunded and notified."""
    from courses.selectors import provider_ids

    with transaction.atomic():
        session = Session.objects.select_for_update(of=("self",)).select_related("course").get(pk=session.pk)
        if not by.is_superuser and session.course.provider_id not in provider_ids(by):
            raise EnrolmentError(_("U kunt alleen bijeenkomsten van uw eigen cursussen annuleren."))
        if session.cancelled:
            raise EnrolmentError(_("Deze bijeenkomst is al geannuleerd."))
        session.cancelled = True
        session.save(update_fields=["cancelled"])
        enrolments = (
            Enrolment.objects.select_for_update(of=("self",))
            .filter(session=session, status__in=OPEN_STATUSES)
            .select_related("course")
            .order_by("pk")
        )
        cancelled = []
        for enrolment in enrolments:
            _cancel_locked(enrolment, refund_reason="requested_by_customer")
            _enqueue_mail("session_cancelled", enrolment.pk)
            cancelled.append(enrolment)
    return cancelled


# A paid place in a session is held this long for the payment; then it goes to the waiting list.
PAYMENT_HOLD = datetime.timedelta(hours=48)


def enrolments_expire_unpaid(*, now=None):
    """Cancel `requested` session enrolments whose payment did not arrive within PAYMENT_HOLD
    (counted from the enrolment or the promotion from the waiting list), freeing their places
    for the waiting list. Idempotent; run it regularly (`manage.py expire_unpaid_enrolments`)."""
    now = now or timezone.now()
    due = (
        Enrolment.objects.filter(status=EnrolmentStatus.REQUESTED, session__isnull=False, place_held_since__lt=now - PAYMENT_HOLD)
        .exclude(payments__status=PaymentStatus.PAID)
        .values_list("pk", "session_id")
    )
    expired = []
    for pk, session_id in list(due):
        with transaction.atomic():
            session = Session.objects.select_for_update().get(pk=session_id)
            enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("course").get(pk=pk)
            if enrolment.status != EnrolmentStatus.REQUESTED or enrolment.place_held_since >= now - PAYMENT_HOLD:
                continue
            if enrolment.payments.filter(status=PaymentStatus.PAID).exists():
                continue
            _cancel_locked(enrolment, refund_reason="requested_by_customer")
            _enqueue_mail("expired", enrolment.pk)
            _promote_from_waitlist(session)
            expired.append(enrolment)
    return expired


def attendance_register(*, session, by, attended):
    """The provider registers who attended (`attended`: {enrolment_id: bool}); may complete enrolments."""
    from courses.selectors import provider_ids

    changed = []
    with transaction.atomic():
        session = Session.objects.select_for_update(of=("self",)).select_related("course").get(pk=session.pk)
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
    for enrolment in changed:
        if enrolment.attended:
            enrolment_try_complete(enrolment=enrolment)
    return changed


