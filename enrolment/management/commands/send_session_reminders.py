"""E-mail every enrolled member a reminder (with an .ics attachment) before their session.

Idempotent: each enrolment is reminded once (`session_reminder_sent_at`). Run it
daily (cron or a scheduled task); `--days` sets how far ahead (default 2).
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from enrolment.models import Enrolment, EnrolmentStatus
from enrolment.tasks import send_enrolment_mail


class Command(BaseCommand):
    help = "Send session reminders with an iCal attachment (once per enrolment)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=2)

    def handle(self, *args, days, **options):
        now = timezone.now()
        due = Enrolment.objects.filter(
            status=EnrolmentStatus.ACTIVE, session__cancelled=False, session__starts_at__gt=now,
            session__starts_at__lte=now + datetime.timedelta(days=days), session_reminder_sent_at__isnull=True,
        ).values_list("pk", flat=True)
        sent = 0
        for pk in list(due):
            with transaction.atomic():
                # claim the row first, so two runs at once never remind twice
                claimed = Enrolment.objects.filter(pk=pk, session_reminder_sent_at__isnull=True).update(session_reminder_sent_at=now)
                if claimed:
                    transaction.on_commit(lambda pk=pk: send_enrolment_mail.enqueue(kind="session_reminder", enrolment_id=pk))
                    sent += 1
        self.stdout.write(f"{sent} reminder(s) sent.")
