"""Choices of the catalogue. Roles and levels are shared by every app and live in the kernel."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
