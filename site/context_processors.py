from django.conf import settings

from courses.selectors import is_provider_editor

from .kernel.roles import is_redactie
from .offices.selectors import is_griffie

ACCOUNT_PATHS = {"/mijn/naam/", "/mijn/gegevens/", "/mijn/account-verwijderen/"}


def site_context(request):
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    path = getattr(request, "path", "")
    return {
        "DEMO_PAYMENTS": settings.DEMO_PAYMENTS,
        # Account pages (allauth and the site's own under /mijn/) highlight "Account", not "Mijn Glashelder".
        "nav_account_page": path.startswith("/account/") or path in ACCOUNT_PATHS,
        "nav_is_griffie": authenticated and is_griffie(user),
        "nav_is_provider": authenticated and (is_provider_editor(user) or is_redactie(user)),
    }
