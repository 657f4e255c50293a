"""Views of the griffie workspace (/griffie/) and the member's claims (/mijn/declaraties/, /mijn/toestemming/).

Thin: every object comes from a queryset already limited to the requesting
user (someone without access gets 404), every change goes through `services`.
"""

import mimetypes
import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import CoursePage
from enrolment.models import Enrolment
from glashelder.offices.models import OfficeStatus

from . import exports, selectors, services
from .documents import claim_form_pdf
from .forms import (
    ClaimMemberForm,
    DecisionForm,
    ExportForm,
    ExternalClaimForm,
    PolicyForm,
    QueueFilterForm,
    ReservationDecisionForm,
    ReservationRequestForm,
    ReverseForm,
)
from .models import (
    SPENT_STATUSES,
    Claim,
    ClaimExport,
    ClaimStatus,
    Reservation,
    ReservationKind,
    ReservationStatus,
    TrainingPolicy,
)
from .services.policies import POLICY_FIELDS, policy_years

# Shared with the offices pages (/griffie/leden/): the CBS code of the authority being worked on.
SESSION_KEY = "griffie_authority"
PAGE_SIZE = 25


# ---------------------------------------------------------------- griffie helpers


def current_authority(request):
    """The authority the griffie member works for now; 404 for anyone who is not on a griffie."""
    authorities = list(selectors.griffie_authorities(request.user))
    if not authorities:
        raise Http404
    chosen = request.session.get(SESSION_KEY)
    for authority in authorities:
        if authority.cbs_code == chosen:
            return authority, authorities
    return authorities[0], authorities


def griffie_claims(request):
    """Claims of every authority whose griffie the user is on."""
    return Claim.objects.filter(authority__in=selectors.griffie_authorities(request.user))


def griffie_nav(request):
    """The griffie sub-navigation: every app's entries from the hook `glashelder_griffie_nav`, the best match current."""
    from wagtail import hooks

    items = []
    for fn in hooks.get_hooks("glashelder_griffie_nav"):
        items.extend(fn(request) or [])
    best = max((url for url, _label in items if request.path.startswith(url)), key=len, default=None)
    return [{"url": url, "label": label, "current": url == best} for url, label in items]


def _nav_template():
    """The shared griffie menu of the offices pages when it exists, else our own copy."""
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        get_template("offices/griffie/_nav.html")
    except TemplateDoesNotExist:
        return "reimbursement/griffie/_nav.html"
    return "offices/griffie/_nav.html"


def _griffie_render(request, template, context, authority, authorities):
    context.update(
        {"authority": authority, "authorities": authorities, "griffie_nav": griffie_nav(request), "nav_template": _nav_template()}
    )
    return render(request, template, context)


@login_required
@require_POST
def griffie_choose_authority(request):
    authorities = list(selectors.griffie_authorities(request.user))
    if not authorities:
        raise Http404
    wanted = request.POST.get("authority")
    for authority in authorities:
        if authority.cbs_code == wanted:
            request.session[SESSION_KEY] = authority.cbs_code
            break
    return redirect("reimbursement:griffie_home")


# ---------------------------------------------------------------- griffie: queue and claims


@login_required
def griffie_home(request):
    authority, authorities = current_authority(request)
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
    years = {claim.budget_year for claim in rows}
    policies = {p.year: p for p in TrainingPolicy.objects.filter(authority=authority, year__in=years)}
    budgets = {year: selectors.budget_for(policy) for year, policy in policies.items()}
    for claim in rows:
        claim.budget = budgets.get(claim.budget_year)
    this_year = timezone.localdate().year
    current_policy = TrainingPolicy.objects.filter(authority=authority, year=this_year).first()
    counts = {
        "submitted": Claim.objects.filter(authority=authority, status=ClaimStatus.SUBMITTED).count(),
        "requests": Reservation.objects.filter(authority=authority, status=ReservationStatus.REQUESTED).count(),
    }
    return _griffie_render(
        request,
        "reimbursement/griffie/home.html",
        {
            "form": form,
            "page": page,
            "claims": rows,
            "budget": budgets.get(this_year) or selectors.budget_for(current_policy),
            "this_year": this_year,
            "counts": counts,
            "bulk_possible": any(c.status == ClaimStatus.SUBMITTED for c in rows),
        },
        authority,
        authorities,
    )


def _griffie_claim(request, number):
    claim = get_object_or_404(
        griffie_claims(request).select_related("authority", "legal_basis", "reservation", "export"), number=number
    )
    return claim


@login_required
def griffie_claim(request, number):
    authority, authorities = current_authority(request)
    claim = _griffie_claim(request, number)
    reversing = request.method == "POST" and "reverse" in request.POST
    decision_form = DecisionForm(request.POST if request.method == "POST" and not reversing else None)
    reverse_form = ReverseForm(request.POST if reversing else None)
    if request.method == "POST":
        try:
            if reversing:
                if reverse_form.is_valid():
                    services.claim_reverse(
                        claim=claim, actor=request.user, amount=reverse_form.cleaned_data["amount"], reason=reverse_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("Het bedrag is teruggedraaid."))
                    return redirect("reimbursement:griffie_claim", number=claim.number)
            elif decision_form.is_valid():
                data = decision_form.cleaned_data
                if data["decision"] == DecisionForm.APPROVE:
                    result = services.claim_approve(
                        claim=claim, actor=request.user, amount=data["amount"], reason=data["reason"],
                        decision_reference=data["decision_reference"],
                    )
                    if result.status == ClaimStatus.APPROVED:
                        messages.success(request, _("Declaratie %(number)s is goedgekeurd.") % {"number": claim.number})
                    else:
                        messages.success(request, _("Uw goedkeuring is vastgelegd; een collega moet de tweede goedkeuring geven."))
                elif data["decision"] == DecisionForm.REJECT:
                    services.claim_reject(claim=claim, actor=request.user, reason=data["reason"])
                    messages.success(request, _("Declaratie %(number)s is afgewezen.") % {"number": claim.number})
                else:
                    services.claim_return(claim=claim, actor=request.user, question=data["reason"])
                    messages.success(request, _("Declaratie %(number)s is teruggestuurd met uw vraag.") % {"number": claim.number})
                return redirect("reimbursement:griffie_claim", number=claim.number)
        except services.ClaimError as error:
            target = reverse_form if reversing else decision_form
            target.add_error(None, error.message)
    policy = TrainingPolicy.objects.filter(authority_id=claim.authority_id, year=claim.budget_year).first()
    return _griffie_render(
        request,
        "reimbursement/griffie/claim.html",
        {
            "claim": claim,
            "events": claim.events.all(),
            "policy": policy,
            "budget": selectors.budget_for(policy),
            "decision_form": decision_form,
            "reverse_form": reverse_form,
            "can_decide": claim.status == ClaimStatus.SUBMITTED,
            "can_reverse": claim.status in SPENT_STATUSES and claim.net_approved > 0,
            "needs_college": policy is not None and policy.approver_for(claim.role) == "college",
        },
        authority,
        authorities,
    )


@login_required
@require_POST
def griffie_bulk_approve(request):
    current_authority(request)
    numbers = request.POST.getlist("claims")
    claims = list(griffie_claims(request).filter(number__in=numbers, status=ClaimStatus.SUBMITTED))
    if not claims:
        messages.error(request, _("Kies eerst een of meer ingediende declaraties."))
        return redirect("reimbursement:griffie_home")
    approved, refused = services.claims_approve_bulk(claims=claims, actor=request.user)
    fully = [c for c in approved if c.status == ClaimStatus.APPROVED]
    first = [c for c in approved if c.status != ClaimStatus.APPROVED]
    if fully:
        messages.success(request, _("%(count)s declaratie(s) goedgekeurd.") % {"count": len(fully)})
    if first:
        messages.info(request, _("%(count)s declaratie(s) wachten op een tweede goedkeuring.") % {"count": len(first)})
    for claim, message in refused:
        messages.error(request, f"{claim.number}: {message}")
    return redirect(request.POST.get("next") if str(request.POST.get("next", "")).startswith("/griffie/") else "reimbursement:griffie_home")


def _pdf_response(claim):
    response = HttpResponse(claim_form_pdf(claim), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="declaratie-{claim.number}.pdf"'
    return response


def _invoice_response(claim):
    if not claim.invoice:
        raise Http404
    try:
        handle = claim.invoice.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(claim.invoice.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=os.path.basename(claim.invoice.name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def griffie_claim_pdf(request, number):
    current_authority(request)
    return _pdf_response(_griffie_claim(request, number))


@login_required
def griffie_claim_invoice(request, number):
    current_authority(request)
    return _invoice_response(_griffie_claim(request, number))


# ---------------------------------------------------------------- griffie: prior approvals and direct payment


@login_required
def griffie_reservations(request):
    authority, authorities = current_authority(request)
    reservations = Reservation.objects.filter(authority=authority).order_by("-requested_at", "-pk")
    status = request.GET.get("status") or ""
    if status in ReservationStatus.values:
        reservations = reservations.filter(status=status)
    page = Paginator(reservations, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return _griffie_render(
        request, "reimbursement/griffie/reservations.html",
        {"page": page, "status": status, "statuses": ReservationStatus.choices}, authority, authorities,
    )


@login_required
def griffie_reservation(request, number):
    authority, authorities = current_authority(request)
    reservation = get_object_or_404(
        Reservation.objects.filter(authority__in=selectors.griffie_authorities(request.user)).select_related("authority", "enrolment"),
        number=number,
    )
    form = ReservationDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "grant":
                if reservation.kind == ReservationKind.DIRECT_PAYMENT:
                    services.direct_payment_approve(reservation=reservation, actor=request.user, reason=form.cleaned_data["reason"])
                else:
                    services.prior_approval_approve(reservation=reservation, actor=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("Aanvraag %(number)s is toegekend.") % {"number": reservation.number})
            else:
                services.reservation_reject(reservation=reservation, actor=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("Aanvraag %(number)s is afgewezen.") % {"number": reservation.number})
            return redirect("reimbursement:griffie_reservation", number=reservation.number)
        except services.ClaimError as error:
            form.add_error(None, error.message)
    policy = TrainingPolicy.objects.filter(authority_id=reservation.authority_id, year=reservation.budget_year).first()
    return _griffie_render(
        request, "reimbursement/griffie/reservation.html",
        {"reservation": reservation, "form": form, "budget": selectors.budget_for(policy),
         "can_decide": reservation.status == ReservationStatus.REQUESTED},
        authority, authorities,
    )


# ---------------------------------------------------------------- griffie: policy, budget, exports


@login_required
def griffie_policies(request):
    authority, authorities = current_authority(request)
    policies = TrainingPolicy.objects.filter(authority=authority).order_by("-year")
    budgets = selectors.budgets_by_year(authority)
    rows = [(policy, budgets.get(policy.year)) for policy in policies]
    this_year = timezone.localdate().year
    years = sorted({this_year, this_year + 1} - {p.year for p in policies})
    return _griffie_render(request, "reimbursement/griffie/policies.html", {"rows": rows, "new_years": years}, authority, authorities)


@login_required
def griffie_policy(request, year):
    authority, authorities = current_authority(request)
    if year not in policy_years():
        raise Http404
    # An unsaved instance only carries the form's initial values; the service writes.
    policy = TrainingPolicy.objects.filter(authority=authority, year=year).first() or TrainingPolicy(authority=authority, year=year)
    form = PolicyForm(request.POST or None, instance=policy, authority=authority)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in POLICY_FIELDS if name in form.cleaned_data}
        try:
            services.training_policy_save(authority=authority, year=year, actor=request.user, **fields)
        except services.ClaimError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("De scholingsregeling %(year)s is opgeslagen.") % {"year": year})
            return redirect("reimbursement:griffie_policies")
    return _griffie_render(request, "reimbursement/griffie/policy_form.html", {"form": form, "year": year, "policy": policy}, authority, authorities)


@login_required
def griffie_budget(request):
    authority, authorities = current_authority(request)
    policies = list(TrainingPolicy.objects.filter(authority=authority).order_by("-year"))
    try:
        year = int(request.GET.get("jaar") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    policy = next((p for p in policies if p.year == year), None)
    budget = selectors.budget_for(policy)
    per_role, per_member = selectors.budget_breakdown(policy) if policy else ({}, [])
    from glashelder.kernel.choices import Role

    labels = dict(Role.choices)
    role_rows = [
        {"role": labels.get(role, role), **values, "total": values["spent"] + values["reserved"]}
        for role, values in sorted(per_role.items())
    ]
    return _griffie_render(
        request, "reimbursement/griffie/budget.html",
        {"year": year, "years": [p.year for p in policies], "policy": policy, "budget": budget, "role_rows": role_rows, "member_rows": per_member},
        authority, authorities,
    )


@login_required
def griffie_exports(request):
    authority, authorities = current_authority(request)
    form = ExportForm(request.POST or None, initial=ExportForm.this_month())
    if request.method == "POST" and form.is_valid():
        try:
            export = services.claims_export(
                authority=authority, actor=request.user,
                period_start=form.cleaned_data["period_start"], period_end=form.cleaned_data["period_end"],
            )
        except services.ClaimError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("%(count)s declaratie(s) geëxporteerd. Download het bestand hieronder.") % {"count": export.claim_count}
            )
            return redirect("reimbursement:griffie_exports")
    approved = Claim.objects.filter(authority=authority, status=ClaimStatus.APPROVED).count()
    page = Paginator(ClaimExport.objects.filter(authority=authority).order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return _griffie_render(
        request, "reimbursement/griffie/exports.html", {"form": form, "page": page, "approved_count": approved}, authority, authorities
    )


@login_required
def griffie_export_download(request, pk, fmt):
    current_authority(request)
    export = get_object_or_404(ClaimExport.objects.filter(authority__in=selectors.griffie_authorities(request.user)), pk=pk)
    claims = list(export.claims.order_by("pk"))
    stamp = f"{export.authority.cbs_code}-{export.period_start:%Y%m%d}-{export.period_end:%Y%m%d}-{export.pk}"
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(claims), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="declaraties-{stamp}.csv"'
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(claims), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="declaraties-{stamp}.xlsx"'
    else:
        raise Http404
    from glashelder.kernel.audit import audit_log

    audit_log("claims_export_downloaded", actor=request.user, request=request, target=stamp, format=fmt)
    return response


# ---------------------------------------------------------------- member side


def _member_claim(request, number):
    return get_object_or_404(selectors.claims_for_member(request.user).select_related("legal_basis", "authority"), number=number)


@login_required
def member_claims(request):
    claims = selectors.claims_for_member(request.user).order_by("-created_at", "-pk")
    page = Paginator(claims, PAGE_SIZE).get_page(request.GET.get("pagina"))
    completed = (
        Enrolment.objects.filter(person=request.user, status="completed", claim__isnull=True)
        .select_related("course", "office__authority")
        .order_by("-completed_at")[:20]
    )
    claimable = []
    for enrolment in completed:
        refusal = services.enrolment_claim_refusal(enrolment=enrolment)
        claimable.append({"enrolment": enrolment, "refusal": refusal})
    return render(request, "reimbursement/member/claims.html", {"page": page, "claimable": claimable})


@login_required
@require_POST
def member_claim_prepare(request, enrolment_id):
    enrolment = get_object_or_404(Enrolment.objects.filter(person=request.user), pk=enrolment_id)
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
    return _pdf_response(_member_claim(request, number))


@login_required
def member_claim_invoice(request, number):
    return _invoice_response(_member_claim(request, number))


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
    course = get_object_or_404(CoursePage.objects.live().select_related("provider"), pk=course_id)
    offices = request.user.offices.filter(status=OfficeStatus.VERIFIED).select_related("authority")
    year = timezone.localdate().year
    policies = {p.authority_id: p for p in TrainingPolicy.objects.filter(authority__in=[o.authority_id for o in offices], year=year)}
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

