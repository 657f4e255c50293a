from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReimbursementConfig(AppConfig):
    name = "reimbursement"
    verbose_name = _("Declaraties")
    default_auto_field = "django.db.models.BigAutoField"
