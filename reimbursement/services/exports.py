"""The export ledger: what the salary administration receives, written once and never changed.

`claims_export` writes, in one transaction, one `ExportLine` per approved claim decided in the
period (the approved amount, settling the claim's approval event) and one negative line per
reversal not yet exported (settling its REVERSED event) of a claim that went out before or goes
out now, dated on or before the period end. A reversal of a claim that has not gone out yet waits
for the export of that claim, so the salary administration never receives a correction of an
amount it never saw. The CSV and XLSX are rendered from those lines there and then and stored
with their SHA-256: every later download returns the same bytes, whatever happens to the claims
or the member's account afterwards.

Unique constraints let a claim line and a reversal go out only once; the authority's policy
rows are locked first and then the claims, the same order as approvals and reversals (policy,
then claim), so two exports at the same moment are serialised and never share a line.
"""

import datetime
import hashlib

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from glashelder.kernel.audit import audit_log
from glashelder.kernel.money import format_euro_text as euro

from .. import export_formats
from ..models import (
    ZERO,
    Claim,
    ClaimEvent,
    ClaimExport,
    ClaimKind,
    ClaimStatus,
    ExportFile,
    ExportFormat,
    ExportLine,
    ExportLineKind,
    TrainingPolicy,
)
from .common import Action, _local_date, _name, _require_griffie
from .errors import InvalidInput, NothingToExportError, TransitionError

APPROVALS = (Action.APPROVED, Action.PARTIALLY_APPROVED)


def _lock_authority(authority):
    """The authority's export lock: its training policy rows, in primary-key order."""
    list(TrainingPolicy.objects.select_for_update().filter(authority=authority).order_by("pk").values_list("pk", flat=True))


def _frozen(claim):
    """The claim's values as the file shows them, copied onto each of its lines."""
    with translation.override("nl"):
        office = f"{claim.get_role_display()}, {claim.authority_name}"
    return {
        "claim_number": claim.number,
        "member_name": claim.member_name,
        "role": claim.role,
        "office": office,
        "authority_name": claim.authority_name,
        "authority_code": claim.authority_code,
        "course_title": claim.course_title,
        "provider_name": claim.provider_name,
        "start_date": claim.start_date,
        "end_date": claim.end_date,
        "payment_route": "aanbieder (inkooporder)" if claim.kind == ClaimKind.DIRECT_PAYMENT else "ambtsdrager",
        "legal_basis_text": claim.legal_basis_text,
        "legal_basis_confirmed": claim.legal_basis_confirmed,
        "budget_year": claim.budget_year,
        "approver_name": claim.decided_by_name,
        "approval_date": _local_date(claim.decided_at),
        "decision_reference": claim.decision_reference,
    }


def _line(claim, *, kind, event, amount, line_date):
    return ExportLine(claim=claim, kind=kind, event=event, amount=amount, line_date=line_date, **_frozen(claim))


def _store_files(export, lines, formats=ExportFormat.values):
    """Render the files of `export` from `lines` and store them with their SHA-256; {format: ExportFile}."""
    files = {}
    for fmt in formats:
        content = export_formats.render(lines, fmt, created_at=export.created_at)
        files[fmt] = ExportFile.objects.create(
            export=export, format=fmt, content=content, sha256=hashlib.sha256(content).hexdigest(), size=len(content),
        )
    return files


def _period_bounds(period_start, period_end):
    start = timezone.make_aware(datetime.datetime.combine(period_start, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(period_end + datetime.timedelta(days=1), datetime.time.min))
    return start, end


def claims_export(*, authority, actor, period_start, period_end):
    """Export the approved claims decided in the period and the reversals not yet exported; return the export.

    Nothing to export raises `NothingToExportError` and changes nothing.
    """
    with transaction.atomic():
        _require_griffie(actor, authority.pk)
        if period_end < period_start:
            raise InvalidInput(_("Het einde van de periode ligt voor het begin."))
        start, end = _period_bounds(period_start, period_end)
        _lock_authority(authority)
        in_period = Q(status=ClaimStatus.APPROVED, decided_at__gte=start, decided_at__lt=end)
        open_reversals = ClaimEvent.objects.filter(
            claim__authority=authority, action=Action.REVERSED, at__lt=end, export_lines__isnull=True
        )
        claims = list(
            Claim.objects.select_for_update()
            .filter(authority=authority)
            .filter(in_period | Q(pk__in=open_reversals.values("claim_id")))
            .order_by("pk")
        )
        # Re-checked on the locked rows: only these claims go out now, and reversals only of claims that went out.
        period_claims = [c for c in claims if c.status == ClaimStatus.APPROVED and c.decided_at and start <= c.decided_at < end]
        out_ids = {c.pk for c in period_claims} | {c.pk for c in claims if c.status == ClaimStatus.EXPORTED}
        reversals = list(open_reversals.filter(claim_id__in=out_ids).order_by("at", "pk"))
        if not period_claims and not reversals:
            raise NothingToExportError(
                _("Er zijn geen goedgekeurde declaraties in deze periode en geen terugdraaiingen die nog niet zijn geëxporteerd.")
            )
        approvals = {
            e.claim_id: e for e in ClaimEvent.objects.filter(claim__in=period_claims, action__in=APPROVALS).order_by("at", "pk")
        }
        by_pk = {c.pk: c for c in claims}
        now = timezone.now()
        lines = [
            _line(c, kind=ExportLineKind.CLAIM, event=approvals.get(c.pk), amount=c.amount_approved, line_date=_local_date(c.decided_at))
            for c in period_claims
        ] + [
            _line(by_pk[e.claim_id], kind=ExportLineKind.REVERSAL, event=e, amount=-e.amount, line_date=_local_date(e.at))
            for e in reversals
        ]
        export = ClaimExport.objects.create(
            authority=authority,
            period_start=period_start,
            period_end=period_end,
            created_at=now,
            created_by=actor,
            created_by_name=_name(actor),
            claim_count=len(period_claims),
            line_count=len(lines),
            reversal_count=len(reversals),
            total=sum((line.amount for line in lines), ZERO),
        )
        events = _write_exported_events(period_claims, lines, by_pk, actor=actor, at=now, export=export)
        for line in lines:
            line.export = export
            if line.event is None:  # a claim without an approval event (data from before the events): its export event
                line.event = events[line.claim_id]
        try:
            with transaction.atomic():
                ExportLine.objects.bulk_create(lines)
        except IntegrityError as error:
            raise TransitionError(
                _("Een declaratie of terugdraaiing uit deze export is intussen al geëxporteerd. Probeer het opnieuw.")
            ) from error
        Claim.objects.filter(pk__in=[c.pk for c in period_claims]).update(status=ClaimStatus.EXPORTED, export=export, exported_at=now)
        files = _store_files(export, lines)
        audit_log(
            "claims_exported", actor=actor, target=f"{authority.cbs_code} {period_start}–{period_end}",
            export=export.pk, count=len(period_claims), lines=len(lines), reversals=len(reversals), total=str(export.total),
            sha256={fmt: f.sha256 for fmt, f in files.items()},
        )
        return export


def _write_exported_events(period_claims, lines, by_pk, *, actor, at, export):
    """One EXPORTED event per claim in this export, with what this export sends for it; {claim pk: event}."""
    sent = {}
    for line in lines:
        sent[line.claim_id] = sent.get(line.claim_id, ZERO) + line.amount
    period = _("Export %(start)s – %(end)s") % {
        "start": export.period_start.strftime("%d-%m-%Y"), "end": export.period_end.strftime("%d-%m-%Y")
    }
    moved = {c.pk for c in period_claims}
    events = []
    for claim_pk in sent:
        claim = by_pk[claim_pk]
        if claim_pk in moved:
            from_status, reason = ClaimStatus.APPROVED, period
        else:
            from_status = ClaimStatus.EXPORTED
            reason = _("Terugdraaiing van %(amount)s naar de salarisadministratie (%(export)s)") % {
                "amount": euro(-sent[claim_pk]), "export": period
            }
        events.append(ClaimEvent(
            claim=claim, action=Action.EXPORTED, actor=actor, actor_name=_name(actor), at=at, from_status=from_status,
            to_status=ClaimStatus.EXPORTED, amount=sent[claim_pk], reason=reason,
        ))
    ClaimEvent.objects.bulk_create(events)
    return {e.claim_id: e for e in events}


def export_files_store(*, export):
    """Render and store the files of an export made before the ledger (it has lines, no files); idempotent.

    Returns {format: ExportFile}; files already stored are returned as they are.
    """
    with transaction.atomic():
        export = ClaimExport.objects.select_for_update().select_related("authority").get(pk=export.pk)
        files = {f.format: f for f in ExportFile.objects.filter(export=export)}
        missing = [fmt for fmt in ExportFormat.values if fmt not in files]
        if missing:
            files.update(_store_files(export, list(export.lines.order_by("pk")), missing))
            audit_log(
                "claims_export_files_stored", actor=None, target=f"export:{export.pk}",
                sha256={fmt: files[fmt].sha256 for fmt in missing},
            )
        return files
