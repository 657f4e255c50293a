"""Enrolments, progress, certificates and payments: everything tracked per office-holder."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from glashelder.offices.models import Office


class EnrolmentStatus(models.TextChoices):
    # waiting for prior approval or payment
    REQUESTED = "requested", _("Aangevraagd")
    # on the waiting list of a full session
    WAITLISTED = "waitlisted", _("Op de wachtlijst")
    # following the course
    ACTIVE = "active", _("Actief")
    # completion rule met; certificate issued
    COMPLETED = "completed", _("Afgerond")
    # cancelled by the member, the provider or a cancelled session
    CANCELLED = "cancelled", _("Geannuleerd")


class Enrolment(models.Model):
    """One member in one course, made under one of their offices."""

    # Both become empty only when the member deletes their account: the enrolment
    # is kept, anonymised, because its payments belong to the financial records.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("deelnemer"), null=True, on_delete=models.SET_NULL, related_name="enrolments"
    )
    office = models.ForeignKey(Office, verbose_name=_("ambt"), null=True, on_delete=models.SET_NULL, related_name="enrolments")
    course = models.ForeignKey("courses.CoursePage", verbose_name=_("cursus"), on_delete=models.PROTECT, related_name="enrolments")
    session = models.ForeignKey(
        "courses.Session", verbose_name=_("bijeenkomst"), null=True, blank=True, on_delete=models.PROTECT, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=16, choices=EnrolmentStatus.choices, default=EnrolmentStatus.REQUESTED)
    created_at = models.DateTimeField(_("ingeschreven op"), default=timezone.now)
    activated_at = models.DateTimeField(_("actief sinds"), null=True, blank=True)
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    attendance_registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attendance_registered_at = models.DateTimeField(null=True, blank=True)
    last_module = models.ForeignKey("courses.ModulePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # since when a requested (unpaid) enrolment holds a session place; see services.PAYMENT_HOLD
    place_held_since = models.DateTimeField(null=True, blank=True)
    # set by `send_session_reminders`, so a second run sends nothing twice
    session_reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "course"], condition=~Q(status=EnrolmentStatus.CANCELLED), name="one_open_enrolment_per_course"
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self):
        return f"{self.person} – {self.course}"

    # State questions for templates, which cannot name the enum.
    @property
    def is_requested(self):
        return self.status == EnrolmentStatus.REQUESTED

    @property
    def is_waitlisted(self):
        return self.status == EnrolmentStatus.WAITLISTED

    @property
    def is_active(self):
        return self.status == EnrolmentStatus.ACTIVE

    @property
    def is_completed(self):
        return self.status == EnrolmentStatus.COMPLETED


class ModuleProgress(models.Model):
    """Progress of one enrolment in one module; the knowledge-check score is kept."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    module = models.ForeignKey("courses.ModulePage", on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    last_lesson = models.PositiveSmallIntegerField(default=0)
    check_score = models.PositiveSmallIntegerField(_("score kennischeck (%)"), null=True, blank=True)
    check_attempts = models.PositiveSmallIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("voortgang")
        verbose_name_plural = _("voortgang")
        constraints = [models.UniqueConstraint(fields=["enrolment", "module"], name="one_progress_per_module")]

    def __str__(self):
        return f"{self.enrolment_id}/{self.module_id}"


def new_certificate_code():
    # Short enough to type, long enough not to guess: 12 characters from an unambiguous alphabet.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class Certificate(models.Model):
    """Issued on completion. Holds a snapshot of exactly the facts printed on
    the PDF, so the public verification page shows the same and no more."""

    enrolment = models.OneToOneField(Enrolment, null=True, on_delete=models.SET_NULL, related_name="certificate")
    code = models.CharField(_("verificatiecode"), max_length=16, unique=True, default=new_certificate_code)
    holder_name = models.CharField(_("naam"), max_length=200)
    course_title = models.CharField(_("cursus"), max_length=255)
    provider_name = models.CharField(_("aanbieder"), max_length=200)
    study_load_hours = models.DecimalField(_("studiebelasting (uren)"), max_digits=5, decimal_places=1)
    instruments = models.TextField(_("instrumenten"), blank=True)
    completed_on = models.DateField(_("afgerond op"))
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)
    issued_at = models.DateTimeField(_("uitgegeven op"), default=timezone.now)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("certificaat")
        verbose_name_plural = _("certificaten")

    def __str__(self):
        return self.code


class PaymentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PAID = "paid", _("Betaald")
    REFUNDED = "refunded", _("Terugbetaald")
    FAILED = "failed", _("Mislukt")
    EXPIRED = "expired", _("Verlopen")


class PaymentMethod(models.TextChoices):
    STRIPE = "stripe", _("Stripe (iDEAL of kaart)")
    DEMO = "demo", _("Demobetaling (geen echt geld)")
    EXTERNAL = "external", _("Extern betaald")
    AUTHORITY = "authority", _("Rechtstreeks door de overheid")


class Payment(models.Model):
    """One payment for an enrolment. The claim uses it as proof of payment."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="payments")
    method = models.CharField(_("betaalwijze"), max_length=16, choices=PaymentMethod.choices)
    status = models.CharField(_("status"), max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.OPEN)
    amount = models.DecimalField(_("bedrag"), max_digits=10, decimal_places=2)
    amount_refunded = models.DecimalField(_("terugbetaald"), max_digits=10, decimal_places=2, default=Decimal("0"))
    currency = models.CharField(max_length=3, default="EUR")
    stripe_checkout_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_account_id = models.CharField(max_length=64, blank=True)
    receipt_url = models.URLField(_("betaalbewijs"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.enrolment} {self.amount} {self.status}"

    @property
    def net_amount(self):
        return self.amount - self.amount_refunded

    @property
    def is_open(self):
        return self.status == PaymentStatus.OPEN

    @property
    def is_received(self):
        """The money came in (and may since have been refunded, fully or in part)."""
        return self.status in (PaymentStatus.PAID, PaymentStatus.REFUNDED)


class StripeEvent(models.Model):
    """Every Stripe webhook event id, recorded once: a repeated delivery changes nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    created = models.DateTimeField()
    received_at = models.DateTimeField(default=timezone.now)
    payload = models.JSONField(default=dict)
    # set once the handler ran without error; an event without it is processed again when Stripe retries
    processed_at = models.DateTimeField(null=True, blank=True)
    # the last handler error, kept so a failed delivery leaves a record
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("Stripe-gebeurtenis")
        verbose_name_plural = _("Stripe-gebeurtenissen")

    def __str__(self):
        return self.event_id


# --- the reaction outbox ------------------------------------------------------------
#
# What other apps do in reaction to a change here (a draft claim on completion, releasing a
# reservation on cancellation, following a refund) is recorded as an `OutboxEvent` in the same
# transaction as the change, with one `OutboxDelivery` per registered handler. A task delivers
# them after commit and `manage.py deliver_reactions` retries what failed; see enrolment/reactions.py.


class OutboxEventKind(models.TextChoices):
    # the enrolment met its course's completion rule
    ENROLMENT_COMPLETED = "enrolment_completed", _("Inschrijving afgerond")
    # the enrolment was cancelled (by the member, an expired payment hold or a cancelled session)
    ENROLMENT_CANCELLED = "enrolment_cancelled", _("Inschrijving geannuleerd")
    # a payment was confirmed
    PAYMENT_PAID = "payment_paid", _("Betaling ontvangen")
    # (part of) a payment was refunded
    PAYMENT_REFUNDED = "payment_refunded", _("Betaling terugbetaald")


class OutboxEvent(models.Model):
    """Something that happened to an enrolment or payment that other apps react to.

    Written in the transaction of the change itself, so it exists exactly when the change does.
    """

    kind = models.CharField(_("soort"), max_length=32, choices=OutboxEventKind.choices)
    enrolment = models.ForeignKey(Enrolment, verbose_name=_("inschrijving"), on_delete=models.PROTECT, related_name="+")
    payment = models.ForeignKey(
        Payment, verbose_name=_("betaling"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"


class OutboxDelivery(models.Model):
    """One handler's reaction to one event: pending until the handler ran without error."""

    event = models.ForeignKey(OutboxEvent, verbose_name=_("gebeurtenis"), on_delete=models.CASCADE, related_name="deliveries")
    # the stable name the handler was registered under (enrolment.reactions.register)
    handler = models.CharField(_("afhandeling"), max_length=100)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    # when the next attempt is due; moved forward (backoff) after each failed attempt
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    delivered_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("afhandeling")
        verbose_name_plural = _("afhandelingen")
        ordering = ["next_attempt_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "handler"], name="one_delivery_per_event_and_handler")]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(delivered_at__isnull=True), name="outbox_delivery_pending"),
        ]

    def __str__(self):
        return f"{self.handler} ← {self.event}"

    @property
    def pending(self):
        return self.delivered_at is None
