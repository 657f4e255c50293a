"""Personal data (AVG/GDPR): export everything about a user, and delete an account.

Each app contributes through two Wagtail hooks (README, "Extension points"):

- ``glashelder_personal_data_export``: ``fn(user) -> dict``, a named section of
  plain JSON data (e.g. ``{"ambten": [...]}``);
- ``glashelder_personal_data_erase``: ``fn(user) -> None``, runs inside the
  deletion's transaction and removes or anonymises that app's records,
  keeping only what the retention rules keep.

The user row itself is anonymised rather than deleted: kept financial records
(payments, decided claims) refer to it with protected foreign keys, and the
anonymous row carries no personal data any more (see README, "Privacy and
retention").
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.users.models import UserProfile

from courses.selectors import provider_ids

from .kernel.audit import ANONYMOUS_ACTOR, audit_log
from .kernel.roles import is_beheer, is_redactie
from .models import AuditEvent
from .offices.selectors import griffie_authority_ids

EXPORT_HOOK = "glashelder_personal_data_export"
ERASE_HOOK = "glashelder_personal_data_erase"


def _iso(value):
    return value.isoformat() if value else None


def _site_section(user):
    return {
        "account": {
            "e-mailadres": user.email,
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "aangemaakt_op": _iso(user.date_joined),
            "laatst_ingelogd": _iso(user.last_login),
            "rollen": {
                "beheer": is_beheer(user),
                "redactie": is_redactie(user),
                "aanbieder_ids": provider_ids(user),
                "griffie_overheid_ids": griffie_authority_ids(user),
            },
        },
        "e-mailadressen": [
            {"e-mailadres": a.email, "bevestigd": a.verified, "primair": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        # The type and dates only: secrets and recovery codes are never exported.
        "tweede_factoren": [
            {"type": a.type, "aangemaakt_op": _iso(a.created_at), "laatst_gebruikt": _iso(a.last_used_at)}
            for a in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "sessies": [
            {"ip-adres": s.ip, "browser": s.user_agent, "begonnen": _iso(s.created_at), "laatst_gezien": _iso(s.last_seen_at)}
            for s in UserSession.objects.filter(user=user).order_by("pk")
        ],
        "auditlog": [
            {"tijdstip": _iso(e.at), "gebeurtenis": e.action, "ip-adres": e.ip_address}
            for e in AuditEvent.objects.filter(actor=user).order_by("at", "pk")
        ],
    }


def user_name_change(*, user, first_name, last_name):
    """The person's own name (sign-up and /mijn/naam/): the griffie recognises an office-holder by it."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.save(update_fields=["first_name", "last_name"])
    return user


def personal_data_export(*, user, request=None):
    """All personal data of `user` as a dict of plain JSON data, one section per app."""
    data = {"gegenereerd_op": _iso(timezone.now()), "glashelder": _site_section(user)}
    for fn in hooks.get_hooks(EXPORT_HOOK):
        section = fn(user)
        if section:
            data.update(section)
    audit_log("data_export", actor=user, request=request, target=f"user:{user.pk}")
    return data


def anonymous_email(user):
    return f"deleted-{user.pk}@invalid"


def account_delete(*, user, request=None):
    """Delete the account of `user`: erase or anonymise all personal data in one
    transaction. Returns the anonymised user row."""

    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        old_email = user.email

        # The other apps first, while the user's data is still intact.
        for fn in hooks.get_hooks(ERASE_HOOK):
            fn(user)

        # Sessions: every device is logged out.
        session_keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
        if request is not None and getattr(request, "session", None) is not None and request.session.session_key:
            session_keys.append(request.session.session_key)
        Session.objects.filter(session_key__in=session_keys).delete()
        UserSession.objects.filter(user=user).delete()

        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()

        UserProfile.objects.filter(user=user).delete()

        # Roles end with the account.
        user.groups.clear()
        user.user_permissions.clear()

        # Audit events stay (the log is append-only) but no longer name the person.
        AuditEvent.objects.filter(actor=user).update(actor=None, actor_label=ANONYMOUS_ACTOR, ip_address=None)
        AuditEvent.objects.filter(actor__isnull=True, actor_label__iexact=old_email).update(
            actor_label=ANONYMOUS_ACTOR, details={}, ip_address=None
        )

        user.email = anonymous_email(user)
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.last_login = None
        user.set_unusable_password()
        user.save()

        # The deletion itself is logged without anything that points at the person.
        AuditEvent.objects.create(action="account_deleted", actor_label=ANONYMOUS_ACTOR, target=f"user:{user.pk}")
    return user
