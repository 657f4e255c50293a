"""Authorities, offices, griffie members and invitations: who holds which office where,
and who works at which griffie."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from glashelder.kernel.choices import ROLES_BY_KIND, AuthorityKind, Role


class Authority(models.Model):
    """A gemeente or provincie, identified by its CBS code (GMxxxx or PVxx)."""

    kind = models.CharField(_("soort"), max_length=16, choices=AuthorityKind.choices)
    cbs_code = models.CharField(_("CBS-code"), max_length=6, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    province = models.ForeignKey(
        "self", verbose_name=_("provincie"), null=True, blank=True, on_delete=models.PROTECT, related_name="gemeenten",
        limit_choices_to={"kind": AuthorityKind.PROVINCIE},
    )

    class Meta:
        db_table = "enrolment_authority"  # created by the enrolment app; kept when offices became an app
        verbose_name = _("overheid")
        verbose_name_plural = _("overheden")
        ordering = ["kind", "name"]

    def __str__(self):
        if self.kind == AuthorityKind.PROVINCIE:
            return _("Provincie %(name)s") % {"name": self.name}
        return _("Gemeente %(name)s") % {"name": self.name}

    def allowed_roles(self):
        return ROLES_BY_KIND[self.kind]


class GriffieMember(models.Model):
    """A user who works at the griffie of one authority. Granted by beheer or a griffie colleague."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="griffie_memberships")
    authority = models.ForeignKey(Authority, verbose_name=_("overheid"), on_delete=models.CASCADE, related_name="griffie_members")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("toegekend door"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("toegekend op"), default=timezone.now)

    class Meta:
        db_table = "enrolment_griffiemember"  # created by the enrolment app; kept when offices became an app
        verbose_name = _("griffiemedewerker")
        verbose_name_plural = _("griffiemedewerkers")
        constraints = [models.UniqueConstraint(fields=["user", "authority"], name="unique_griffie_member")]

    def __str__(self):
        return f"{self.user} – {self.authority}"


class OfficeStatus(models.TextChoices):
    REQUESTED = "requested", _("Aangevraagd")
    VERIFIED = "verified", _("Bevestigd door de griffie")
    DECLINED = "declined", _("Afgewezen door de griffie")


class Office(models.Model):
    """One person holding one role at one authority for a term.

    Never self-declared: the griffie of the authority verifies it. When the term
    ends the office stays, so enrolments keep the office they were made under.
    """

    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ambtsdrager"), on_delete=models.CASCADE, related_name="offices")
    authority = models.ForeignKey(Authority, verbose_name=_("overheid"), on_delete=models.PROTECT, related_name="offices")
    role = models.CharField(_("ambt"), max_length=16, choices=Role.choices)
    start_date = models.DateField(_("ingangsdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=OfficeStatus.choices, default=OfficeStatus.REQUESTED)
    requested_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("bevestigd door"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    decline_reason = models.TextField(_("reden van afwijzing"), blank=True)

    class Meta:
        db_table = "enrolment_office"  # created by the enrolment app; kept when offices became an app
        verbose_name = _("ambt")
        verbose_name_plural = _("ambten")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")), name="office_end_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}, {self.authority}"

    @property
    def is_verified(self):
        return self.status == OfficeStatus.VERIFIED

    @property
    def is_requested(self):
        return self.status == OfficeStatus.REQUESTED

    def held_on(self, day):
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


def new_token():
    return secrets.token_urlsafe(32)


class OfficeInvitation(models.Model):
    """The griffie invites a member by e-mail; accepting creates a verified office."""

    authority = models.ForeignKey(Authority, verbose_name=_("overheid"), on_delete=models.CASCADE, related_name="invitations")
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("ambt"), max_length=16, choices=Role.choices)
    start_date = models.DateField(_("ingangsdatum"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uitgenodigd door"), null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    office = models.OneToOneField(Office, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitation")

    class Meta:
        db_table = "enrolment_officeinvitation"  # created by the enrolment app; kept when offices became an app
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} <{self.email}>"
