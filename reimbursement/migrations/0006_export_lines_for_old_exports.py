# Exports made before the ledger get their lines, built from the claims they contain, so that
# every export has lines and an old export can be downloaded (its files are rendered from these
# lines on the first download and stored from then on).
#
# Each claim of an old export gets a claim line (its approved amount, settling its approval
# event) and one negative line for each reversal made before that export: the old file showed
# the net amount, and the lines add up to the same total. Reversals made after an old export were
# never sent; they stay open and go out as negative lines in the next export.

from decimal import Decimal

from django.db import migrations
from django.utils import timezone, translation

APPROVALS = ("approved", "partially_approved")


def _local_date(value):
    return timezone.localtime(value).date() if value is not None else None


def build_lines_for_old_exports(apps, schema_editor):
    ClaimExport = apps.get_model("reimbursement", "ClaimExport")
    Claim = apps.get_model("reimbursement", "Claim")
    ClaimEvent = apps.get_model("reimbursement", "ClaimEvent")
    ExportLine = apps.get_model("reimbursement", "ExportLine")
    with translation.override("nl"):
        roles = {value: str(label) for value, label in Claim._meta.get_field("role").choices}
    settled = set(ExportLine.objects.values_list("event_id", flat=True))
    for export in ClaimExport.objects.filter(lines__isnull=True).order_by("created_at", "pk"):
        claim_lines, reversal_lines = [], []
        for claim in Claim.objects.filter(export=export).order_by("pk"):
            events = list(ClaimEvent.objects.filter(claim=claim).order_by("at", "pk"))
            approval = next((e for e in reversed(events) if e.action in APPROVALS), None)
            approval = approval or next((e for e in events if e.action == "exported"), None)
            if approval is None or approval.pk in settled:
                continue
            frozen = {
                "export_id": export.pk,
                "claim_id": claim.pk,
                "claim_number": claim.number,
                "member_name": claim.member_name,
                "role": claim.role,
                "office": f"{roles.get(claim.role, claim.role)}, {claim.authority_name}",
                "authority_name": claim.authority_name,
                "authority_code": claim.authority_code,
                "course_title": claim.course_title,
                "provider_name": claim.provider_name,
                "start_date": claim.start_date,
                "end_date": claim.end_date,
                "payment_route": "aanbieder (inkooporder)" if claim.kind == "direct_payment" else "ambtsdrager",
                "legal_basis_text": claim.legal_basis_text,
                "legal_basis_confirmed": claim.legal_basis_confirmed,
                "budget_year": claim.budget_year,
                "approver_name": claim.decided_by_name,
                "approval_date": _local_date(claim.decided_at),
                "decision_reference": claim.decision_reference,
            }
            claim_lines.append(ExportLine(
                kind="claim", event_id=approval.pk, amount=claim.amount_approved or Decimal("0.00"),
                line_date=_local_date(claim.decided_at) or _local_date(approval.at), **frozen,
            ))
            for event in events:
                if event.action == "reversed" and event.at <= export.created_at and event.pk not in settled:
                    reversal_lines.append(ExportLine(
                        kind="reversal", event_id=event.pk, amount=-event.amount, line_date=_local_date(event.at), **frozen,
                    ))
        lines = claim_lines + reversal_lines
        ExportLine.objects.bulk_create(lines)
        settled.update(line.event_id for line in lines)
        ClaimExport.objects.filter(pk=export.pk).update(
            claim_count=len(claim_lines),
            line_count=len(lines),
            reversal_count=len(reversal_lines),
            total=sum((line.amount for line in lines), Decimal("0.00")),
        )


class Migration(migrations.Migration):

    dependencies = [
        ("reimbursement", "0005_export_ledger"),
    ]

    operations = [
        migrations.RunPython(build_lines_for_old_exports, migrations.RunPython.noop),
    ]
