"""E-mail every enrolled member a reminder (with an .ics attachment) before their session.

Idempotent: each enrolment is reminded once (`session_reminder_sent_at`). Run it
daily (cron or a scheduled task); `--days` sets how far ahead (default 2).
"""


from django.core.management.base import BaseCommand

from enrolment import services


class Command(BaseCommand):
    help = "Send session reminders with an iCal attachment (once per enrolment)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=2)

    def handle(self, *args, days, **options):
        sent = services.session_reminders_send(days=days)
        self.stdout.write(f"{sent} reminder(s) sent.")
