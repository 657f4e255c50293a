"""Export of approved claims to the salary administration."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glashelder.kernel.audit import audit_log

from ..models import (
    ZERO,
    Claim,
    ClaimEvent,
    ClaimExport,
    ClaimStatus,
)
from .common import Action, _name, _require_griffie
from .errors import NothingToExportError, TransitionError


def claims_export(*, authority, actor, period_start, period_end):
    """Mark the approved claims decided in the period as exported, in one transaction; return the export.

    The rows are locked, so two exports at the same moment never contain the same claim.
    """
    with transaction.atomic():
        _require_griffie(actor, authority.pk)
        if period_end < period_start:
            raise TransitionError(_("Het einde van de periode ligt voor het begin."))
        start = timezone.make_aware(datetime.datetime.combine(period_start, datetime.time.min))
        end = timezone.make_aware(datetime.datetime.combine(period_end + datetime.timedelta(days=1), datetime.time.min))
        claims = list(
            Claim.objects.select_for_update()
            .filter(authority=authority, status=ClaimStatus.APPROVED, decided_at__gte=start, decided_at__lt=end)
            .order_by("pk")
        )
        if not claims:
            raise NothingToExportError(_("Er zijn geen goedgekeurde declaraties in deze periode die nog niet zijn geëxporteerd."))
        now = timezone.now()
        export = ClaimExport.objects.create(
            authority=authority,
            period_start=period_start,
            period_end=period_end,
            created_at=now,
            created_by=actor,
            created_by_name=_name(actor),
            claim_count=len(claims),
            total=sum((c.net_approved for c in claims), ZERO),
        )
        Claim.objects.filter(pk__in=[c.pk for c in claims]).update(status=ClaimStatus.EXPORTED, export=export, exported_at=now)
        ClaimEvent.objects.bulk_create(
            ClaimEvent(
                claim=c, action=Action.EXPORTED, actor=actor, actor_name=_name(actor), at=now, from_status=ClaimStatus.APPROVED,
                to_status=ClaimStatus.EXPORTED, amount=c.net_approved,
                reason=_("Export %(start)s – %(end)s") % {"start": period_start.strftime("%d-%m-%Y"), "end": period_end.strftime("%d-%m-%Y")},
            )
            for c in claims
        )
        audit_log(
            "claims_exported", actor=actor, target=f"{authority.cbs_code} {period_start}–{period_end}",
            export=export.pk, count=len(claims), total=str(export.total),
        )
        return export


