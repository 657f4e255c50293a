"""Business rules for enrolling, the waiting list, progress, completion and payments.

Every state change is one function with keyword-only arguments, inside one
transaction, with the rows it changes locked (`select_for_update`). Locks are
taken in a fixed order — session, then enrolment, then payment — so two
requests never wait on each other in a circle. Side effects (e-mails, signals)
run after commit. A forbidden transition raises an `EnrolmentError` (or a
subclass) with a Dutch message and changes nothing.
"""

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from courses.choices import ReviewStatus
from courses.models import CompletionRule, ModulePage, Session
from glashelder.kernel.choices import AuthorityKind, Level
from glashelder.offices.models import OfficeStatus

from . import signals
from .models import (
    Certificate,
    Enrolment,
    EnrolmentStatus,
    ModuleProgress,
    Payment,
    PaymentMethod,
    PaymentStatus,
)

logger = logging.getLogger(__name__)

# Enrolments that hold a place in a session (a requested one is waiting for payment).
PLACE_HOLDING = (EnrolmentStatus.REQUESTED, EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)
OPEN_STATUSES = (EnrolmentStatus.REQUESTED, EnrolmentStatus.WAITLISTED, EnrolmentStatus.ACTIVE)
CENT = Decimal("0.01")


class EnrolmentError(Exception):
    """A refused enrolment action; `message` is shown to the member as is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class SessionFullError(EnrolmentError):
    """The session is full; the member can join the waiting list instead."""

    offer_waitlist = True


class PaymentError(EnrolmentError):
    pass


def _after_commit(fn, *args, **kwargs):
    transaction.on_commit(lambda: fn(*args, **kwargs))


def _enqueue_mail(kind, enrolment_id):
    from .tasks import send_enrolment_mail

    _after_commit(send_enrolment_mail.enqueue, kind=kind, enrolment_id=enrolment_id)


def _send_signal(signal, **kwargs):
    _after_commit(signal.send, sender=Enrolment, **kwargs)


# --- modules ---------------------------------------------------------------


def course_modules(course):
    """The live modules of a course, in the editor's order."""
    return ModulePage.objects.live().child_of(course).order_by("path")


def taken_places(session):
    return session.enrolments.filter(status__in=PLACE_HOLDING).count()


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


# --- progress and completion -------------------------------------------------


class ProgressError(EnrolmentError):
    pass


def _ensure_can_study(enrolment):
    if enrolment.status not in (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED):
        raise ProgressError(_("U kunt de modules volgen zodra uw inschrijving actief is."))


def progress_open(*, enrolment, module, lesson=None):
    """Open a module (or a lesson of it): remember where the member is, to resume later."""
    _ensure_can_study(enrolment)
    with transaction.atomic():
        progress, _created = ModuleProgress.objects.select_for_update().get_or_create(enrolment=enrolment, module=module)
        if lesson is not None and progress.last_lesson != lesson:
            progress.last_lesson = lesson
            progress.save(update_fields=["last_lesson"])
        if enrolment.last_module_id != module.pk:
            Enrolment.objects.filter(pk=enrolment.pk).update(last_module=module)
            enrolment.last_module = module
    return progress


def check_passed(progress, module, course):
    """Whether the module's knowledge check counts as passed (a module without questions always does)."""
    if not module.knowledge_check_questions():
        return True
    return progress.check_score is not None and progress.check_score >= course.pass_mark_percent


def knowledge_check_submit(*, enrolment, module, answers):
    """Score a knowledge check attempt.

    `answers` is a list with the chosen option number (1-based) per question,
    None when unanswered. The best score of all attempts is kept; every attempt
    counts. Returns (progress, results) where results is a list of dicts with
    `correct` and, for a wrong answer, the question's `feedback`.
    """
    _ensure_can_study(enrolment)
    questions = module.knowledge_check_questions()
    if not questions:
        raise ProgressError(_("Deze module heeft geen kennischeck."))
    results = []
    correct = 0
    for index, question in enumerate(questions):
        chosen = answers[index] if index < len(answers) else None
        ok = chosen == question["correct_option"]
        correct += ok
        results.append({"question": question["question"], "correct": ok, "chosen": chosen,
                        "feedback": "" if ok else question["feedback"]})
    score = round(100 * correct / len(questions))
    with transaction.atomic():
        progress, _created = ModuleProgress.objects.select_for_update().get_or_create(enrolment=enrolment, module=module)
        progress.check_attempts += 1
        progress.check_score = max(score, progress.check_score or 0)
        progress.save(update_fields=["check_attempts", "check_score"])
    return progress, results, score


def module_complete(*, enrolment, module):
    """Mark a module done; completes the course when the completion rule is met."""
    _ensure_can_study(enrolment)
    course = enrolment.course
    with transaction.atomic():
        progress, _created = ModuleProgress.objects.select_for_update().get_or_create(enrolment=enrolment, module=module)
        if course.completion_rule == CompletionRule.MODULES_AND_CHECKS and not check_passed(progress, module, course):
            raise ProgressError(
                _("Haal eerst de kennischeck met minimaal %(mark)s%% goede antwoorden.") % {"mark": course.pass_mark_percent}
            )
        if progress.completed_at is None:
            progress.completed_at = timezone.now()
            progress.save(update_fields=["completed_at"])
    enrolment_try_complete(enrolment=enrolment)
    return progress


def completion_missing(enrolment):
    """What is still missing before the course counts as completed (a list of Dutch sentences)."""
    course = enrolment.course
    modules = list(course_modules(course))
    done = {p.module_id: p for p in enrolment.progress.all()}
    missing = []
    open_modules = [m for m in modules if m.pk not in done or done[m.pk].completed_at is None]
    if open_modules:
        missing.append(_("Nog %(count)s module(s) af te ronden.") % {"count": len(open_modules)})
    if course.completion_rule == CompletionRule.MODULES_AND_CHECKS:
        failed = [m for m in modules if m.pk in done and not check_passed(done[m.pk], m, course)]
        if failed:
            missing.append(_("Nog %(count)s kennischeck(s) te halen.") % {"count": len(failed)})
    if course.needs_attendance and not enrolment.attended:
        missing.append(_("De aanbieder moet uw aanwezigheid bij de bijeenkomst nog registreren."))
    return missing


def enrolment_try_complete(*, enrolment):
    """Complete the enrolment when the course's rule is met; issue the certificate. Idempotent."""
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("course", "person").get(pk=enrolment.pk)
        if enrolment.status != EnrolmentStatus.ACTIVE or completion_missing(enrolment):
            return None
        enrolment.status = EnrolmentStatus.COMPLETED
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["status", "completed_at"])
        certificate = certificate_issue(enrolment=enrolment)
        _send_signal(signals.enrolment_completed, enrolment=enrolment)
        _enqueue_mail("completed", enrolment.pk)
    return certificate


def _add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    import calendar

    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def certificate_issue(*, enrolment):
    """The certificate with a snapshot of exactly the facts printed on it."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing:
        return existing
    course = enrolment.course
    completed_on = timezone.localdate(enrolment.completed_at)
    valid_until = None
    if course.certificate_validity_months:
        valid_until = _add_months(completed_on, course.certificate_validity_months)
    return Certificate.objects.create(
        enrolment=enrolment,
        holder_name=enrolment.person.display_name,
        course_title=course.title,
        provider_name=course.provider.name,
        study_load_hours=course.study_load_hours,
        instruments=", ".join(course.instruments.order_by("sort_order", "name").values_list("name", flat=True)),
        completed_on=completed_on,
        valid_until=valid_until,
    )


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


# --- payments ------------------------------------------------------------------


def to_cents(amount):
    return int((Decimal(amount).quantize(CENT) * 100).to_integral_value())


def from_cents(cents):
    return (Decimal(int(cents)) / 100).quantize(CENT)


def payment_open(*, enrolment):
    """The open payment of a `requested` paid enrolment (created once, reused on a second try)."""
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("course__provider").get(pk=enrolment.pk)
        if enrolment.status != EnrolmentStatus.REQUESTED or enrolment.course.is_free:
            raise PaymentError(_("Voor deze inschrijving staat geen betaling open."))
        payment = Payment.objects.filter(enrolment=enrolment, status=PaymentStatus.OPEN).order_by("-pk").first()
        method = PaymentMethod.DEMO if settings.DEMO_PAYMENTS else PaymentMethod.STRIPE
        if payment is None or payment.method != method:
            payment = Payment.objects.create(
                enrolment=enrolment, method=method, amount=enrolment.course.price,
                stripe_account_id=enrolment.course.provider.stripe_account_id if method == PaymentMethod.STRIPE else "",
            )
    return payment


def payment_mark_paid(*, payment, payment_intent_id="", receipt_url="", checkout_session_id=""):
    """Confirmed payment (verified webhook or the demo step): the enrolment becomes active.

    Moves forward only: a payment already paid or refunded stays as it is
    (missing Stripe ids are filled in).
    """
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().get(pk=payment.enrolment_id)
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        fields = []
        for field, value in (("stripe_payment_intent_id", payment_intent_id), ("receipt_url", receipt_url),
                             ("stripe_checkout_session_id", checkout_session_id)):
            if value and not getattr(payment, field):
                setattr(payment, field, value)
                fields.append(field)
        newly_paid = payment.status in (PaymentStatus.OPEN, PaymentStatus.FAILED, PaymentStatus.EXPIRED)
        if newly_paid:
            payment.status = PaymentStatus.PAID
            payment.paid_at = timezone.now()
            fields += ["status", "paid_at"]
        if fields:
            payment.save(update_fields=fields + ["updated_at"])
        if newly_paid:
            if enrolment.status == EnrolmentStatus.REQUESTED:
                enrolment.status = EnrolmentStatus.ACTIVE
                enrolment.activated_at = timezone.now()
                enrolment.save(update_fields=["status", "activated_at"])
                _enqueue_mail("payment_paid", enrolment.pk)
            elif enrolment.status == EnrolmentStatus.CANCELLED:
                # Paid after the enrolment was cancelled (e.g. a late iDEAL confirmation): give the money back.
                _refund_locked(payment, reason="requested_by_customer")
            _send_signal(signals.payment_paid, enrolment=enrolment, payment=payment)
    return payment


def payment_mark_unsuccessful(*, payment, status):
    """Checkout expired or the asynchronous payment failed. Only an open payment moves."""
    assert status in (PaymentStatus.FAILED, PaymentStatus.EXPIRED)
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status != PaymentStatus.OPEN:
            return payment
        payment.status = status
        payment.save(update_fields=["status", "updated_at"])
    return payment


def payment_record_refund(*, payment, refunded_total):
    """Record the total refunded so far (from Stripe's charge or refund). Never lowers the recorded total.

    A refund that arrives before the payment confirmation proves the payment:
    the payment is marked paid first.
    """
    refunded_total = Decimal(refunded_total).quantize(CENT)
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if refunded_total <= payment.amount_refunded:
            return payment
        if payment.paid_at is None:
            payment.paid_at = timezone.now()
        payment.amount_refunded = min(refunded_total, payment.amount)
        payment.status = PaymentStatus.REFUNDED if payment.amount_refunded >= payment.amount else PaymentStatus.PAID
        payment.save(update_fields=["amount_refunded", "status", "paid_at", "updated_at"])
        _send_signal(signals.payment_refunded, enrolment=payment.enrolment, payment=payment)
    return payment


def _refund_locked(payment, *, reason):
    """Refund the rest of a locked, paid payment through its provider and record it."""
    from .payments import get_provider

    remaining = payment.amount - payment.amount_refunded
    if remaining <= 0:
        return payment
    try:
        refunded_total = get_provider(payment.method).refund(payment=payment, amount=remaining, reason=reason)
    except Exception as exc:  # the Stripe SDK's errors and our own ValueError
        logger.exception("Refund of payment %s failed", payment.pk)
        raise PaymentError(_("De terugbetaling is niet gelukt; er is niets gewijzigd. Probeer het later opnieuw.")) from exc
    payment.amount_refunded = min(Decimal(refunded_total).quantize(CENT), payment.amount)
    payment.status = PaymentStatus.REFUNDED if payment.amount_refunded >= payment.amount else PaymentStatus.PAID
    payment.save(update_fields=["amount_refunded", "status", "updated_at"])
    _send_signal(signals.payment_refunded, enrolment=payment.enrolment, payment=payment)
    return payment


# --- reading (selectors) ---------------------------------------------------------


def module_counts(courses):
    """{course_id: number of live modules}, in one query whatever the number of courses."""
    courses = list(courses)
    if not courses:
        return {}
    by_path = {c.path: c.pk for c in courses}
    steplen = ModulePage.steplen
    counts = {}
    depth_paths = {}
    for c in courses:
        depth_paths.setdefault(c.depth, set()).add(c.path)
    query = Q()
    for depth, paths in depth_paths.items():
        query |= Q(depth=depth + 1, path__regex="^(" + "|".join(paths) + ")")
    for path in ModulePage.objects.live().filter(query).values_list("path", flat=True):
        course_path = path[: len(path) - steplen]
        if course_path in by_path:
            counts[by_path[course_path]] = counts.get(by_path[course_path], 0) + 1
    return counts


def enrolments_for_dashboard(person):
    return (
        Enrolment.objects.filter(person=person)
        .select_related("course", "course__provider", "session", "office__authority", "certificate")
        .annotate(modules_done=Count("progress", filter=Q(progress__completed_at__isnull=False)))
        .order_by("-created_at")
    )
