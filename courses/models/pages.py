"""The catalogue's Wagtail pages: the course index, provider folders, courses and modules."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    Page,
    PageManager,
    PagePermissionTester,
    PageQuerySet,
)
from wagtail.search import index

from glashelder.kernel import roles
from glashelder.kernel.choices import Level, Role
from glashelder.kernel.fields import MultipleChoiceField

from ..blocks import LessonBlock
from ..catalogue import catalogue_context, course_page_context
from ..choices import CourseFormat, ReviewStatus
from ..panels import ReviewStatusPanel
from .providers import Instrument, Provider
from .sessions import Session


def login_redirect(request):
    """To the login page, and back to this page afterwards."""
    query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
    return HttpResponseRedirect(f"{resolve_url(settings.LOGIN_URL)}?{query}")


class CourseIndexPage(Page):
    """The catalogue at `/cursussen/`. Lists published courses with filters and search.

    Below it sits one `ProviderFolderPage` per provider, and the provider's courses below
    that, so that Wagtail's page permissions can give each provider's editors their own
    subtree. The folders do not show in public URLs: a course is `/cursussen/<course-slug>/`
    and `route` finds it by its slug, which is unique across the catalogue.
    """

    intro = RichTextField(_("introductie"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["glashelder.HomePage"]
    subpage_types = ["courses.ProviderFolderPage"]
    max_count = 1

    class Meta:
        verbose_name = _("cursusoverzicht")

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        # /cursussen/<course-slug>/...: the course two levels down, in whichever provider folder.
        course = CoursePage.objects.descendant_of(self).filter(depth=self.depth + 2, slug=path_components[0]).first()
        if course is None:
            raise Http404
        return course.route(request, path_components[1:])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            catalogue_context(
                request,
                courses=CoursePage.objects.public_approved().descendant_of(self).for_listing(),
                searchable=CoursePage.objects.live(),
                instruments=Instrument.objects.order_by("sort_order", "name"),
                providers=Provider.objects.filter(courses__live=True).distinct().order_by("name"),
                sessions=Session.objects.all(),
            )
        )
        return context


def _without_provider_folder(page_path, levels_below_folder):
    """`page_path` (a site-relative URL of a page in a provider folder) without the folder's segment:
    `/cursussen/raadswerk/begroting/` becomes `/cursussen/begroting/`."""
    trailing = page_path.endswith("/")
    segments = [segment for segment in page_path.split("/") if segment]
    if len(segments) > levels_below_folder:
        del segments[-levels_below_folder - 1]
    path = "/" + "/".join(segments)
    return path + "/" if trailing and segments else path


class CataloguePathMixin:
    """Public URLs of courses and modules skip the provider folder they live in:
    `/cursussen/<course-slug>/` and `/cursussen/<course-slug>/<module-slug>/`, as they were
    before the folders existed (see CourseIndexPage.route)."""

    levels_below_folder = 1

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request=request)
        if not parts or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, _without_provider_folder(page_path, self.levels_below_folder)


class ProviderFolderPermissionTester(PagePermissionTester):
    """A provider folder belongs to the platform. Its editors (and the redactie) may add
    courses in it, through Wagtail's own page permissions; only beheer may edit, move,
    copy, delete, lock or unpublish the folder itself."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser:
            self.permissions = self.permissions & {"add"}


class ProviderFolderPage(Page):
    """The folder of one provider's courses, directly below the course index.

    It exists for Wagtail's permission model: the provider's editors group has *add* and
    *change* on this folder only (services.provider_editors_ensure), so the explorer, page
    chooser, admin API, admin search, reports and histories show an editor their own
    provider's pages and nothing of any other provider's. Created and kept by
    services.provider_folder_ensure, never in the admin. It has no page of its own on the
    site: its URL is the catalogue's, and course URLs leave it out.
    """

    provider = models.OneToOneField(
        Provider, verbose_name=_("aanbieder"), null=True, blank=True, editable=False, on_delete=models.SET_NULL,
        related_name="folder",
    )

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.CoursePage"]
    is_creatable = False
    preview_modes = []  # nothing of its own to show

    class Meta:
        verbose_name = _("map van een aanbieder")
        verbose_name_plural = _("mappen van aanbieders")

    def permissions_for_user(self, user):
        return ProviderFolderPermissionTester(user, self)

    def get_url_parts(self, request=None):
        # The catalogue's own URL (the folder's segment is not part of any public URL).
        parts = super().get_url_parts(request=request)
        if not parts or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, _without_provider_folder(page_path, 0)

    def route(self, request, path_components):
        raise Http404

    def serve(self, request, *args, **kwargs):
        raise Http404


class CompletionRule(models.TextChoices):
    MODULES = "modules", _("Alle modules afgerond")
    MODULES_AND_CHECKS = "modules_checks", _("Alle modules afgerond en kennischecks gehaald")


# Field values that describe the review of a course, not one revision of it:
# they are kept from the database row when a revision is restored or published.
REVIEW_FIELDS = ("review_status", "review_comment", "approved_by_id", "approved_at", "approved_revision_id")

# Slugs under /cursussen/ that belong to the catalogue's own URLs.
RESERVED_COURSE_SLUGS = {"instrumenten", "agenda", "agenda.ics"}


class CoursePageQuerySet(PageQuerySet):
    def for_listing(self):
        """With the provider and the instruments (in their order) fetched in one go each."""
        return self.select_related("provider").prefetch_related(
            Prefetch("instruments", queryset=Instrument.objects.order_by("sort_order", "name"))
        )


class CoursePageManager(PageManager.from_queryset(CoursePageQuerySet)):
    def public_approved(self):
        """Published courses whose live version is the version the redactie approved."""
        return (
            self.get_queryset()
            .live()
            .public()
            .filter(approved_revision__isnull=False, approved_revision_id=F("live_revision_id"))
        )


class CoursePageForm(WagtailAdminPageForm):
    """The course editor form. The provider is the one whose folder the course is in;
    the preview module is one of the course's own modules."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        course = self.instance
        if not course.provider_id and self.parent_page is not None:
            course.provider_id = ProviderFolderPage.objects.filter(pk=self.parent_page.pk).values_list(
                "provider_id", flat=True
            ).first()
        field = self.fields.get("preview_module")
        if field is not None:
            field.queryset = (
                ModulePage.objects.child_of(course).order_by("path") if course.pk else ModulePage.objects.none()
            )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug:
            try:
                self.instance.check_catalogue_slug(slug)
            except ValidationError as error:
                raise ValidationError(error.messages)
        return slug


class CoursePage(CataloguePathMixin, Page):
    """A course of one provider, in that provider's folder below the course index.

    Only a course whose current content passed the redactie's non-partisanship
    review (onpartijdigheidstoets) is published and counts as reimbursable;
    `review_status` and the approval fields record that decision.

    The course page is public. The modules and documents of a paid course are for its
    members (`members_content_open_to`), except the one preview module the provider chose.
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
    preview_module = models.ForeignKey(
        "courses.ModulePage", verbose_name=_("proefmodule"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Deze module van de cursus kan iedereen lezen. De andere modules en de documenten van een betaalde "
            "cursus zijn alleen voor deelnemers."
        ),
    )

    content_panels = [
        ReviewStatusPanel(heading=_("Onpartijdigheidstoets")),
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("instruments", widget=forms.CheckboxSelectMultiple), FieldPanel("audience_roles"), FieldPanel("level"), FieldPanel("format")],
            heading=_("Voor wie en waarover"),
        ),
        MultiFieldPanel(
            [FieldPanel("study_load_hours"), FieldPanel("price"), FieldPanel("language"),
             FieldPanel("preview_module", widget=forms.Select)],
            heading=_("Praktisch"),
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
    parent_page_types = ["courses.ProviderFolderPage"]
    subpage_types = ["courses.ModulePage"]
    base_form_class = CoursePageForm

    objects = CoursePageManager()

    class Meta:
        verbose_name = _("cursus")
        verbose_name_plural = _("cursussen")

    def with_content_json(self, content):
        # The review record belongs to the course, not to a revision: publishing
        # or reverting a revision never changes who approved what. The provider is
        # the folder's, whatever a revision says.
        obj = super().with_content_json(content)
        for name in REVIEW_FIELDS:
            setattr(obj, name, getattr(self, name))
        obj.provider_id = self.provider_id
        return obj

    def check_catalogue_slug(self, slug):
        """A course's slug is its public address `/cursussen/<slug>/`: unique across all
        providers' folders and not one of the catalogue's own paths."""
        if slug in RESERVED_COURSE_SLUGS:
            raise ValidationError({"slug": _("Dit webadres is gereserveerd; kies een ander.")})
        if CoursePage.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            raise ValidationError({"slug": _("Dit webadres is al in gebruik voor een andere cursus; kies een ander.")})

    def _get_autogenerated_slug(self, base_slug):
        # Wagtail makes a slug unique among siblings; a course's must be unique in the catalogue.
        candidate, suffix = base_slug, 1
        while candidate in RESERVED_COURSE_SLUGS or CoursePage.objects.filter(slug=candidate).exclude(pk=self.pk).exists():
            suffix += 1
            candidate = f"{base_slug}-{suffix}"
        return candidate

    def _check_place_in_catalogue(self):
        parent = self.get_parent()
        if parent is not None and parent.specific_class is not ProviderFolderPage:
            raise ValidationError(_("Een cursus hoort in de map van haar aanbieder."))
        self.check_catalogue_slug(self.slug)

    def clean(self):
        super().clean()
        self._check_place_in_catalogue()

    def minimal_clean(self):
        super().minimal_clean()
        self._check_place_in_catalogue()

    def save(self, *args, **kwargs):
        # The provider is the one whose folder the course is in.
        parent = self.get_parent() if self.path else None
        if parent is not None and parent.specific_class is ProviderFolderPage:
            provider_id = ProviderFolderPage.objects.filter(pk=parent.pk).values_list("provider_id", flat=True).first()
            if provider_id is not None:
                self.provider_id = provider_id
        return super().save(*args, **kwargs)

    def members_content_open_to(self, user):
        """May `user` read the modules and documents of this course? Everyone may for a
        free course. For a paid course: members with an active or completed enrolment
        (asked through the `glashelder_course_member` hook, which enrolment answers),
        the provider's editors, the redactie and beheer."""
        if self.is_free:
            return True
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser or roles.is_redactie(user):
            return True
        if Provider.objects.edited_by(user).filter(pk=self.provider_id).exists():
            return True
        return any(fn(user, self) for fn in hooks.get_hooks("glashelder_course_member"))

    def module_open_to(self, module, user):
        return module.pk == self.preview_module_id or self.members_content_open_to(user)

    @property
    def is_free(self):
        return self.price == 0

    @property
    def is_approved_live(self):
        """The version visitors see is the version the redactie approved."""
        return bool(self.live and self.approved_revision_id and self.approved_revision_id == self.live_revision_id)

    @property
    def is_reimbursable(self):
        """Only courses approved as non-party-political can be reimbursed: the
        live version must be the approved one."""
        return self.is_approved_live

    def serve(self, request, *args, **kwargs):
        # Only approved content is public. A version published outside the review
        # (which the admin refuses anyway) is never shown.
        if not self.is_approved_live:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_context(request, self, modules=ModulePage.objects.live().child_of(self)))
        context["modules_open"] = self.members_content_open_to(request.user)
        return context

    @property
    def needs_attendance(self):
        return self.format in (CourseFormat.LIVE, CourseFormat.BLENDED)

    @property
    def checks_must_pass(self):
        """The completion rule asks for passed knowledge checks, not only finished modules."""
        return self.completion_rule == CompletionRule.MODULES_AND_CHECKS

    @property
    def audience_role_labels(self):
        labels = dict(Role.choices)
        return [labels.get(role, role) for role in self.audience_roles]

    @property
    def learning_outcome_list(self):
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    def upcoming_sessions(self):
        return self.sessions.filter(starts_at__gte=timezone.now(), cancelled=False).order_by("starts_at")

    def upcoming_sessions_with_places(self):
        """Upcoming sessions annotated with `taken` and `free_places` in one query."""
        return Session.objects.with_places().filter(course=self, starts_at__gte=timezone.now(), cancelled=False).order_by(
            "starts_at"
        )


class ModulePage(CataloguePathMixin, Page):
    """A module of a course: ordered lessons built from StreamField blocks.

    Public when the course is free or when it is the course's preview module; otherwise for
    the course's members (see CoursePage.members_content_open_to)."""

    levels_below_folder = 2

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

    def serve(self, request, *args, **kwargs):
        # A module is public when its course is public and the module is open: a free
        # course, or the preview module of a paid one. The rest is for members.
        course = self.course
        if not isinstance(course, CoursePage) or not course.is_approved_live:
            raise Http404
        if not course.module_open_to(self, request.user):
            if not request.user.is_authenticated:
                return login_redirect(request)
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.course
        siblings = list(ModulePage.objects.live().child_of(course).order_by("path").only("id", "title", "url_path", "path"))
        members_open = course.members_content_open_to(request.user)
        readable = [m for m in siblings if members_open or m.pk == course.preview_module_id]
        index = next((i for i, m in enumerate(readable) if m.pk == self.pk), 0)
        context.update(
            {
                "course": course,
                "modules": siblings,
                "modules_open": members_open,
                "previous_module": readable[index - 1] if index > 0 else None,
                "next_module": readable[index + 1] if index + 1 < len(readable) else None,
            }
        )
        return context

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


# The catalogue shows free places, but `courses` keeps no enrolment data and knows no
# enrolment status: the app that holds enrolments answers through this hook with a query
# expression that counts the places taken of the session in the outer query (README,
# "Extension points"). Without an answering app every place is free.
