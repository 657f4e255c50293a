"""Site-wide request rules: MFA for privileged accounts, CSP scope for the admin,
and the request context of the audit log."""

from urllib.parse import urlencode

from csp.middleware import CSPMiddleware
from django.shortcuts import redirect
from django.urls import reverse

from . import roles
from .kernel import audit

# Pages that need a privileged role. A griffie, provider, redactie or beheer
# account that has not set up a second factor is sent to set one up first.
PRIVILEGED_PREFIXES = ("/griffie/", "/admin/", "/django-admin/", "/aanbieder/")

# The only part of the site whose Content-Security-Policy is relaxed: the
# Wagtail admin renders inline scripts and styles (Telepath widget data, the
# rich-text editor, the preview panel) and shows embed thumbnails from the
# embed providers. See README, "Security".
ADMIN_PREFIX = "/admin/"
ADMIN_CSP_REPLACE = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    # The page preview shows the page in an iframe of the admin itself.
    "frame-ancestors": ["'self'"],
}


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


class ScopedCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with one scoped exception: the Wagtail admin.

    Everywhere else the strict policy of settings.CONTENT_SECURITY_POLICY
    applies (no inline script or style at all).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.replace = {**ADMIN_CSP_REPLACE, **(parts.replace or {})}
        return parts


class AuditContextMiddleware:
    """Makes the current request known to audit entries written by signal
    handlers that do not receive it (e.g. group membership changes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = audit.current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            audit.current_request.reset(token)


class RequireMFAMiddleware:
    """Privileged accounts without a second factor cannot open any role page.

    Logging in with a password alone is not possible for an account that has an
    authenticator: allauth's login flow then asks for the code (or passkey)
    before the session is authenticated. So "has an authenticator" is the rule
    that remains to enforce here. Users who need MFA and lack it are sent to
    the TOTP set-up page and come back afterwards.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(PRIVILEGED_PREFIXES) and request.user.is_authenticated:
            if roles.requires_mfa(request.user) and not roles.has_mfa(request.user):
                return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
