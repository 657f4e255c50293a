"""Choices shared by more than one app: roles and the two kinds of authority.

A course's audience (`Level`) and an authority's kind (`AuthorityKind`) use the same
values, so `Level.GEMEENTE == AuthorityKind.GEMEENTE`; a course can also be meant for
both.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RAADSLID = "raadslid", _("Raadslid")
    COMMISSIELID = "commissielid", _("Commissielid (burgerlid)")
    STATENLID = "statenlid", _("Statenlid")
    WETHOUDER = "wethouder", _("Wethouder")
    GEDEPUTEERDE = "gedeputeerde", _("Gedeputeerde")
    BURGEMEESTER = "burgemeester", _("Burgemeester")
    CDK = "cdk", _("Commissaris van de Koning")


class AuthorityKind(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    PROVINCIE = "provincie", _("Provincie")


class Level(models.TextChoices):
    """For whom a course is meant: one kind of authority, or both."""

    GEMEENTE = AuthorityKind.GEMEENTE.value, _("Gemeente")
    PROVINCIE = AuthorityKind.PROVINCIE.value, _("Provincie")
    BEIDE = "beide", _("Gemeente en provincie")


# Which roles exist at which kind of authority. A commissielid exists at both.
GEMEENTE_ROLES = frozenset({Role.RAADSLID, Role.COMMISSIELID, Role.WETHOUDER, Role.BURGEMEESTER})
PROVINCIE_ROLES = frozenset({Role.STATENLID, Role.COMMISSIELID, Role.GEDEPUTEERDE, Role.CDK})
ROLES_BY_KIND = {AuthorityKind.GEMEENTE: GEMEENTE_ROLES, AuthorityKind.PROVINCIE: PROVINCIE_ROLES}
