"""Who is what, for the questions the whole site asks (second factor, navigation).

Each role is answered where its data lives: beheer and redactie in `glashelder.kernel.roles`,
aanbieder in `courses.selectors`, griffie in `glashelder.offices.selectors`.
"""

from allauth.mfa.models import Authenticator

from courses.selectors import is_provider_editor
from glashelder.kernel.roles import is_beheer, is_redactie
from glashelder.offices.selectors import is_griffie


def requires_mfa(user):
    """Privileged accounts must have a second factor before they can act."""
    if not user.is_authenticated:
        return False
    return is_beheer(user) or is_redactie(user) or is_griffie(user) or is_provider_editor(user) or user.is_staff


def has_mfa(user):
    return Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.RECOVERY_CODES).exists()
