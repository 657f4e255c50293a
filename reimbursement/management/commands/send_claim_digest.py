"""Daily e-mail to each griffie with the claims submitted since the last digest.

Idempotent: a claim is in one digest only, so running the command twice on a day sends nothing the second time.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from reimbursement import services
from reimbursement.models import Claim, ClaimStatus


class Command(BaseCommand):
    help = "Send each griffie the daily digest of newly submitted claims."

    def handle(self, *args, **options):
        day = timezone.localdate()
        authority_ids = (
            Claim.objects.filter(status=ClaimStatus.SUBMITTED, digest_sent_on__isnull=True)
            .values_list("authority_id", flat=True).distinct().order_by("authority_id")
        )
        count = 0
        for authority_id in list(authority_ids):
            if services.claims_digest_take(authority_id=authority_id, day=day):
                count += 1
        self.stdout.write(f"Digest queued for {count} griffie(s).")
