"""Read-side queries of the catalogue that other apps need: who edits which provider."""

from .models import Provider


def provider_ids(user):
    """Ids of the providers this user edits (through the provider's editors group)."""
    return list(Provider.objects.edited_by(user).values_list("id", flat=True))


def is_provider_editor(user):
    return bool(provider_ids(user))
