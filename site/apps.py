from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_site_tree(sender, **kwargs):
    from .tree import ensure_site_tree

    ensure_site_tree()


class GlashelderConfig(AppConfig):
    name = "glashelder"
    label = "glashelder"
    verbose_name = _("Glashelder")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401

        post_migrate.connect(_create_site_tree, sender=self, dispatch_uid="glashelder_site_tree")
