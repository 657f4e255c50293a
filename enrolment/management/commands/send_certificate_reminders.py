"""Remind members whose certificate expires soon (default: within 60 days).

Idempotent: each certificate is reminded once (`reminder_sent_at`).
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from enrolment.models import Certificate
from enrolment.tasks import send_certificate_reminder


class Command(BaseCommand):
    help = "E-mail a reminder before a certificate expires (once per certificate)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=60)

    def handle(self, *args, days, **options):
        today = timezone.localdate()
        due = Certificate.objects.filter(
            valid_until__isnull=False, valid_until__gte=today, valid_until__lte=today + datetime.timedelta(days=days),
            reminder_sent_at__isnull=True, enrolment__person__isnull=False,
        ).values_list("pk", flat=True)
        sent = 0
        for pk in list(due):
            with transaction.atomic():
                claimed = Certificate.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(reminder_sent_at=timezone.now())
                if claimed:
                    transaction.on_commit(lambda pk=pk: send_certificate_reminder.enqueue(certificate_id=pk))
                    sent += 1
        self.stdout.write(f"{sent} reminder(s) sent.")
