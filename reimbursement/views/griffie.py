"""The griffie workspace's claim pages: the overview (/griffie/<code>/, the claims queue with the
budget left), one claim and its decision, bulk approval, the claim form and invoice, and the
prior approvals and direct payments (/griffie/<code>/toestemming/).

Every view finds its authority with `griffie_authority(request.user, code)` (404 for a code the
user does not serve) and every claim or request through a queryset of that authority only.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glashelder.offices.selectors import griffie_authority

from .. import selectors, services
from ..forms import DecisionForm, QueueFilterForm, ReservationDecisionForm, ReverseForm
from ..models import SPENT_STATUSES, ApprovingGroup, ClaimStatus, ReservationKind, ReservationStatus
from .files import PAGE_SIZE, invoice_response, pdf_response


@login_required
def griffie_home(request, code):
    """The overview: the claims queue with filters, and the budget left per claim's year."""
    authority = griffie_authority(request.user, code)
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    claims = selectors.claim_queue(
        authority,
        status=filters.get("status"),
        role=filters.get("role"),
        member=filters.get("member"),
        course=filters.get("course"),
        period_start=filters.get("period_start"),
        period_end=filters.get("period_end"),
        sort=filters.get("sort") or "-submitted_at",
    )
    page = Paginator(claims, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = list(page.object_list)
    this_year = timezone.localdate().year
    budgets = selectors.budgets_for_years(authority, {claim.budget_year for claim in rows} | {this_year})
    for claim in rows:
        claim.budget = budgets.get(claim.budget_year)
    return render(
        request,
        "reimbursement/griffie/home.html",
        {
            "authority": authority,
            "form": form,
            "page": page,
            "claims": rows,
            "budget": budgets.get(this_year),
            "this_year": this_year,
            "counts": selectors.griffie_counts(authority),
            "bulk_possible": any(c.status == ClaimStatus.SUBMITTED for c in rows),
        },
    )


def _claim(authority, number):
    claims = selectors.griffie_claims(authority).select_related("authority", "legal_basis", "reservation", "export")
    return get_object_or_404(claims, number=number)


def _decide(request, claim, data):
    """Run the griffie's decision on `claim`; the message to show."""
    if data["decision"] == DecisionForm.APPROVE:
        result = services.claim_approve(
            claim=claim, actor=request.user, amount=data["amount"], reason=data["reason"],
            decision_reference=data["decision_reference"],
        )
        if result.status == ClaimStatus.APPROVED:
            return _("Declaratie %(number)s is goedgekeurd.") % {"number": claim.number}
        return _("Uw goedkeuring is vastgelegd; een collega moet de tweede goedkeuring geven.")
    if data["decision"] == DecisionForm.REJECT:
        services.claim_reject(claim=claim, actor=request.user, reason=data["reason"])
        return _("Declaratie %(number)s is afgewezen.") % {"number": claim.number}
    services.claim_return(claim=claim, actor=request.user, question=data["reason"])
    return _("Declaratie %(number)s is teruggestuurd met uw vraag.") % {"number": claim.number}


@login_required
def griffie_claim(request, code, number):
    authority = griffie_authority(request.user, code)
    claim = _claim(authority, number)
    posted = request.method == "POST"
    reversing = posted and "reverse" in request.POST
    decision_form = DecisionForm(request.POST if posted and not reversing else None)
    reverse_form = ReverseForm(request.POST if reversing else None)
    form = reverse_form if reversing else decision_form
    if posted and form.is_valid():
        try:
            if reversing:
                services.claim_reverse(
                    claim=claim, actor=request.user, amount=form.cleaned_data["amount"], reason=form.cleaned_data["reason"]
                )
                message = _("Het bedrag is teruggedraaid.")
            else:
                message = _decide(request, claim, form.cleaned_data)
        except services.ClaimError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, message)
            return redirect("reimbursement:griffie_claim", code=authority.cbs_code, number=claim.number)
    policy = selectors.policy_for(claim.authority_id, claim.budget_year)
    return render(
        request,
        "reimbursement/griffie/claim.html",
        {
            "authority": authority,
            "claim": claim,
            "events": claim.events.all(),
            "policy": policy,
            "budget": selectors.budget_for(policy),
            "decision_form": decision_form,
            "reverse_form": reverse_form,
            "can_decide": claim.status == ClaimStatus.SUBMITTED,
            "can_reverse": claim.status in SPENT_STATUSES and claim.net_approved > 0,
            "needs_college": policy is not None and policy.approver_for(claim.role) == ApprovingGroup.COLLEGE,
        },
    )


def _back_to(request, authority):
    """The page the bulk approval came from, if it is a page of this authority's workspace."""
    home = reverse("reimbursement:griffie_home", args=[authority.cbs_code])
    wanted = str(request.POST.get("next", ""))
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return wanted if safe and wanted.startswith(home) else home


@login_required
@require_POST
def griffie_bulk_approve(request, code):
    authority = griffie_authority(request.user, code)
    numbers = request.POST.getlist("claims")
    claims = list(selectors.griffie_claims(authority).filter(number__in=numbers, status=ClaimStatus.SUBMITTED))
    if not claims:
        messages.error(request, _("Kies eerst een of meer ingediende declaraties."))
        return redirect(_back_to(request, authority))
    approved, refused = services.claims_approve_bulk(claims=claims, actor=request.user)
    fully = [c for c in approved if c.status == ClaimStatus.APPROVED]
    first = [c for c in approved if c.status != ClaimStatus.APPROVED]
    if fully:
        messages.success(request, _("%(count)s declaratie(s) goedgekeurd.") % {"count": len(fully)})
    if first:
        messages.info(request, _("%(count)s declaratie(s) wachten op een tweede goedkeuring.") % {"count": len(first)})
    for claim, message in refused:
        messages.error(request, f"{claim.number}: {message}")
    return redirect(_back_to(request, authority))


@login_required
def griffie_claim_pdf(request, code, number):
    return pdf_response(_claim(griffie_authority(request.user, code), number))


@login_required
def griffie_claim_invoice(request, code, number):
    return invoice_response(_claim(griffie_authority(request.user, code), number))


# ---------------------------------------------------------------- prior approvals and direct payment


@login_required
def griffie_reservations(request, code):
    authority = griffie_authority(request.user, code)
    reservations = selectors.griffie_reservations(authority).order_by("-requested_at", "-pk")
    status = request.GET.get("status") or ""
    if status in ReservationStatus.values:
        reservations = reservations.filter(status=status)
    page = Paginator(reservations, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request, "reimbursement/griffie/reservations.html",
        {"authority": authority, "page": page, "status": status, "statuses": ReservationStatus.choices},
    )


@login_required
def griffie_reservation(request, code, number):
    authority = griffie_authority(request.user, code)
    reservation = get_object_or_404(
        selectors.griffie_reservations(authority).select_related("authority", "enrolment"), number=number
    )
    form = ReservationDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if form.cleaned_data["decision"] != "grant":
                services.reservation_reject(reservation=reservation, actor=request.user, reason=reason)
                message = _("Aanvraag %(number)s is afgewezen.")
            elif reservation.kind == ReservationKind.DIRECT_PAYMENT:
                services.direct_payment_approve(reservation=reservation, actor=request.user, reason=reason)
                message = _("Aanvraag %(number)s is toegekend.")
            else:
                services.prior_approval_approve(reservation=reservation, actor=request.user, reason=reason)
                message = _("Aanvraag %(number)s is toegekend.")
        except services.ClaimError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, message % {"number": reservation.number})
            return redirect("reimbursement:griffie_reservation", code=authority.cbs_code, number=reservation.number)
    policy = selectors.policy_for(reservation.authority_id, reservation.budget_year)
    return render(
        request, "reimbursement/griffie/reservation.html",
        {"authority": authority, "reservation": reservation, "form": form, "budget": selectors.budget_for(policy),
         "can_decide": reservation.status == ReservationStatus.REQUESTED},
    )
