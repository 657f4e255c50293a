"""Providers and the instrument taxonomy."""


from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from ..choices import InstrumentKind


class ProviderQuerySet(models.QuerySet):
    def edited_by(self, user):
        """The providers `user` edits, through each provider's editors group."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(editors_group__user=user)


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
    # The provider's own collection of documents and images: its editors add, change and choose
    # only there (services.provider_editors_ensure).
    collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name=_("collectie"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="provider",
    )

    objects = ProviderQuerySet.as_manager()

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
        # Every provider gets its own editors group, folder of course pages and
        # collection: courses.signals calls services.provider_editors_ensure after each save.


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

    def get_absolute_url(self):
        return reverse("courses:instrument_detail", kwargs={"slug": self.slug})

    @property
    def is_controle(self):
        return self.kind in (InstrumentKind.CONTROLE, InstrumentKind.BEIDE)

    @property
    def is_kaderstelling(self):
        return self.kind in (InstrumentKind.KADERSTELLING, InstrumentKind.BEIDE)


