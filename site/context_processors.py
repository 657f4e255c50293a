from django.conf import settings

from . import roles


def site_context(request):
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    return {
        "DEMO_PAYMENTS": settings.DEMO_PAYMENTS,
        "nav_is_griffie": authenticated and roles.is_griffie(user),
        "nav_is_provider": authenticated and (roles.is_provider_editor(user) or roles.is_redactie(user)),
    }
