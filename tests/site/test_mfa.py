"""MFA: mandatory for griffie, provider, redactie, beheer and staff; optional for
participants; the admins share the site login and its second factor."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache

from glashelder.demo import DEMO_TOTP_SECRET
from tests.factories import PASSWORD, OfficeFactory, ProviderFactory, UserFactory, add_totp, griffie_user
from tests.site.totp import totp

pytestmark = pytest.mark.django_db

ROLE_PAGES = ["/admin/", "/django-admin/", "/griffie/", "/aanbieder/"]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def provider_editor(mfa):
    user = UserFactory()
    user.groups.add(ProviderFactory().editors_group)
    if mfa:
        add_totp(user)
    return user


def redactie(mfa):
    from glashelder.kernel import roles

    user = UserFactory()
    user.groups.add(roles.redactie_group())
    if mfa:
        add_totp(user)
    return user


def beheer(mfa):
    user = UserFactory(is_superuser=True, is_staff=True)
    if mfa:
        add_totp(user)
    return user


def staff(mfa):
    user = UserFactory(is_staff=True)
    if mfa:
        add_totp(user)
    return user


PRIVILEGED = {
    "griffie": lambda mfa: griffie_user(mfa=mfa),
    "provider": provider_editor,
    "redactie": redactie,
    "beheer": beheer,
    "staff": staff,
}


@pytest.mark.parametrize("role", PRIVILEGED)
@pytest.mark.parametrize("path", ROLE_PAGES)
def test_privileged_user_without_mfa_is_sent_to_set_it_up(client, role, path):
    client.force_login(PRIVILEGED[role](mfa=False))
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/account/2fa/totp/activate/?next={path.replace('/', '%2F')}"


@pytest.mark.parametrize("role", PRIVILEGED)
@pytest.mark.parametrize("path", ROLE_PAGES)
def test_privileged_user_with_mfa_is_not_sent_to_set_it_up(client, role, path):
    client.force_login(PRIVILEGED[role](mfa=True))
    response = client.get(path)
    assert "/account/2fa/" not in response.get("Location", "")


def test_griffie_with_mfa_opens_the_griffie_workspace(client):
    user = griffie_user(mfa=True)
    client.force_login(user)
    response = client.get("/griffie/", follow=True)
    assert response.redirect_chain == [("/griffie/GM0344/", 302)]
    assert response.status_code == 200


def test_beheer_with_mfa_opens_both_admins(client):
    client.force_login(beheer(mfa=True))
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 200


def test_participant_is_not_forced_but_may_turn_mfa_on(client):
    user = UserFactory()
    OfficeFactory(person=user)
    client.force_login(user)
    response = client.get("/admin/")
    assert "/account/2fa/" not in response.get("Location", "")
    # Changing MFA asks for the password again first.
    page = client.get("/account/2fa/totp/activate/")
    assert page.status_code == 302
    assert page["Location"].startswith("/account/reauthenticate/")
    client.post("/account/reauthenticate/", {"password": PASSWORD})
    page = client.get("/account/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post("/account/2fa/totp/activate/", {"code": totp(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_password_alone_does_not_log_in_an_account_with_mfa(client):
    user = griffie_user(mfa=True)
    response = client.post("/account/login/", {"login": user.email, "password": PASSWORD, "next": "/django-admin/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/account/2fa/authenticate/")
    # Not logged in yet: the role pages still send to the login page.
    admin = client.get("/django-admin/")
    assert admin.status_code == 302
    assert "/login/" in admin["Location"]
    assert "_auth_user_id" not in client.session
    # The wrong code is refused; the right one completes the login.
    wrong = client.post("/account/2fa/authenticate/", {"code": "000000" if totp(DEMO_TOTP_SECRET) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    done = client.post("/account/2fa/authenticate/", {"code": totp(DEMO_TOTP_SECRET)})
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_admins_use_the_site_login(client):
    wagtail = client.get("/admin/")
    assert wagtail.status_code == 302
    assert wagtail["Location"].startswith("/account/login/")
    django_admin = client.get("/django-admin/", follow=True)
    assert django_admin.redirect_chain[-1][0].startswith("/account/login/?next=")
    assert django_admin.status_code == 200
