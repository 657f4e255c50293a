"""Load the demo content for `make run`. Idempotent: a second run duplicates nothing.

Refuses to run with production settings: demo data never reaches production.
"""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from glashelder import demo

# Each app contributes its own demo content, in dependency order.
APP_DEMOS = ["courses.demo", "glashelder.offices.demo", "enrolment.demo", "reimbursement.demo"]


class Command(BaseCommand):
    help = "Load demo accounts and content (development only)."

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith(".production") or not settings.DEMO_PAYMENTS:
            raise CommandError("Demo content is for development only; refusing to load it with these settings.")
        with transaction.atomic():
            users = demo.load_accounts()
            for module_name in APP_DEMOS:
                try:
                    module = import_module(module_name)
                except ModuleNotFoundError as exc:
                    if exc.name != module_name:
                        raise
                    continue
                module.load(users)
        self.stdout.write("Demo content loaded. Demo accounts: see README (password: glashelder-demo).")
