from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _after_migrate(sender, **kwargs):
    """After migrate (and after a test flush): the seeded legal bases, and the redactie's right to
    keep them up to date. Runs for the last app with models, when every app's permissions exist."""
    from django.apps import apps
    from django.contrib.auth.models import Permission

    from glashelder.kernel.roles import redactie_group

    from .legal_bases import seed_legal_bases
    from .models import LegalBasis

    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label != last.label:
        return
    seed_legal_bases(LegalBasis)
    permissions = Permission.objects.filter(
        content_type__app_label="reimbursement", codename__in=["add_legalbasis", "change_legalbasis", "delete_legalbasis", "view_legalbasis"]
    )
    redactie_group().permissions.add(*permissions)


class ReimbursementConfig(AppConfig):
    name = "reimbursement"
    verbose_name = _("Declaraties")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers this app's reactions to enrolment events in enrolment's reaction outbox.
        from . import reactions  # noqa: F401

        post_migrate.connect(_after_migrate, dispatch_uid="reimbursement_after_migrate")
