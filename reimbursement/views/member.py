"""The member's own claims (/mijn/declaraties/) and requests for prior approval or direct payment
(/mijn/toestemming/). Every claim and request comes from a queryset of the member's own; someone
else's is a 404. Every change goes through `services`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import ClaimMemberForm, ExternalClaimForm, ReservationRequestForm
from ..models import ClaimStatus, ReservationKind
from .files import PAGE_SIZE, invoice_response, pdf_response

CLAIMABLE_SHOWN = 20


def _member_claim(request, number):
    return get_object_or_404(selectors.claims_for_member(request.user).select_related("legal_basis", "authority"), number=number)


@login_required
def member_claims(request):
    claims = selectors.claims_for_member(request.user).order_by("-created_at", "-pk")
    page = Paginator(claims, PAGE_SIZE).get_page(request.GET.get("pagina"))
    completed = selectors.claimable_enrolments(request.user)[:CLAIMABLE_SHOWN]
    claimable = []
    for enrolment in completed:
        refusal = services.enrolment_claim_refusal(enrolment=enrolment)
        claimable.append({"enrolment": enrolment, "refusal": refusal})
    return render(request, "reimbursement/member/claims.html", {"page": page, "claimable": claimable})


@login_required
@require_POST
def member_claim_prepare(request, enrolment_id):
    enrolment = get_object_or_404(selectors.enrolments_of(request.user), pk=enrolment_id)
    try:
        claim = services.claim_prepare(enrolment=enrolment, actor=request.user)
    except services.ClaimError as error:
        messages.error(request, error.message)
        return redirect("reimbursement:member_claims")
    return redirect("reimbursement:member_claim", number=claim.number)


@login_required
def member_claim(request, number):
    claim = _member_claim(request, number)
    editable = claim.status in (ClaimStatus.DRAFT, ClaimStatus.RETURNED)
    initial = {
        "functional_reason": claim.functional_reason,
        "member_remark": claim.member_remark,
        "non_partisan_statement": claim.non_partisan_statement,
    }
    form = ClaimMemberForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not editable:
            messages.error(request, _("Deze declaratie kunt u niet meer wijzigen."))
            return redirect("reimbursement:member_claim", number=claim.number)
        if form.is_valid():
            try:
                claim = services.claim_update(claim=claim, member=request.user, **form.cleaned_data)
                if "submit" in request.POST:
                    if claim.status == ClaimStatus.RETURNED:
                        services.claim_resubmit(claim=claim, member=request.user)
                    else:
                        services.claim_submit(claim=claim, member=request.user)
                    messages.success(request, _("Uw declaratie %(number)s is ingediend bij de griffie.") % {"number": claim.number})
                else:
                    messages.success(request, _("Uw wijzigingen zijn opgeslagen."))
                return redirect("reimbursement:member_claim", number=claim.number)
            except services.ClaimError as error:
                field = "non_partisan_statement" if isinstance(error, services.StatementMissingError) else None
                form.add_error(field, error.message)
    events = claim.events.all()
    return render(
        request, "reimbursement/member/claim.html",
        {"claim": claim, "form": form, "editable": editable, "events": events,
         "can_withdraw": claim.status in (ClaimStatus.SUBMITTED, ClaimStatus.RETURNED)},
    )


@login_required
@require_POST
def member_claim_withdraw(request, number):
    claim = _member_claim(request, number)
    try:
        services.claim_withdraw(claim=claim, member=request.user)
        messages.success(request, _("Uw declaratie is ingetrokken; u vindt haar terug als concept."))
    except services.ClaimError as error:
        messages.error(request, error.message)
    return redirect("reimbursement:member_claim", number=claim.number)


@login_required
def member_claim_pdf(request, number):
    return pdf_response(_member_claim(request, number))


@login_required
def member_claim_invoice(request, number):
    return invoice_response(_member_claim(request, number))


@login_required
def member_external_claim(request):
    form = ExternalClaimForm(request.POST or None, request.FILES or None, user=request.user)
    if not form.fields["office"].queryset.exists():
        messages.info(request, _("Declareren kan zodra de griffie uw ambt heeft bevestigd."))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim = services.claim_prepare_external(
                member=request.user, office=data["office"], title=data["title"], provider_name=data["provider_name"],
                start_date=data["start_date"], end_date=data["end_date"], amount=data["amount"], description=data["description"],
                invoice=data["invoice"], functional_reason=data["functional_reason"], study_load_hours=data.get("study_load_hours"),
            )
        except services.ClaimError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Uw declaratie is klaargezet. Controleer haar en dien haar in."))
            return redirect("reimbursement:member_claim", number=claim.number)
    return render(request, "reimbursement/member/external_claim.html", {"form": form})


@login_required
def member_reservations(request):
    reservations = selectors.reservations_for_member(request.user).order_by("-requested_at", "-pk")
    return render(request, "reimbursement/member/reservations.html", {"reservations": reservations})


@login_required
def reservation_request(request, course_id):
    course = get_object_or_404(selectors.live_courses(), pk=course_id)
    offices = selectors.verified_offices(request.user)
    policies = selectors.policies_by_authority([o.authority_id for o in offices], timezone.localdate().year)
    kinds = set()
    for policy in policies.values():
        if policy.prior_approval_required:
            kinds.add(ReservationKind.PRIOR_APPROVAL)
        if policy.direct_payment_allowed:
            kinds.add(ReservationKind.DIRECT_PAYMENT)
    if not kinds:
        kinds = {ReservationKind.PRIOR_APPROVAL}
    wanted = request.GET.get("soort")
    initial = {"kind": wanted} if wanted in kinds else {}
    form = ReservationRequestForm(request.POST or None, user=request.user, kinds=kinds, course=course, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["kind"] == ReservationKind.DIRECT_PAYMENT:
                reservation = services.direct_payment_request(
                    member=request.user, office=data["office"], course=course, remark=data["remark"], session=data.get("session")
                )
            else:
                reservation = services.prior_approval_request(member=request.user, office=data["office"], course=course, remark=data["remark"])
        except services.ClaimError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Uw aanvraag %(number)s is verstuurd naar de griffie.") % {"number": reservation.number})
            return redirect("reimbursement:member_reservations")
    return render(request, "reimbursement/member/reservation_request.html", {"form": form, "course": course, "policies": policies.values()})

