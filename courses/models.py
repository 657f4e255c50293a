"""The catalogue: providers, the instrument taxonomy, courses, modules and sessions.

`courses` is the lowest layer; it knows nothing of enrolment or reimbursement.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import LessonBlock
from .choices import CourseFormat, InstrumentKind, Level, ReviewStatus, Role
from .fields import MultipleChoiceField


class Provider(models.Model):
    """A professional association that publishes courses.

    Each provider has its own editors group; the group's members may edit only
    this provider's subtree of course pages.
    """

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("korte omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact-e-mailadres"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True, validators=[RegexValidator(r"^\d{8}$", _("Een KvK-nummer heeft 8 cijfers."))]
    )
    stripe_account_id = models.CharField(
        _("Stripe connected account"), max_length=64, blank=True, help_text=_("Bijvoorbeeld acct_123; leeg zolang niet gekoppeld.")
    )
    editors_group = models.OneToOneField(
        Group, verbose_name=_("redacteurengroep"), null=True, blank=True, on_delete=models.SET_NULL, related_name="provider"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("email"),
        FieldPanel("logo"),
        FieldPanel("kvk_number"),
        FieldPanel("stripe_account_id"),
    ]

    class Meta:
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        super().save(*args, **kwargs)


class Instrument(index.Indexed, models.Model):
    """An instrument for controle or kaderstelling, with its legal basis. Kept by the redactie."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("soort"), max_length=16, choices=InstrumentKind.choices)
    article_gemeente = models.CharField(_("wetsartikel gemeente"), max_length=200, blank=True)
    article_provincie = models.CharField(_("wetsartikel provincie"), max_length=200, blank=True)
    summary = models.CharField(_("in één zin"), max_length=255, blank=True)
    explanation = models.TextField(_("uitleg in gewone taal"), blank=True)
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("explanation"),
        FieldPanel("article_gemeente"),
        FieldPanel("article_provincie"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("explanation"), index.FilterField("kind")]

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)


class CourseIndexPage(Page):
    """The catalogue at `/cursussen/`. Lists published courses with filters and search."""

    intro = RichTextField(_("introductie"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["glashelder.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("cursusoverzicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.live().public().descendant_of(self).select_related("provider").order_by("title")
        return context


class CompletionRule(models.TextChoices):
    MODULES = "modules", _("Alle modules afgerond")
    MODULES_AND_CHECKS = "modules_checks", _("Alle modules afgerond en kennischecks gehaald")


class CoursePage(Page):
    """A course of one provider.

    Only a course whose current content passed the redactie's non-partisanship
    review (onpartijdigheidstoets) is published and counts as reimbursable;
    `review_status` and the approval fields record that decision.
    """

    provider = models.ForeignKey(Provider, verbose_name=_("aanbieder"), on_delete=models.PROTECT, related_name="courses")
    summary = models.CharField(_("samenvatting"), max_length=300)
    description = RichTextField(_("beschrijving"), blank=True)
    instruments = ParentalManyToManyField(Instrument, verbose_name=_("instrumenten"), related_name="courses")
    audience_roles = MultipleChoiceField(_("doelgroep"), choices=Role.choices, blank=False)
    level = models.CharField(_("bestuurslaag"), max_length=16, choices=Level.choices, default=Level.GEMEENTE)
    format = models.CharField(_("vorm"), max_length=16, choices=CourseFormat.choices, default=CourseFormat.ONLINE)
    study_load_hours = models.DecimalField(
        _("studiebelasting (uren)"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    price = models.DecimalField(
        _("prijs (euro)"), max_digits=8, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(Decimal("0"))],
        help_text=_("0 betekent gratis."),
    )
    language = models.CharField(_("taal"), max_length=2, choices=[("nl", _("Nederlands")), ("en", _("Engels"))], default="nl")
    learning_outcomes = models.TextField(_("leerdoelen"), help_text=_("Eén leerdoel per regel."))
    completion_rule = models.CharField(
        _("afrondingsregel"), max_length=16, choices=CompletionRule.choices, default=CompletionRule.MODULES
    )
    pass_mark_percent = models.PositiveSmallIntegerField(_("minimale score kennischeck (%)"), default=70)
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("geldigheid certificaat (maanden)"), null=True, blank=True, help_text=_("Leeg: onbeperkt geldig.")
    )
    review_status = models.CharField(
        _("onpartijdigheidstoets"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT, editable=False
    )
    review_comment = models.TextField(_("toelichting redactie"), blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("goedgekeurd door"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True, editable=False)
    approved_revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name=_("goedgekeurde versie"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("provider"),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("instruments"), FieldPanel("audience_roles"), FieldPanel("level"), FieldPanel("format")],
            heading=_("Voor wie en waarover"),
        ),
        MultiFieldPanel(
            [FieldPanel("study_load_hours"), FieldPanel("price"), FieldPanel("language")], heading=_("Praktisch")
        ),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [FieldPanel("completion_rule"), FieldPanel("pass_mark_percent"), FieldPanel("certificate_validity_months")],
            heading=_("Afronding"),
        ),
        InlinePanel("sessions", label=_("Bijeenkomsten")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("learning_outcomes"),
        index.RelatedFields("provider", [index.SearchField("name")]),
        index.RelatedFields("instruments", [index.SearchField("name")]),
        index.FilterField("provider"),
        index.FilterField("level"),
        index.FilterField("format"),
        index.FilterField("price"),
        index.FilterField("review_status"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("cursus")
        verbose_name_plural = _("cursussen")

    @property
    def is_free(self):
        return self.price == 0

    @property
    def is_reimbursable(self):
        """Only courses approved as non-party-political can be reimbursed."""
        return self.review_status == ReviewStatus.APPROVED and self.live

    @property
    def needs_attendance(self):
        return self.format in (CourseFormat.LIVE, CourseFormat.BLENDED)

    @property
    def learning_outcome_list(self):
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    def upcoming_sessions(self):
        return self.sessions.filter(starts_at__gte=timezone.now(), cancelled=False).order_by("starts_at")


class ModulePage(Page):
    """A module of a course: ordered lessons built from StreamField blocks."""

    intro = models.TextField(_("introductie"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("geschatte duur (minuten)"), default=30)
    lessons = StreamField([("lesson", LessonBlock())], verbose_name=_("lessen"), use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("estimated_minutes"), FieldPanel("lessons")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    @property
    def course(self):
        return self.get_parent().specific

    def knowledge_check_questions(self):
        """All multiple-choice questions of this module in order, as plain dicts."""
        questions = []
        for lesson in self.lessons:
            for block in lesson.value["content"]:
                if block.block_type == "knowledge_check":
                    for q in block.value["questions"]:
                        questions.append(
                            {
                                "question": q["question"],
                                "options": list(q["options"]),
                                "correct_option": q["correct_option"],
                                "feedback": q["feedback"],
                            }
                        )
        return questions


class Session(Orderable):
    """A dated live meeting of a live or blended course, with a capacity."""

    course = ParentalKey(CoursePage, verbose_name=_("cursus"), on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("titel"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    location = models.CharField(_("locatie"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), validators=[MinValueValidator(1)])
    registration_deadline = models.DateTimeField(_("inschrijven kan tot"))
    cancelled = models.BooleanField(_("geannuleerd"), default=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("location"),
        FieldPanel("online_url"),
        FieldPanel("capacity"),
        FieldPanel("registration_deadline"),
        FieldPanel("cancelled"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self):
        when = timezone.localtime(self.starts_at).strftime("%d-%m-%Y %H:%M")
        return f"{self.title or self.course.title} ({when})"

    def registration_open(self, now=None):
        now = now or timezone.now()
        return not self.cancelled and now <= self.registration_deadline
