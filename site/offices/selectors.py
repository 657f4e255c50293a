"""Read-side queries of offices: who works at which griffie, which offices a person holds.

The griffie workspace finds its authority through `griffie_authority(user, code)` only:
the authority is named in the URL, fetched through a queryset already limited to the
user's griffie memberships (a code the user does not serve is a 404), and never
remembered in the session.
"""

from django.http import Http404

from .models import Authority, GriffieMember, Office, OfficeInvitation


def griffie_authorities(user):
    """The authorities whose griffie `user` belongs to, by name."""
    if user is None or not user.is_authenticated:
        return Authority.objects.none()
    return Authority.objects.filter(pk__in=GriffieMember.objects.filter(user=user).values("authority_id")).order_by("name")


def griffie_authority(user, code):
    """The authority with CBS code `code`, if `user` is on its griffie; Http404 otherwise."""
    authority = griffie_authorities(user).filter(cbs_code=code).first()
    if authority is None:
        raise Http404
    return authority


def griffie_authority_ids(user):
    """Ids of the authorities whose griffie this user belongs to."""
    if user is None or not user.is_authenticated:
        return []
    return list(GriffieMember.objects.filter(user=user).values_list("authority_id", flat=True))


def is_griffie(user):
    return bool(griffie_authority_ids(user))


def is_griffie_of(user, authority):
    return bool(
        user is not None
        and user.is_authenticated
        and GriffieMember.objects.filter(user=user, authority=authority).exists()
    )


def offices_of_person(person):
    return Office.objects.filter(person=person).select_related("authority").order_by("-start_date", "-pk")


def offices_of_authority(authority):
    return Office.objects.filter(authority=authority).select_related("person", "verified_by", "authority")


def pending_invitations(authority):
    return OfficeInvitation.objects.filter(authority=authority, accepted_at__isnull=True)


def griffie_team(authority):
    """The griffie members of `authority`."""
    return GriffieMember.objects.filter(authority=authority)
