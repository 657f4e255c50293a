"""The griffie workspace's money pages: the training policy per year (/griffie/<code>/regeling/),
the budget overview (/griffie/<code>/budget/) and the exports for the salary administration
(/griffie/<code>/export/).

Every view finds its authority with `griffie_authority(request.user, code)` (404 for a code the
user does not serve); policies and exports come from querysets of that authority only.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from glashelder.kernel.audit import audit_log
from glashelder.kernel.choices import Role
from glashelder.offices.selectors import griffie_authority

from .. import exports, selectors, services
from ..forms import ExportForm, PolicyForm
from ..models import TrainingPolicy
from ..services.policies import POLICY_FIELDS, policy_years
from .files import PAGE_SIZE


@login_required
def griffie_policies(request, code):
    authority = griffie_authority(request.user, code)
    policies = selectors.griffie_policies(authority).order_by("-year")
    budgets = selectors.budgets_by_year(authority)
    rows = [(policy, budgets.get(policy.year)) for policy in policies]
    this_year = timezone.localdate().year
    years = sorted({this_year, this_year + 1} - {p.year for p in policies})
    return render(request, "reimbursement/griffie/policies.html", {"authority": authority, "rows": rows, "new_years": years})


@login_required
def griffie_policy(request, code, year):
    authority = griffie_authority(request.user, code)
    if year not in policy_years():
        raise Http404
    # An unsaved instance only carries the form's initial values; the service writes.
    policy = selectors.policy_for(authority.pk, year) or TrainingPolicy(authority=authority, year=year)
    form = PolicyForm(request.POST or None, instance=policy, authority=authority)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in POLICY_FIELDS if name in form.cleaned_data}
        try:
            services.training_policy_save(authority=authority, year=year, actor=request.user, **fields)
        except services.ClaimError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("De scholingsregeling %(year)s is opgeslagen.") % {"year": year})
            return redirect("reimbursement:griffie_policies", code=authority.cbs_code)
    return render(
        request, "reimbursement/griffie/policy_form.html", {"authority": authority, "form": form, "year": year, "policy": policy}
    )


@login_required
def griffie_budget(request, code):
    authority = griffie_authority(request.user, code)
    policies = list(selectors.griffie_policies(authority).order_by("-year"))
    try:
        year = int(request.GET.get("jaar") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    policy = next((p for p in policies if p.year == year), None)
    per_role, per_member = selectors.budget_breakdown(policy) if policy else ({}, [])
    labels = dict(Role.choices)
    role_rows = [
        {"role": labels.get(role, role), **values, "total": values["spent"] + values["reserved"]}
        for role, values in sorted(per_role.items())
    ]
    return render(
        request, "reimbursement/griffie/budget.html",
        {"authority": authority, "year": year, "years": [p.year for p in policies], "policy": policy,
         "budget": selectors.budget_for(policy), "role_rows": role_rows, "member_rows": per_member},
    )


@login_required
def griffie_exports(request, code):
    authority = griffie_authority(request.user, code)
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
            return redirect("reimbursement:griffie_exports", code=authority.cbs_code)
    page = Paginator(selectors.griffie_exports(authority).order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request, "reimbursement/griffie/exports.html",
        {"authority": authority, "form": form, "page": page, "approved_count": selectors.approved_not_exported(authority).count()},
    )


@login_required
def griffie_export_download(request, code, pk, fmt):
    authority = griffie_authority(request.user, code)
    export = get_object_or_404(selectors.griffie_exports(authority), pk=pk)
    try:
        content, filename, content_type = exports.export_file(export, fmt)
    except exports.UnknownFormat:
        raise Http404 from None
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    stamp = f"{export.authority.cbs_code}-{export.period_start:%Y%m%d}-{export.period_end:%Y%m%d}-{export.pk}"

    audit_log("claims_export_downloaded", actor=request.user, request=request, target=stamp, format=fmt)
    return response
