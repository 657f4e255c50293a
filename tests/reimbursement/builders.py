"""Builders for the export ledger tests: an export as it was made before the ledger, and the data
migration that gives such exports their lines."""

import importlib

from django.utils import timezone

from reimbursement.models import ZERO, Claim, ClaimEvent, ClaimExport, ClaimStatus

build_lines_for_old_exports = importlib.import_module(
    "reimbursement.migrations.0006_export_lines_for_old_exports"
).build_lines_for_old_exports


def legacy_export(claims, *, actor, period_start=None, period_end=None):
    """What `claims_export` made before the ledger: the claims marked exported with their event,
    a frozen total, and no lines or files."""
    now = timezone.now()
    today = timezone.localdate()
    claims = list(Claim.objects.filter(pk__in=[c.pk for c in claims]).order_by("pk"))
    export = ClaimExport.objects.create(
        authority=claims[0].authority, period_start=period_start or today.replace(day=1), period_end=period_end or today,
        created_at=now, created_by=actor, created_by_name=actor.display_name, claim_count=len(claims),
        total=sum((c.net_approved for c in claims), ZERO),
    )
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(status=ClaimStatus.EXPORTED, export=export, exported_at=now)
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim=c, action=ClaimEvent.Action.EXPORTED, actor=actor, actor_name=actor.display_name, at=now,
            from_status=ClaimStatus.APPROVED, to_status=ClaimStatus.EXPORTED, amount=c.net_approved, reason="Export",
        )
        for c in claims
    )
    return export
