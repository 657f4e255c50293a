"""Choices shared by the whole platform. `courses` is the lowest layer, so the
role and level vocabulary lives here and the other apps import it."""

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


# Which roles exist at which kind of authority. A commissielid exists at both.
GEMEENTE_ROLES = {Role.RAADSLID, Role.COMMISSIELID, Role.WETHOUDER, Role.BURGEMEESTER}
PROVINCIE_ROLES = {Role.STATENLID, Role.COMMISSIELID, Role.GEDEPUTEERDE, Role.CDK}


class Level(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    PROVINCIE = "provincie", _("Provincie")
    BEIDE = "beide", _("Gemeente en provincie")


class CourseFormat(models.TextChoices):
    ONLINE = "online", _("Online, in eigen tempo")
    LIVE = "live", _("Live bijeenkomst")
    BLENDED = "blended", _("Blended (online en live)")


class InstrumentKind(models.TextChoices):
    CONTROLE = "controle", _("Controle")
    KADERSTELLING = "kaderstelling", _("Kaderstelling")
    BEIDE = "beide", _("Controle en kaderstelling")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    IN_REVIEW = "in_review", _("In onpartijdigheidstoets")
    APPROVED = "approved", _("Goedgekeurd als niet-partijpolitiek")
    REJECTED = "rejected", _("Afgewezen")
