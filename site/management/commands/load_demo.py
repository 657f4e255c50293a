"""Load the demo content for `make run`. Idempotent: a second run duplicates nothing.

Refuses to run with production settings: demo data never reaches production.
The demo is made through the real services, which send e-mails; while it loads,
those go to an in-memory mailbox that is thrown away, so nothing is sent and the
console stays quiet.
"""

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

import courses.demo
import enrolment.demo
import glashelder.offices.demo
import reimbursement.demo
from glashelder import demo

# Each app contributes its own demo content, in dependency order.
APP_DEMOS = [courses.demo, glashelder.offices.demo, enrolment.demo, reimbursement.demo]


class Command(BaseCommand):
    help = (
        "Load demo accounts and content (development only). Sends no e-mail: the messages the demo "
        "causes go to an in-memory mailbox that is discarded."
    )

    def handle(self, *args, **options):
        if (settings.SETTINGS_MODULE or "").endswith(".production") or not settings.DEMO_PAYMENTS:
            raise CommandError("Demo content is for development only; refusing to load it with these settings.")
        outbox = getattr(mail, "outbox", None)
        mail.outbox = []
        try:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                # No transaction around it all: the demo goes through the services, and the top-level
                # ones own their transaction (`durable`), which refuses to be nested. Every loader is
                # idempotent. E-mails go out after each commit, inside this override.
                users = demo.load_accounts()
                for module in APP_DEMOS:
                    module.load(users)
            kept_back = len(mail.outbox)
        finally:
            if outbox is None:
                del mail.outbox
            else:
                mail.outbox = outbox
        self.stdout.write(f"Demo content loaded ({kept_back} e-mails of the demo were not sent).")
        self.stdout.write("Demo accounts: see README (password: glashelder-demo).")
