import datetime
import json
import re
from urllib.parse import urlencode

from allauth.account.decorators import verified_email_required
from allauth.core import ratelimit
from allauth.usersessions.internal.flows.sessions import end_sessions
from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from . import privacy
from .forms import AccountDeleteForm, NameForm
from .kernel.errors import DomainError


@never_cache
@require_GET
def healthz(request):
    """200 with a small JSON body when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


class PrivacyView(TemplateView):
    template_name = "privacy.html"


class AccessibilityView(TemplateView):
    template_name = "accessibility.html"


def admin_login_redirect(request):
    """The Wagtail admin and the Django admin share the site's login (with MFA):
    their own login pages only send the visitor there."""
    target = reverse("account_login")
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = f"{target}?{urlencode({'next': next_url})}"
    return redirect(target)


ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _readable(value):
    """Export data as nested {"text"} / {"rows": [(label, ...)]} nodes for the readable page."""
    if isinstance(value, dict):
        return {"rows": [(str(key).replace("_", " "), _readable(item)) for key, item in value.items()]}
    if isinstance(value, list):
        return {"rows": [(str(index + 1), _readable(item)) for index, item in enumerate(value)]}
    if value is None:
        return {"text": "–"}
    if value is True:
        return {"text": _("ja")}
    if value is False:
        return {"text": _("nee")}
    if isinstance(value, str) and ISO_DATETIME.match(value):
        # Timestamps in the export are ISO 8601; people read them in local time.
        moment = datetime.datetime.fromisoformat(value)
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return {"text": formats.date_format(moment, "DATETIME_FORMAT")}
    return {"text": str(value)}


@method_decorator([never_cache, verified_email_required], name="dispatch")
class PersonalDataView(View):
    """/mijn/gegevens/: everything Glashelder stores about the user, readable in
    the browser, or as a JSON download (?formaat=json)."""

    def get(self, request):
        data = privacy.personal_data_export(user=request.user, request=request)
        if request.GET.get("formaat") == "json":
            response = HttpResponse(
                json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
            )
            stamp = timezone.localdate().isoformat()
            response["Content-Disposition"] = f'attachment; filename="glashelder-gegevens-{stamp}.json"'
            return response
        sections = [(str(name).replace("_", " "), _readable(value)) for name, value in data.items() if name != "gegenereerd_op"]
        return render(
            request,
            "glashelder/personal_data.html",
            {"sections": sections, "generated_at": _readable(data["gegenereerd_op"])["text"]},
        )


@method_decorator([never_cache, verified_email_required], name="dispatch")
class AccountDeleteView(View):
    """/mijn/account-verwijderen/: delete the account after confirming the password."""

    template_name = "glashelder/account_delete.html"

    def get(self, request):
        return render(request, self.template_name, {"form": AccountDeleteForm(user=request.user)})

    def post(self, request):
        form = AccountDeleteForm(request.POST, user=request.user)
        # Guessing the password here is limited like re-authentication.
        if not ratelimit.consume(request, action="reauthenticate", user=request.user):
            blank = AccountDeleteForm(user=request.user)
            return render(request, self.template_name, {"form": blank, "rate_limited": True}, status=429)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        try:
            # The anonymised (inactive) row from now on: logging out does not name the person again.
            request.user = privacy.account_delete(user=request.user, request=request)
        except DomainError as refusal:
            # An app refused its part (e.g. a refund that failed): nothing was deleted.
            return render(request, self.template_name, {"form": AccountDeleteForm(user=request.user), "refusal": refusal.message})
        logout(request)
        messages.success(request, _("Uw account en persoonsgegevens zijn verwijderd."))
        return redirect("/")


@method_decorator(never_cache, name="dispatch")
class LogoutEverywhereView(LoginRequiredMixin, View):
    """"Uitloggen op alle apparaten": ends every session of the user, this one included."""

    http_method_names = ["post"]

    def post(self, request):
        end_sessions(request, list(UserSession.objects.filter(user_id=request.user.pk)))
        if request.user.is_authenticated:
            logout(request)
        messages.success(request, _("U bent op alle apparaten uitgelogd."))
        return redirect("/")


@method_decorator([never_cache, verified_email_required], name="dispatch")
class NameView(View):
    """/mijn/naam/: the member corrects their own name."""

    template_name = "glashelder/name_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": NameForm(instance=request.user)})

    def post(self, request):
        form = NameForm(request.POST, instance=request.user)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        privacy.user_name_change(user=request.user, first_name=form.cleaned_data["first_name"], last_name=form.cleaned_data["last_name"])
        messages.success(request, _("Uw naam is opgeslagen."))
        return redirect("name_change")
