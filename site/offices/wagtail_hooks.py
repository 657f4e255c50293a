"""Hook registrations for offices: the dashboard panel with the member's offices, the griffie
menu's "Leden" group, and the personal data export and erasure of offices."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import GriffieMember, Office, OfficeInvitation
from .services import offices_erase


@hooks.register("glashelder_griffie_nav", order=10)
def griffie_nav(request, authority):
    """The first group of the griffie menu (see `workspace`): the member pages."""
    code, group = authority.cbs_code, _("Leden")
    return [
        (group, reverse("offices:griffie_members", args=[code]), _("Alle leden")),
        (group, reverse("offices:griffie_requests", args=[code]), _("Aanvragen")),
        (group, reverse("offices:griffie_invite", args=[code]), _("Uitnodigen")),
        (group, reverse("offices:griffie_invitations", args=[code]), _("Openstaande uitnodigingen")),
        (group, reverse("offices:griffie_team", args=[code]), _("Griffiemedewerkers")),
    ]


@hooks.register("glashelder_dashboard_panels")
def offices_dashboard_panel(request):
    if not request.user.is_authenticated:
        return None
    offices = list(Office.objects.filter(person=request.user).select_related("authority").order_by("-start_date", "-pk"))
    return {
        "template": "offices/_dashboard_panel.html",
        "context": {"offices": offices, "has_verified": any(o.is_verified for o in offices)},
        "order": 10,
    }


def _date(value):
    return value.isoformat() if value else None


@hooks.register("glashelder_personal_data_export")
def export_offices(user):
    offices = Office.objects.filter(person=user).select_related("authority").order_by("start_date", "pk")
    invitations = OfficeInvitation.objects.filter(Q(email__iexact=user.email) | Q(office__person=user)).select_related("authority")
    memberships = GriffieMember.objects.filter(user=user).select_related("authority")
    return {
        "ambten": {
            "ambten": [
                {
                    "overheid": str(o.authority),
                    "cbs_code": o.authority.cbs_code,
                    "ambt": o.role,
                    "ingangsdatum": _date(o.start_date),
                    "einddatum": _date(o.end_date),
                    "status": o.status,
                    "aangevraagd_op": _date(o.requested_at),
                    "beoordeeld_op": _date(o.verified_at),
                    "reden_afwijzing": o.decline_reason,
                }
                for o in offices
            ],
            "uitnodigingen": [
                {
                    "overheid": str(i.authority),
                    "naam": i.name,
                    "email": i.email,
                    "ambt": i.role,
                    "ingangsdatum": _date(i.start_date),
                    "verstuurd_op": _date(i.created_at),
                    "geaccepteerd_op": _date(i.accepted_at),
                }
                for i in invitations
            ],
            "griffie": [
                {"overheid": str(m.authority), "cbs_code": m.authority.cbs_code, "sinds": _date(m.granted_at)}
                for m in memberships
            ],
        }
    }


@hooks.register("glashelder_personal_data_erase")
def erase_offices(user):
    """Inside the account deletion's transaction; the retention rule is `offices_erase`'s."""
    offices_erase(user=user)
