"""Who is what. One place for the role questions every app asks.

Roles (DESIGN.md): deelnemer (through verified offices), griffie of an
authority, aanbieder (editor of a provider), redactie, beheer (superuser).
"""

from django.contrib.auth.models import Group

REDACTIE_GROUP = "Redactie"


def is_beheer(user):
    return bool(user.is_authenticated and user.is_superuser)


def is_redactie(user):
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=REDACTIE_GROUP).exists()


def griffie_authority_ids(user):
    """Ids of the authorities whose griffie this user belongs to."""
    if not user.is_authenticated:
        return []
    from enrolment.models import GriffieMember

    return list(GriffieMember.objects.filter(user=user).values_list("authority_id", flat=True))


def is_griffie(user):
    return bool(griffie_authority_ids(user))


def provider_ids(user):
    """Ids of the providers this user edits (through the provider's editors group)."""
    if not user.is_authenticated:
        return []
    from courses.models import Provider

    return list(Provider.objects.filter(editors_group__user=user).values_list("id", flat=True))


def is_provider_editor(user):
    return bool(provider_ids(user))


def requires_mfa(user):
    """Privileged accounts must have a second factor before they can act."""
    if not user.is_authenticated:
        return False
    return is_beheer(user) or is_redactie(user) or is_griffie(user) or is_provider_editor(user) or user.is_staff


def has_mfa(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.RECOVERY_CODES).exists()


def redactie_group():
    group, _ = Group.objects.get_or_create(name=REDACTIE_GROUP)
    return group
