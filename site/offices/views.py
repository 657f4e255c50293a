"""Pages for offices: the member's own offices, accepting an invitation, the start of the
griffie workspace (/griffie/) and its member pages under /griffie/<code>/leden/. Thin: forms in,
services do the work, reads through `selectors`.

Every griffie page finds its authority with `selectors.griffie_authority(user, code)` (a code
the user does not serve is a 404) and every object through a queryset limited to that
authority: someone else's object is a 404. Nothing about the authority is kept in the session.
"""

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors
from . import services as offices
from .forms import (
    DeclineForm,
    EndOfficeForm,
    GrantGriffieForm,
    InvitationCSVForm,
    InvitationForm,
    MemberFilterForm,
    OfficeRequestForm,
)
from .models import Office, OfficeInvitation, OfficeStatus
from .workspace import griffie_home_url, moved

MEMBERS_PER_PAGE = 25


# --- participant pages -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def office_list(request):
    """The member's own offices, and the form to ask for one."""
    form = OfficeRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            office = offices.office_request(
                person=request.user, authority=data["authority"], role=data["role"], start_date=data["start_date"]
            )
        except offices.OfficeError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Uw aanvraag voor %(office)s is verstuurd naar de griffie.") % {"office": office}
            )
            return redirect("offices:office_list")
    own = Office.objects.filter(person=request.user).select_related("authority").order_by("-start_date", "-pk")
    emails = EmailAddress.objects.filter(user=request.user, verified=True).values_list("email", flat=True)
    email_filter = Q()
    for email in emails:
        email_filter |= Q(email__iexact=email)
    invitations = (
        OfficeInvitation.objects.filter(email_filter, accepted_at__isnull=True).select_related("authority")
        if emails else OfficeInvitation.objects.none()
    )
    return render(request, "offices/office_list.html", {"offices": own, "form": form, "invitations": invitations})


@login_required
@require_POST
def office_withdraw(request, pk):
    """Withdraw one's own pending request."""
    office = get_object_or_404(Office.objects.filter(person=request.user, status=OfficeStatus.REQUESTED), pk=pk)
    try:
        offices.office_withdraw(office=office, by=request.user)
    except offices.OfficeError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Uw aanvraag voor %(office)s is ingetrokken.") % {"office": office})
    return redirect("offices:office_list")


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """Anonymous: explain and link to sign-up/login. Logged in: accept with one button."""
    invitation = get_object_or_404(OfficeInvitation.objects.select_related("authority"), token=token)
    error = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            office = offices.invitation_accept(invitation=invitation, user=request.user)
        except offices.OfficeError as exc:
            error = exc.message
        else:
            messages.success(request, _("Welkom! Uw ambt is bevestigd: %(office)s.") % {"office": office})
            return redirect("offices:office_list")
    email_matches = False
    if request.user.is_authenticated:
        email_matches = EmailAddress.objects.filter(user=request.user, email__iexact=invitation.email, verified=True).exists()
    return render(
        request,
        "offices/invitation_accept.html",
        {
            "invitation": invitation,
            "used": invitation.accepted_at is not None,
            "expired": offices.invitation_is_expired(invitation),
            "email_matches": email_matches,
            "error": error,
        },
    )


# --- the griffie workspace: start and member pages ---------------------------------------------


@login_required
def griffie_choose(request):
    """/griffie/: a member of one griffie goes straight to its workspace; of several, picks one."""
    authorities = list(selectors.griffie_authorities(request.user))
    if not authorities:
        raise Http404
    if len(authorities) == 1:
        return redirect(griffie_home_url(authorities[0]))
    choices = [{"authority": authority, "url": griffie_home_url(authority)} for authority in authorities]
    return render(request, "offices/griffie/choose_authority.html", {"choices": choices})


def _person(office):
    return office.person.get_full_name() or office.person.email


@login_required
def griffie_members(request, code):
    authority = selectors.griffie_authority(request.user, code)
    form = MemberFilterForm(request.GET or None, authority=authority)
    members = selectors.offices_of_authority(authority).order_by("person__last_name", "person__first_name", "pk")
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            members = members.filter(status=data["status"])
        if data["role"]:
            members = members.filter(role=data["role"])
        if data["current"] == "lopend":
            members = members.filter(Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate()))
        elif data["current"] == "beeindigd":
            members = members.filter(end_date__lt=timezone.localdate())
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request, "offices/griffie/members.html",
        {"authority": authority, "page": page, "filter_form": form, "today": timezone.localdate()},
    )


@login_required
def griffie_requests(request, code):
    authority = selectors.griffie_authority(request.user, code)
    pending = selectors.offices_of_authority(authority).filter(status=OfficeStatus.REQUESTED).order_by("requested_at", "pk")
    page = Paginator(pending, MEMBERS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "offices/griffie/requests.html", {"authority": authority, "page": page})


@login_required
@require_POST
def griffie_office_verify(request, code, pk):
    authority = selectors.griffie_authority(request.user, code)
    office = get_object_or_404(selectors.offices_of_authority(authority), pk=pk)
    try:
        offices.office_verify(office=office, by=request.user)
    except offices.OfficeError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Het ambt van %(name)s is bevestigd.") % {"name": _person(office)})
    return redirect("offices:griffie_requests", code=authority.cbs_code)


@login_required
@require_http_methods(["GET", "POST"])
def griffie_office_decline(request, code, pk):
    authority = selectors.griffie_authority(request.user, code)
    office = get_object_or_404(selectors.offices_of_authority(authority), pk=pk)
    form = DeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            offices.office_decline(office=office, by=request.user, reason=form.cleaned_data["reason"])
        except offices.OfficeError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("De aanvraag van %(name)s is afgewezen.") % {"name": _person(office)})
            return redirect("offices:griffie_requests", code=authority.cbs_code)
    return render(request, "offices/griffie/decline.html", {"authority": authority, "office": office, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def griffie_office_end(request, code, pk):
    authority = selectors.griffie_authority(request.user, code)
    office = get_object_or_404(selectors.offices_of_authority(authority), pk=pk)
    form = EndOfficeForm(request.POST if request.method == "POST" else None, initial={"end_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            offices.office_end(office=office, by=request.user, end_date=form.cleaned_data["end_date"])
        except offices.OfficeError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("De termijn van %(name)s is beëindigd.") % {"name": _person(office)})
            return redirect("offices:griffie_members", code=authority.cbs_code)
    return render(request, "offices/griffie/end_office.html", {"authority": authority, "office": office, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def griffie_invite(request, code):
    authority = selectors.griffie_authority(request.user, code)
    form = InvitationForm(request.POST if request.method == "POST" else None, authority=authority)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = offices.invitation_create(authority=authority, by=request.user, **form.cleaned_data)
        except offices.OfficeError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("De uitnodiging is verstuurd naar %(email)s.") % {"email": invitation.email})
            return redirect("offices:griffie_invitations", code=authority.cbs_code)
    return render(request, "offices/griffie/invite.html", {"authority": authority, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def griffie_invite_csv(request, code):
    authority = selectors.griffie_authority(request.user, code)
    posted = request.method == "POST"
    form = InvitationCSVForm(request.POST if posted else None, request.FILES if posted else None)
    row_errors = []
    if posted and form.is_valid():
        try:
            created = offices.invitations_import_csv(authority=authority, by=request.user, file=form.cleaned_data["file"])
        except offices.CSVImportError as error:
            row_errors = error.errors
        except offices.OfficeError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("%(count)s uitnodigingen zijn verstuurd.") % {"count": len(created)})
            return redirect("offices:griffie_invitations", code=authority.cbs_code)
    return render(
        request, "offices/griffie/invite_csv.html",
        {"authority": authority, "form": form, "row_errors": row_errors, "columns": offices.CSV_COLUMNS},
    )


@login_required
def griffie_invitations(request, code):
    authority = selectors.griffie_authority(request.user, code)
    pending = selectors.pending_invitations(authority).select_related("invited_by").order_by("-created_at", "-pk")
    page = Paginator(pending, MEMBERS_PER_PAGE).get_page(request.GET.get("pagina"))
    for invitation in page.object_list:
        invitation.is_expired = offices.invitation_is_expired(invitation)
    return render(request, "offices/griffie/invitations.html", {"authority": authority, "page": page})


def _invitation_action(request, code, pk, action, success):
    """Run `action` on one of the authority's pending invitations and report the outcome."""
    authority = selectors.griffie_authority(request.user, code)
    invitation = get_object_or_404(selectors.pending_invitations(authority), pk=pk)
    try:
        action(invitation=invitation, by=request.user)
    except offices.OfficeError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success % {"email": invitation.email})
    return redirect("offices:griffie_invitations", code=authority.cbs_code)


@login_required
@require_POST
def griffie_invitation_resend(request, code, pk):
    return _invitation_action(
        request, code, pk, offices.invitation_resend, _("De uitnodiging is opnieuw verstuurd naar %(email)s.")
    )


@login_required
@require_POST
def griffie_invitation_withdraw(request, code, pk):
    return _invitation_action(
        request, code, pk, offices.invitation_withdraw, _("De uitnodiging voor %(email)s is ingetrokken.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def griffie_team(request, code):
    authority = selectors.griffie_authority(request.user, code)
    form = GrantGriffieForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            offices.griffie_member_grant(authority=authority, user=form.user, by=request.user)
        except offices.OfficeError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(email)s werkt nu ook bij de griffie van %(authority)s.") % {"email": form.user.email, "authority": authority},
            )
            return redirect("offices:griffie_team", code=authority.cbs_code)
    team = selectors.griffie_team(authority).select_related("user", "granted_by").order_by("user__last_name", "pk")
    return render(request, "offices/griffie/team.html", {"authority": authority, "team": team, "form": form})


@login_required
@require_POST
def griffie_team_revoke(request, code, pk):
    authority = selectors.griffie_authority(request.user, code)
    member = get_object_or_404(selectors.griffie_team(authority), pk=pk)
    try:
        offices.griffie_member_revoke(member=member, by=request.user)
    except offices.OfficeError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(email)s werkt niet meer bij de griffie van %(authority)s.") % {"email": member.user.email, "authority": authority},
        )
        if member.user_id == request.user.pk:
            return redirect("/mijn/")
    return redirect("offices:griffie_team", code=authority.cbs_code)


# --- old addresses ---------------------------------------------------------------------------


def griffie_members_moved(request, code, rest):
    """/griffie/leden/<code>/<rest> moved to /griffie/<code>/leden/<rest>."""
    return moved(request, reverse("offices:griffie_members", args=[code]) + rest)


def griffie_choose_moved(request):
    """/griffie/leden/ moved to /griffie/."""
    return moved(request, reverse("offices:griffie_choose"))
