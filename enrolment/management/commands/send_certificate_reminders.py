"""Remind members whose certificate expires soon (default: within 60 days).

Idempotent: each certificate is reminded once (`reminder_sent_at`).
"""


from django.core.management.base import BaseCommand

from enrolment import services


class Command(BaseCommand):
    help = "E-mail a reminder before a certificate expires (once per certificate)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=60)

    def handle(self, *args, days, **options):
        sent = services.certificate_reminders_send(days=days)
        self.stdout.write(f"{sent} reminder(s) sent.")
