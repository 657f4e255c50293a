"""Read-side queries of the catalogue that other apps need: who edits which provider,
and which pages of the tree a user may see in the Wagtail admin."""

from django.db.models import Q
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .models import Provider


def provider_ids(user):
    """Ids of the providers this user edits (through the provider's editors group)."""
    return list(Provider.objects.edited_by(user).values_list("id", flat=True))


def is_provider_editor(user):
    return bool(provider_ids(user))


def admin_visible_pages(user):
    """The pages `user` may see in the Wagtail admin, by Wagtail's own page permissions:
    every page of the subtrees they have a permission on (for a provider editor: their
    own provider's folder, courses and modules), plus the pages above their explorable
    root, so that they can browse down to it (Root, the home page, the course index).
    Everything for beheer."""
    if user.is_superuser:
        return Page.objects.all()
    policy = policy_registry.get_by_type(Page)
    root = policy.explorable_root_instance(user)
    if root is None:
        return Page.objects.none()
    explorable = policy.explorable_instances(user).values("pk")
    above = Page.objects.ancestor_of(root, inclusive=True).values("pk")
    return Page.objects.filter(Q(pk__in=explorable) | Q(pk__in=above))


def admin_own_pages(user):
    """The pages of the subtrees `user` has a page permission on (not the pages above them)."""
    if user.is_superuser:
        return Page.objects.all()
    policy = policy_registry.get_by_type(Page)
    return policy.instances_user_has_any_permission_for(user, {"add", "change", "publish", "lock", "unlock", "bulk_delete"})
