"""Legal bases, training policies, claims and their history.

The rules that differ per authority or change with the law are data
(`LegalBasis`, `TrainingPolicy`), not code. A claim keeps a snapshot of every
fact it was decided on, so changing a policy, a legal basis, a course or a
person's account never changes a decided claim. `ClaimEvent` is the claim's
append-only history.
"""

import os
from decimal import Decimal

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from glashelder.kernel.choices import AuthorityKind, Role
from glashelder.kernel.fields import MultipleChoiceField

EXECUTIVE_ROLES = {Role.WETHOUDER, Role.GEDEPUTEERDE, Role.BURGEMEESTER, Role.CDK}
ZERO = Decimal("0.00")


class PrivateStorage(FileSystemStorage):
    """Files that are never served directly (invoices): under PRIVATE_MEDIA_ROOT, read through authorised views.

    The location is read from the settings on every use, so tests can point it at a temporary folder.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


private_storage = PrivateStorage()


def private_storage_callable():
    return private_storage


class LegalBasis(models.Model):
    """The article(s) under which the training costs of a role at a level may be reimbursed.

    Data, because law changes and because not every article number is confirmed:
    `confirmed` says whether the text was checked against the official
    publication; the griffie sees a warning on claims whose basis is unconfirmed.
    """

    role = models.CharField(_("ambt"), max_length=16, choices=Role.choices)
    level = models.CharField(_("bestuurslaag"), max_length=16, choices=AuthorityKind.choices)
    regulation = models.CharField(_("regeling"), max_length=255)
    articles = models.CharField(_("artikel(en)"), max_length=200)
    explanation = models.TextField(_("toelichting"), blank=True)
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    confirmed = models.BooleanField(
        _("gecontroleerd"), default=False, help_text=_("Aangevinkt als de tekst is gecontroleerd aan de officiële publicatie.")
    )
    source_note = models.TextField(_("bron en controle"), blank=True)

    panels = [
        FieldPanel("role"),
        FieldPanel("level"),
        FieldPanel("regulation"),
        FieldPanel("articles"),
        FieldPanel("explanation"),
        MultiFieldPanel([FieldPanel("valid_from"), FieldPanel("valid_until")], heading=_("Geldigheid")),
        MultiFieldPanel([FieldPanel("confirmed"), FieldPanel("source_note")], heading=_("Controle")),
    ]

    class Meta:
        verbose_name = _("wettelijke grondslag")
        verbose_name_plural = _("wettelijke grondslagen")
        ordering = ["level", "role", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["role", "level", "valid_from"], name="unique_legal_basis_per_start"),
        ]

    def __str__(self):
        return f"{self.regulation}, {self.articles} ({self.get_role_display()})"

    @property
    def citation(self):
        return f"{self.regulation}, {self.articles}"

    @classmethod
    def applicable(cls, *, role, level, day):
        """The basis in force for this role and level on `day`, or None."""
        return (
            cls.objects.filter(role=role, level=level, valid_from__lte=day)
            .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day))
            .order_by("-valid_from")
            .first()
        )


class ApprovingGroup(models.TextChoices):
    GRIFFIE = "griffie", _("De griffie")
    COLLEGE = "college", _("Het college (B en W of GS), vastgelegd door de griffie")


class TrainingPolicy(models.Model):
    """The training regulation (scholingsregeling) and budget of one authority for one calendar year.

    Kept by the griffie. Claims snapshot what they need, so editing a policy
    never changes a decided claim. The row is also the lock that serialises
    budget decisions of one authority and year.
    """

    authority = models.ForeignKey("offices.Authority", verbose_name=_("overheid"), on_delete=models.PROTECT, related_name="training_policies")
    year = models.PositiveSmallIntegerField(_("jaar"), validators=[MinValueValidator(2019)])
    budget = models.DecimalField(_("budget (euro)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(ZERO)])
    cap_per_member = models.DecimalField(
        _("maximum per ambtsdrager per jaar (euro)"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(ZERO)], help_text=_("Leeg: geen maximum."),
    )
    cap_per_course = models.DecimalField(
        _("maximum per cursus (euro)"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(ZERO)], help_text=_("Leeg: geen maximum."),
    )
    eligible_roles = MultipleChoiceField(_("ambten die mogen declareren"), choices=Role.choices, blank=False)
    prior_approval_required = models.BooleanField(
        _("voorafgaande toestemming nodig"), default=False,
        help_text=_("Voor betaalde cursussen vraagt de ambtsdrager eerst toestemming, vóór de inschrijving."),
    )
    direct_payment_allowed = models.BooleanField(
        _("rechtstreekse betaling door de overheid mogelijk"), default=False,
        help_text=_("De ambtsdrager kan vragen dat de overheid de aanbieder rechtstreeks betaalt."),
    )
    claim_deadline_days = models.PositiveSmallIntegerField(
        _("termijn voor declareren (dagen na afronding)"), default=90, validators=[MinValueValidator(1)]
    )
    four_eyes_threshold = models.DecimalField(
        _("tweede beoordelaar boven (euro)"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(ZERO)], help_text=_("Leeg: één beoordelaar is genoeg."),
    )
    executive_approver = models.CharField(
        _("beslist over declaraties van bestuurders"), max_length=16, choices=ApprovingGroup.choices, default=ApprovingGroup.GRIFFIE,
        help_text=_("Voor wethouders, gedeputeerden, de burgemeester en de Commissaris van de Koning."),
    )
    contact_email = models.EmailField(_("e-mailadres voor vragen"), blank=True)
    contact_text = models.TextField(_("toelichting voor ambtsdragers"), blank=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("scholingsregeling")
        verbose_name_plural = _("scholingsregelingen")
        ordering = ["authority__name", "-year"]
        constraints = [models.UniqueConstraint(fields=["authority", "year"], name="one_policy_per_authority_year")]

    def __str__(self):
        return f"{self.authority} {self.year}"

    def role_is_eligible(self, role):
        return role in self.eligible_roles

    def approver_for(self, role):
        if role in EXECUTIVE_ROLES:
            return self.executive_approver
        return ApprovingGroup.GRIFFIE


class ClaimKind(models.TextChoices):
    COURSE = "course", _("Cursus op Glashelder")
    PRIOR_APPROVAL = "prior_approval", _("Cursus met voorafgaande toestemming")
    DIRECT_PAYMENT = "direct_payment", _("Rechtstreeks betaald door de overheid")
    EXTERNAL = "external", _("Externe scholing")


class ClaimStatus(models.TextChoices):
    # prepared by Glashelder, not yet sent by the member
    DRAFT = "draft", _("Concept")
    # waiting for the griffie's decision
    SUBMITTED = "submitted", _("Ingediend")
    # the griffie asked a question; the member corrects and resubmits
    RETURNED = "returned", _("Teruggestuurd")
    # approved (fully or in part); never edited again, only reversed by an event
    APPROVED = "approved", _("Goedgekeurd")
    # refused with a reason
    REJECTED = "rejected", _("Afgewezen")
    # approved and handed to the salary administration
    EXPORTED = "exported", _("Geëxporteerd")


DECIDED_STATUSES = (ClaimStatus.APPROVED, ClaimStatus.REJECTED, ClaimStatus.EXPORTED)
SPENT_STATUSES = (ClaimStatus.APPROVED, ClaimStatus.EXPORTED)


class ClaimExport(models.Model):
    """One export for the salary administration: immutable `ExportLine`s and the files rendered from them.

    Written once by `claims_export`; `total`, `line_count` and `reversal_count` are the sums of
    its lines, `claim_count` the claims it moved to exported.
    """

    authority = models.ForeignKey("offices.Authority", on_delete=models.PROTECT, related_name="claim_exports")
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_by_name = models.CharField(_("gemaakt door"), max_length=200)
    claim_count = models.PositiveIntegerField(_("aantal declaraties"), default=0)
    total = models.DecimalField(_("totaal"), max_digits=12, decimal_places=2, default=ZERO)
    line_count = models.PositiveIntegerField(_("aantal regels"), default=0)
    reversal_count = models.PositiveIntegerField(_("aantal terugdraaiingen"), default=0)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.authority} {self.period_start}–{self.period_end}"

    @property
    def has_reversals(self):
        return self.reversal_count > 0


class Claim(models.Model):
    """One reimbursement claim (declaratie) of one office-holder at one authority.

    Holds a snapshot of the member, office, course and legal basis, because the
    claim must stay readable for the fiscal retention period even after the
    member deleted their account (the FK is then NULL, the snapshot stays).
    """

    number = models.CharField(_("declaratienummer"), max_length=20, unique=True)
    kind = models.CharField(_("soort"), max_length=16, choices=ClaimKind.choices, default=ClaimKind.COURSE)
    status = models.CharField(_("status"), max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT, db_index=True)

    authority = models.ForeignKey("offices.Authority", verbose_name=_("overheid"), on_delete=models.PROTECT, related_name="claims")
    budget_year = models.PositiveSmallIntegerField(_("begrotingsjaar"))
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ambtsdrager"), null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    office = models.ForeignKey("offices.Office", verbose_name=_("ambt"), null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    member_name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(_("ambt"), max_length=16, choices=Role.choices)
    authority_name = models.CharField(_("naam overheid"), max_length=150)
    authority_code = models.CharField(_("CBS-code"), max_length=6)

    enrolment = models.OneToOneField(
        "enrolment.Enrolment", verbose_name=_("inschrijving"), null=True, blank=True, on_delete=models.SET_NULL, related_name="claim"
    )
    reservation = models.OneToOneField(
        "reimbursement.Reservation", verbose_name=_("toestemming"), null=True, blank=True, on_delete=models.SET_NULL, related_name="claim"
    )
    course = models.ForeignKey("courses.CoursePage", verbose_name=_("cursus"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    course_title = models.CharField(_("cursus of scholing"), max_length=255)
    provider_name = models.CharField(_("aanbieder"), max_length=200)
    course_format = models.CharField(_("vorm"), max_length=64, blank=True)
    start_date = models.DateField(_("begindatum"))
    end_date = models.DateField(_("einddatum"))
    study_load_hours = models.DecimalField(_("studiebelasting (uren)"), max_digits=5, decimal_places=1, default=Decimal("0"))
    description = models.TextField(_("omschrijving"), blank=True)
    receipt_url = models.URLField(_("betaalbewijs"), max_length=500, blank=True)
    invoice = models.FileField(_("factuur"), storage=private_storage_callable, upload_to="invoices/%Y/%m/", blank=True)

    amount_requested = models.DecimalField(_("gevraagd bedrag"), max_digits=10, decimal_places=2, validators=[MinValueValidator(ZERO)])
    amount_approved = models.DecimalField(_("toegekend bedrag"), max_digits=10, decimal_places=2, null=True, blank=True)

    legal_basis = models.ForeignKey(LegalBasis, verbose_name=_("wettelijke grondslag"), null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    legal_basis_text = models.CharField(_("wettelijke grondslag (zoals vastgelegd)"), max_length=500, blank=True)
    legal_basis_confirmed = models.BooleanField(_("grondslag gecontroleerd"), default=False)

    functional_reason = models.TextField(_("waarom de scholing het ambt dient (functiegericht)"), blank=True)
    non_partisan_statement = models.BooleanField(_("verklaring niet-partijpolitiek"), default=False)
    member_remark = models.TextField(_("opmerking van de ambtsdrager"), blank=True)
    decision_reason = models.TextField(_("toelichting bij de beslissing"), blank=True)
    decision_reference = models.CharField(_("kenmerk besluit college"), max_length=100, blank=True)

    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    first_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    first_approved_by_name = models.CharField(_("eerste beoordelaar"), max_length=200, blank=True)
    first_approved_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_by_name = models.CharField(_("beslist door"), max_length=200, blank=True)
    export = models.ForeignKey(ClaimExport, null=True, blank=True, on_delete=models.PROTECT, related_name="claims")
    exported_at = models.DateTimeField(_("geëxporteerd op"), null=True, blank=True)
    amount_reversed = models.DecimalField(
        _("teruggedraaid bedrag"), max_digits=10, decimal_places=2, default=ZERO,
        help_text=_("Som van de terugdraai-gebeurtenissen; het besluit zelf blijft ongewijzigd."),
    )
    digest_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("declaratie")
        verbose_name_plural = _("declaraties")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["authority", "budget_year", "status"]),
            models.Index(fields=["authority", "status", "submitted_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_approved__isnull=True) | models.Q(amount_approved__lte=models.F("amount_requested")),
                name="claim_approved_not_above_requested",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def is_decided(self):
        return self.status in DECIDED_STATUSES

    @property
    def is_open_for_member(self):
        return self.status in (ClaimStatus.DRAFT, ClaimStatus.RETURNED)

    @property
    def is_submitted(self):
        return self.status == ClaimStatus.SUBMITTED

    @property
    def is_returned(self):
        return self.status == ClaimStatus.RETURNED

    @property
    def is_spent(self):
        """Approved (and perhaps exported): the amount counts against the budget."""
        return self.status in SPENT_STATUSES

    @property
    def net_approved(self):
        if self.amount_approved is None:
            return None
        return self.amount_approved - self.amount_reversed

    @property
    def is_reversed(self):
        return self.amount_reversed > 0

    @property
    def awaiting_second_approval(self):
        return self.status == ClaimStatus.SUBMITTED and self.first_approved_by_name != ""


class ClaimEvent(models.Model):
    """Append-only history of a claim: who did what, when, from which state to which, why."""

    class Action(models.TextChoices):
        PREPARED = "prepared", _("Klaargezet")
        UPDATED = "updated", _("Aangepast door de ambtsdrager")
        SUBMITTED = "submitted", _("Ingediend")
        WITHDRAWN = "withdrawn", _("Ingetrokken")
        RETURNED = "returned", _("Teruggestuurd met een vraag")
        RESUBMITTED = "resubmitted", _("Opnieuw ingediend")
        FIRST_APPROVAL = "first_approval", _("Eerste goedkeuring (vier ogen)")
        APPROVED = "approved", _("Goedgekeurd")
        PARTIALLY_APPROVED = "partially_approved", _("Gedeeltelijk goedgekeurd")
        REJECTED = "rejected", _("Afgewezen")
        EXPORTED = "exported", _("Geëxporteerd")
        REVERSED = "reversed", _("Teruggedraaid")
        # the member's account was deleted: the kept claim lost the link to the person
        ANONYMISED = "anonymised", _("Persoonsgegevens verwijderd")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("gebeurtenis"), max_length=24, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("door"), max_length=200, blank=True)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    from_status = models.CharField(_("van"), max_length=16, choices=ClaimStatus.choices, blank=True)
    to_status = models.CharField(_("naar"), max_length=16, choices=ClaimStatus.choices)
    reason = models.TextField(_("toelichting"), blank=True)
    amount = models.DecimalField(_("bedrag"), max_digits=10, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis declaratie")
        verbose_name_plural = _("gebeurtenissen declaraties")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.claim_id} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Claim events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Claim events are append-only.")

    @property
    def is_reversal(self):
        return self.action == self.Action.REVERSED


class ExportLineKind(models.TextChoices):
    # an approved claim handed over: the approved amount, positive
    CLAIM = "claim", _("Declaratie")
    # a reversal of a claim that went (or now goes) out: the reversed amount, negative
    REVERSAL = "reversal", _("Terugdraaiing")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel"


class AppendOnlyQuerySet(models.QuerySet):
    """Rows of the export ledger are written once: no bulk update or delete."""

    def update(self, **kwargs):
        raise RuntimeError("The export ledger is append-only.")

    def delete(self):
        raise RuntimeError("The export ledger is append-only.")


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("The export ledger is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("The export ledger is append-only.")


class ExportLine(AppendOnly):
    """One line of an export, frozen when it was exported: what the salary administration received.

    A claim line settles the claim's approval event (+ the approved amount); a reversal line
    settles one REVERSED event (− the reversed amount). Each is exported once (the unique
    constraints), and every value the file shows is copied here, so the file can be rendered
    from the lines alone whatever happens to the claim or the member's account later.
    """

    export = models.ForeignKey(ClaimExport, on_delete=models.PROTECT, related_name="lines")
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="export_lines")
    event = models.ForeignKey(ClaimEvent, verbose_name=_("gebeurtenis"), on_delete=models.PROTECT, related_name="export_lines")
    kind = models.CharField(_("soort"), max_length=16, choices=ExportLineKind.choices)
    amount = models.DecimalField(_("bedrag"), max_digits=10, decimal_places=2)
    line_date = models.DateField(_("datum goedkeuring of terugdraaiing"))
    claim_number = models.CharField(_("declaratienummer"), max_length=20)
    member_name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(_("ambt"), max_length=16)
    office = models.CharField(_("ambt en overheid"), max_length=255)
    authority_name = models.CharField(_("naam overheid"), max_length=150)
    authority_code = models.CharField(_("CBS-code"), max_length=6)
    course_title = models.CharField(_("cursus of scholing"), max_length=255)
    provider_name = models.CharField(_("aanbieder"), max_length=200)
    start_date = models.DateField(_("begindatum"))
    end_date = models.DateField(_("einddatum"))
    payment_route = models.CharField(_("betaalroute"), max_length=40)
    legal_basis_text = models.CharField(_("wettelijke grondslag"), max_length=500, blank=True)
    legal_basis_confirmed = models.BooleanField(_("grondslag gecontroleerd"))
    budget_year = models.PositiveSmallIntegerField(_("begrotingsjaar"))
    approver_name = models.CharField(_("goedgekeurd door"), max_length=200, blank=True)
    approval_date = models.DateField(_("goedkeuringsdatum"), null=True, blank=True)
    decision_reference = models.CharField(_("kenmerk besluit college"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("exportregel")
        verbose_name_plural = _("exportregels")
        ordering = ["export", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim"], condition=models.Q(kind=ExportLineKind.CLAIM), name="export_line_claim_once"),
            models.UniqueConstraint(fields=["event"], name="export_line_event_once"),
            models.CheckConstraint(
                condition=models.Q(kind=ExportLineKind.CLAIM, amount__gte=0) | models.Q(kind=ExportLineKind.REVERSAL, amount__lt=0),
                name="export_line_amount_sign",
            ),
        ]

    def __str__(self):
        return f"{self.claim_number} {self.amount}"


class ExportFile(AppendOnly):
    """A file of an export (CSV or XLSX), rendered once from its lines; every download serves these bytes."""

    export = models.ForeignKey(ClaimExport, on_delete=models.PROTECT, related_name="files")
    format = models.CharField(_("formaat"), max_length=8, choices=ExportFormat.choices)
    content = models.BinaryField(_("inhoud"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("exportbestand")
        verbose_name_plural = _("exportbestanden")
        constraints = [models.UniqueConstraint(fields=["export", "format"], name="export_file_once_per_format")]

    def __str__(self):
        return f"{self.export_id}.{self.format}"


class ReservationKind(models.TextChoices):
    PRIOR_APPROVAL = "prior_approval", _("Voorafgaande toestemming")
    DIRECT_PAYMENT = "direct_payment", _("Rechtstreekse betaling door de overheid")


class ReservationStatus(models.TextChoices):
    # asked by the member, waiting for the griffie
    REQUESTED = "requested", _("Aangevraagd")
    # granted: the amount is reserved in the budget
    GRANTED = "granted", _("Toegekend")
    # refused by the griffie
    REFUSED = "refused", _("Afgewezen")
    # turned into a claim; the amount now counts as spent
    USED = "used", _("Verwerkt in declaratie")
    # enrolment cancelled or withdrawn; the amount is free again
    RELEASED = "released", _("Vrijgegeven")


class Reservation(models.Model):
    """A prior approval (voorafgaande toestemming) or a direct-payment request for one course.

    Granted reservations count against the budget until the claim that uses
    them is decided, or until they are released.
    """

    number = models.CharField(_("nummer"), max_length=20, unique=True)
    kind = models.CharField(_("soort"), max_length=16, choices=ReservationKind.choices)
    status = models.CharField(_("status"), max_length=16, choices=ReservationStatus.choices, default=ReservationStatus.REQUESTED)
    authority = models.ForeignKey("offices.Authority", verbose_name=_("overheid"), on_delete=models.PROTECT, related_name="reservations")
    budget_year = models.PositiveSmallIntegerField(_("begrotingsjaar"))
    member = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reservations")
    office = models.ForeignKey("offices.Office", null=True, blank=True, on_delete=models.SET_NULL, related_name="reservations")
    member_name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(_("ambt"), max_length=16, choices=Role.choices)
    course = models.ForeignKey("courses.CoursePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    course_title = models.CharField(_("cursus"), max_length=255)
    provider_name = models.CharField(_("aanbieder"), max_length=200)
    provider_email = models.EmailField(_("e-mailadres aanbieder"), blank=True)
    enrolment = models.ForeignKey("enrolment.Enrolment", null=True, blank=True, on_delete=models.SET_NULL, related_name="reservations")
    session = models.ForeignKey(
        "courses.Session", verbose_name=_("bijeenkomst"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    amount = models.DecimalField(_("bedrag"), max_digits=10, decimal_places=2)
    member_remark = models.TextField(_("toelichting van de ambtsdrager"), blank=True)
    requested_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_by_name = models.CharField(_("beslist door"), max_length=200, blank=True)
    decision_reason = models.TextField(_("toelichting bij de beslissing"), blank=True)
    order_number = models.CharField(_("inkoopordernummer"), max_length=24, blank=True)
    released_at = models.DateTimeField(_("vrijgegeven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("toestemming of reservering")
        verbose_name_plural = _("toestemmingen en reserveringen")
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["authority", "budget_year", "status"])]

    def __str__(self):
        return self.number

    @property
    def is_granted(self):
        return self.status == ReservationStatus.GRANTED
