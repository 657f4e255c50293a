"""Site-wide request rules: MFA for privileged accounts, CSP scope for the admin."""

from django.shortcuts import redirect
from django.urls import reverse

from . import roles

# Pages that need a privileged role. A griffie, provider, redactie or beheer
# account that has not set up a second factor is sent to set one up first.
PRIVILEGED_PREFIXES = ("/griffie/", "/admin/", "/django-admin/", "/aanbieder/")


class DutchFirstMiddleware:
    """Dutch unless the visitor chose otherwise.

    Many Dutch office-holders use browsers set to English; the site should still
    open in Dutch. Only an explicit choice (the language switch, stored in the
    language cookie) changes the language, so the browser's Accept-Language
    header is ignored. Runs before Django's LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path.startswith(PRIVILEGED_PREFIXES) and request.user.is_authenticated:
            if roles.requires_mfa(request.user) and not roles.has_mfa(request.user):
                return redirect(f"{reverse('mfa_activate_totp')}?next={path}")
        response = self.get_response(request)
        return response
