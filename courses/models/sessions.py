"""Dated live meetings of a course, with their capacity."""


from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    Orderable,
)

TAKEN_PLACES_HOOK = "glashelder_session_taken_places"


def taken_places_expression():
    """The places taken of each session, as one expression for `annotate`."""
    expressions = [fn() for fn in hooks.get_hooks(TAKEN_PLACES_HOOK)]
    if not expressions:
        return Value(0, output_field=models.IntegerField())
    total = expressions[0]
    for expression in expressions[1:]:
        total = total + expression
    return total


class SessionQuerySet(models.QuerySet):
    def with_places(self):
        """Annotate `taken` and `free_places` in the same query."""
        return self.annotate(taken=taken_places_expression()).annotate(free_places=F("capacity") - F("taken"))


class Session(Orderable):
    """A dated live meeting of a live or blended course, with a capacity."""

    course = ParentalKey("courses.CoursePage", verbose_name=_("cursus"), on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("titel"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    location = models.CharField(_("locatie"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), validators=[MinValueValidator(1)])
    registration_deadline = models.DateTimeField(_("inschrijven kan tot"))
    cancelled = models.BooleanField(_("geannuleerd"), default=False)

    objects = SessionQuerySet.as_manager()

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

    def places_taken(self):
        if hasattr(self, "taken"):
            return self.taken
        return Session.objects.with_places().filter(pk=self.pk).values_list("taken", flat=True).get()

    def places_free(self):
        return max(self.capacity - self.places_taken(), 0)

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Het einde moet na het begin liggen.")})
        if self.starts_at and self.registration_deadline and self.registration_deadline > self.starts_at:
            raise ValidationError({"registration_deadline": _("Inschrijven moet sluiten voordat de bijeenkomst begint.")})
        if not self.location and not self.online_url:
            raise ValidationError({"location": _("Vul een locatie of een online link in.")})


