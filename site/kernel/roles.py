"""The roles that depend on the account alone: beheer (superuser) and redactie (a group).

The other roles follow from data owned by an app: aanbieder from `courses.selectors`,
griffie and deelnemer from `glashelder.offices.selectors`; `glashelder.roles` combines
them for the site-wide questions (MFA, navigation).
"""

from django.contrib.auth.models import Group

REDACTIE_GROUP = "Redactie"


def is_beheer(user):
    return bool(user.is_authenticated and user.is_superuser)


def is_redactie(user):
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=REDACTIE_GROUP).exists()


def redactie_group():
    group, _ = Group.objects.get_or_create(name=REDACTIE_GROUP)
    return group
