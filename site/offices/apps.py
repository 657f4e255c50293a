from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    """Authorities, offices and their verification, griffie members, invitations, and the
    frame of the griffie workspace (lookup, base template, grouped navigation).

    Lives inside `site/` (imported as `glashelder.offices`) because the design keeps its
    top-level folders; in the layering it sits between `courses` and `enrolment`."""

    name = "glashelder.offices"
    label = "offices"
    verbose_name = _("Ambten")
    default_auto_field = "django.db.models.BigAutoField"
