"""Hook registrations of the reimbursement app (see README, "Extension points between the apps"),
and the legal bases as a Wagtail snippet for the redactie."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from enrolment.models import Enrolment, EnrolmentStatus
from glashelder.offices.models import OfficeStatus

from . import services
from .models import (
    Claim,
    ClaimStatus,
    LegalBasis,
    Reservation,
    ReservationStatus,
    TrainingPolicy,
)


class LegalBasisViewSet(SnippetViewSet):
    model = LegalBasis
    icon = "doc-full"
    menu_label = gettext_lazy("Wettelijke grondslagen")
    menu_name = "legal_bases"
    add_to_admin_menu = True
    list_display = ["articles", "regulation", "role", "level", "valid_from", "valid_until", "confirmed"]
    list_filter = ["level", "role", "confirmed"]


register_snippet(LegalBasisViewSet)


# ---------------------------------------------------------------- griffie menu


@hooks.register("glashelder_griffie_nav", order=20)
def griffie_nav(request, authority):
    """The groups "Declaraties" and "Budget en regeling" of the griffie menu (see glashelder.offices.workspace)."""
    code = authority.cbs_code
    claims, money = _("Declaraties"), _("Budget en regeling")
    return [
        (claims, reverse("reimbursement:griffie_home", args=[code]), _("Alle declaraties")),
        (claims, reverse("reimbursement:griffie_reservations", args=[code]), _("Toestemmingen")),
        (money, reverse("reimbursement:griffie_budget", args=[code]), _("Budget")),
        (money, reverse("reimbursement:griffie_policies", args=[code]), _("Scholingsregeling")),
        (money, reverse("reimbursement:griffie_exports", args=[code]), _("Export")),
    ]


@hooks.register("glashelder_griffie_home")
def griffie_home(authority):
    """The workspace of an authority opens on its claims."""
    return reverse("reimbursement:griffie_home", args=[authority.cbs_code])


# ---------------------------------------------------------------- enrolment check


@hooks.register("glashelder_enrolment_checks")
def prior_approval_check(*, person, office, course, session=None):
    return services.enrolment_prior_approval_refusal(person=person, office=office, course=course)


# ---------------------------------------------------------------- course page panel


@hooks.register("glashelder_course_page_panels")
def reimbursement_panel(request, course):
    """"Vergoed door uw gemeente of provincie?" with the member's policy and the request buttons."""
    context = {"course": course, "reimbursable": course.is_reimbursable and not course.is_free}
    if not context["reimbursable"]:
        context["reason"] = (
            _("Deze cursus is gratis.") if course.is_free
            else _("Deze cursus is (nog) niet goedgekeurd als niet-partijpolitieke scholing en wordt daarom niet vergoed.")
        )
        return {"template": "reimbursement/panels/course_panel.html", "context": context, "order": 30}
    if not request.user.is_authenticated:
        return {"template": "reimbursement/panels/course_panel.html", "context": context, "order": 30}
    today = timezone.localdate()
    offices = [o for o in request.user.offices.filter(status=OfficeStatus.VERIFIED).select_related("authority") if o.held_on(today)]
    policies = {p.authority_id: p for p in TrainingPolicy.objects.filter(authority__in=[o.authority_id for o in offices], year=today.year)}
    reservations = {r.office_id: r for r in Reservation.objects.filter(member=request.user, course=course).exclude(
        status__in=(ReservationStatus.REFUSED, ReservationStatus.RELEASED)
    )}
    enrolled = Enrolment.objects.filter(person=request.user, course=course).exclude(status=EnrolmentStatus.CANCELLED).exists()
    rows = []
    for office in offices:
        policy = policies.get(office.authority_id)
        eligible = policy is not None and policy.role_is_eligible(office.role)
        rows.append({
            "office": office,
            "policy": policy,
            "eligible": eligible,
            "reservation": reservations.get(office.pk),
            "can_ask_prior": eligible and policy.prior_approval_required and not enrolled and office.pk not in reservations,
            "can_ask_direct": eligible and policy.direct_payment_allowed and not enrolled and office.pk not in reservations,
        })
    context.update(rows=rows, request_url=reverse("reimbursement:reservation_request", args=[course.pk]))
    return {"template": "reimbursement/panels/course_panel.html", "context": context, "order": 30}


# ---------------------------------------------------------------- dashboard panel


@hooks.register("glashelder_dashboard_panels")
def claims_dashboard_panel(request):
    if not request.user.is_authenticated:
        return None
    claims = list(Claim.objects.filter(member=request.user).order_by("-created_at", "-pk")[:10])
    reservations = list(
        Reservation.objects.filter(member=request.user).exclude(status__in=(ReservationStatus.USED, ReservationStatus.RELEASED))
        .order_by("-requested_at")[:5]
    )
    if not claims and not reservations and not request.user.offices.filter(status=OfficeStatus.VERIFIED).exists():
        return None
    return {
        "template": "reimbursement/panels/dashboard_panel.html",
        "context": {"claims": claims, "reservations": reservations, "drafts": sum(1 for c in claims if c.status == ClaimStatus.DRAFT)},
        "order": 40,
    }


# ---------------------------------------------------------------- personal data


def _iso(value):
    return value.isoformat() if value else None


def _money(value):
    return None if value is None else f"{value:.2f}"


@hooks.register("glashelder_personal_data_export")
def export_claims(user):
    claims = Claim.objects.filter(member=user).prefetch_related("events").order_by("created_at", "pk")
    reservations = Reservation.objects.filter(member=user).order_by("requested_at", "pk")
    return {
        "declaraties": {
            "declaraties": [
                {
                    "nummer": c.number,
                    "soort": c.kind,
                    "status": c.status,
                    "overheid": c.authority_name,
                    "cbs_code": c.authority_code,
                    "ambt": c.role,
                    "naam": c.member_name,
                    "cursus": c.course_title,
                    "aanbieder": c.provider_name,
                    "begindatum": _iso(c.start_date),
                    "einddatum": _iso(c.end_date),
                    "studiebelasting_uren": str(c.study_load_hours),
                    "gevraagd": _money(c.amount_requested),
                    "toegekend": _money(c.amount_approved),
                    "teruggedraaid": _money(c.amount_reversed),
                    "wettelijke_grondslag": c.legal_basis_text,
                    "functiegericht": c.functional_reason,
                    "verklaring_niet_partijpolitiek": c.non_partisan_statement,
                    "opmerking": c.member_remark,
                    "omschrijving": c.description,
                    "toelichting_beslissing": c.decision_reason,
                    "factuur": bool(c.invoice),
                    "ingediend_op": _iso(c.submitted_at),
                    "beslist_op": _iso(c.decided_at),
                    "geschiedenis": [
                        {"tijdstip": _iso(e.at), "gebeurtenis": e.action, "door": e.actor_name, "van": e.from_status,
                         "naar": e.to_status, "toelichting": e.reason, "bedrag": _money(e.amount)}
                        for e in c.events.all()
                    ],
                }
                for c in claims
            ],
            "toestemmingen": [
                {"nummer": r.number, "soort": r.kind, "status": r.status, "cursus": r.course_title, "bedrag": _money(r.amount),
                 "aangevraagd_op": _iso(r.requested_at), "beslist_op": _iso(r.decided_at), "toelichting": r.member_remark,
                 "toelichting_beslissing": r.decision_reason, "inkooporder": r.order_number}
                for r in reservations
            ],
        }
    }


@hooks.register("glashelder_personal_data_erase")
def erase_claims(user):
    """Inside the account deletion's transaction: the claims service keeps what the retention rule keeps
    (decided claims, without the person) and removes the rest (see `claims_anonymise`)."""
    services.claims_anonymise(member=user, reason=_("Account verwijderd op verzoek van de ambtsdrager."))
