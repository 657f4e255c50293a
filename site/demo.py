"""Demo accounts for `make run`. Never loaded in production (load_demo refuses).

All passwords are `glashelder-demo`; privileged accounts get a TOTP device with
the base32 secret `GLASHELDERDEMOAB` so a newcomer can log in with any TOTP app
(or `python -c "import pyotp..."`), as the README explains.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model

from .kernel import roles

DEMO_PASSWORD = "glashelder-demo"
DEMO_TOTP_SECRET = "GLASHELDERDEMOAB"


def demo_user(email, first_name, last_name, *, superuser=False, mfa=False):
    """Create (or find) a demo user with a verified e-mail address; idempotent."""
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, first_name=first_name, last_name=last_name, is_superuser=superuser, is_staff=superuser)
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    if mfa and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


class DemoAccounts(dict):
    """The demo accounts by role, handed to each app's demo loader; `person()` makes the
    extra demo members an app needs, so no app imports this module (it is the top layer)."""

    def person(self, email, first_name, last_name):
        return demo_user(email, first_name, last_name)


def load_accounts():
    """The demo accounts listed in the README. Offices and griffie roles are
    attached by the enrolment demo; the provider editor by the courses demo."""
    users = DemoAccounts({
        "deelnemer": demo_user("deelnemer@example.org", "Sanne", "de Vries"),
        "statenlid": demo_user("statenlid@example.org", "Ahmed", "El Amrani"),
        "griffie": demo_user("griffie@example.org", "Marieke", "Jansen", mfa=True),
        "griffie_amsterdam": demo_user("griffie.amsterdam@example.org", "Joost", "Bakker", mfa=True),
        "aanbieder": demo_user("aanbieder@example.org", "Femke", "Visser", mfa=True),
        "redactie": demo_user("redactie@example.org", "Ruben", "Mulder", mfa=True),
        "beheer": demo_user("beheer@example.org", "Beheer", "Glashelder", superuser=True, mfa=True),
    })
    users["redactie"].groups.add(roles.redactie_group())
    return users
