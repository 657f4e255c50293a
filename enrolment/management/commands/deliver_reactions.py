"""Deliver the reactions of the outbox that are due: new ones whose after-commit task did not run,
and failed ones whose backoff has passed (enrolment/reactions.py).

Run it every minute (cron or a scheduled task). Safe to run twice and concurrently: each
delivery is taken with `SELECT … FOR UPDATE SKIP LOCKED` and re-checked under that lock.
"""

from django.core.management.base import BaseCommand

from enrolment.reactions import deliver_due


class Command(BaseCommand):
    help = "Deliver pending reactions to enrolment events that are due (run every minute)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=1000, help="At most this many deliveries per run.")

    def handle(self, *args, **options):
        counts = deliver_due(limit=options["limit"])
        self.stdout.write(
            f"{counts['delivered']} reaction(s) delivered, {counts['failed']} failed (retried later), "
            f"{counts['skipped']} skipped (taken by another run or already done)."
        )
