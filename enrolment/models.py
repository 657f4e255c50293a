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
                fields=["person", "course"], condition=~Q(status="cancelled"), name="one_open_enrolment_per_course"
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self):
        return f"{self.person} – {self.course}"


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
