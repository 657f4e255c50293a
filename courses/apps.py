from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _setup_catalogue(sender, **kwargs):
    """After migrate (and after a test flush): the instrument taxonomy, the
    review workflow on the course index and every provider's editors group, folder
    and collection. Runs once, for the last app with models,
    when the page tree (site's own handler) and every app's permissions exist."""
    # Imported here, not at the top: the app registry is not ready when apps.py is imported.
    from . import services

    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label != last.label:
        return

    services.seed_instruments()
    services.review_workflow_ensure()
    services.providers_ensure()


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401

        post_migrate.connect(_setup_catalogue, dispatch_uid="courses_setup_catalogue")
