"""Free session places whose payment did not arrive in time (services.PAYMENT_HOLD).

The place goes to the first person on the waiting list. Idempotent: run it
hourly (cron or a scheduled task).
"""

from django.core.management.base import BaseCommand

from enrolment.services import enrolments_expire_unpaid


class Command(BaseCommand):
    help = "Cancel unpaid session enrolments after the payment hold and promote the waiting list."

    def handle(self, *args, **options):
        expired = enrolments_expire_unpaid()
        self.stdout.write(f"{len(expired)} unpaid enrolment(s) expired.")
