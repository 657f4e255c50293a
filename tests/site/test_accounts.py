"""Accounts: sign-up with mandatory e-mail verification, rate limits, password
reset, change of e-mail with re-verification, session expiry, logging out on
all devices."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "een-nieuw-lang-wachtwoord-7"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def link_in(message, pattern):
    found = re.search(r"https?://[^\s\"']*" + pattern + r"[^\s\"']*", message.body)
    assert found, message.body
    return found.group(0).replace("http://testserver", "")


def test_signup_requires_email_verification_before_login(client):
    response = client.post(
        "/account/signup/", {"email": "nieuw@example.org", "first_name": "Nina", "last_name": "Nieuw", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert "_auth_user_id" not in client.session
    user = get_user_model().objects.get(email="nieuw@example.org")
    assert (user.first_name, user.last_name) == ("Nina", "Nieuw")
    assert not EmailAddress.objects.get(user=user).verified

    # Logging in is refused until the address is confirmed.
    client.post("/account/login/", {"login": "nieuw@example.org", "password": NEW_PASSWORD})
    assert "_auth_user_id" not in client.session

    # The message is in Dutch and carries the confirmation link.
    message = mail.outbox[-1]
    assert message.to == ["nieuw@example.org"]
    assert message.subject.startswith("[Glashelder]")
    confirm = link_in(message, "/account/confirm-email/")
    page = client.get(confirm)
    assert page.status_code == 200
    response = client.post(confirm)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_unverified_account_cannot_use_member_pages(client):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)
    response = client.get("/mijn/gegevens/")
    assert response.status_code == 200
    assert "account/verified_email_required.html" in [t.name for t in response.templates]
    assert "glashelder/personal_data.html" not in [t.name for t in response.templates]


def test_password_validation_refuses_weak_passwords(client):
    response = client.post("/account/signup/", {"email": "zwak@example.org", "password1": "12345678", "password2": "12345678"})
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="zwak@example.org").exists()
    errors = " ".join(response.context["form"].errors["password1"])
    assert "te kort" in errors or "te algemeen" in errors


def test_failed_logins_are_rate_limited(client):
    user = UserFactory()
    for _ in range(5):
        response = client.post("/account/login/", {"login": user.email, "password": "fout-wachtwoord-9"})
        assert response.status_code == 200
    # Even the right password is refused now.
    response = client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Te veel" in response.content.decode() or "te veel" in response.content.decode()


def test_signup_is_rate_limited_per_ip():
    client = Client()
    statuses = []
    for index in range(22):
        response = client.post(
            "/account/signup/", {"email": f"massa{index}@example.org", "first_name": "M", "last_name": "Assa", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
        statuses.append(response.status_code)
    assert statuses[0] == 302
    assert 429 in statuses
    assert get_user_model().objects.filter(email__startswith="massa").count() == statuses.count(302) <= 20


def test_password_reset_flow(client):
    user = UserFactory()
    response = client.post("/account/password/reset/", {"email": user.email})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == [user.email]
    reset = link_in(message, "/account/password/reset/key/")
    page = client.get(reset, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else reset
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # The link works only once.
    again = client.get(reset, follow=True)
    assert again.context.get("token_fail") is True
    # Logging in with the new password works.
    fresh = Client()
    fresh.post("/account/login/", {"login": user.email, "password": NEW_PASSWORD})
    assert fresh.session["_auth_user_id"] == str(user.pk)


def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post("/account/password/reset/", {"email": "onbekend@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/account/password/reset/done/"


def test_change_of_email_needs_verification_of_the_new_address(client):
    user = UserFactory(email="oud@example.org")
    client.force_login(user)
    client.post("/account/reauthenticate/", {"password": PASSWORD})
    response = client.post("/account/email/", {"action_add": "", "email": "nieuw.adres@example.org"})
    assert response.status_code == 302
    new = EmailAddress.objects.get(user=user, email="nieuw.adres@example.org")
    assert not new.verified
    user.refresh_from_db()
    assert user.email == "oud@example.org"  # unchanged until confirmed
    confirm = link_in(mail.outbox[-1], "/account/confirm-email/")
    assert mail.outbox[-1].to == ["nieuw.adres@example.org"]
    client.post(confirm)
    user.refresh_from_db()
    assert user.email == "nieuw.adres@example.org"
    assert not EmailAddress.objects.filter(user=user, email="oud@example.org").exists()


def test_sessions_expire_after_inactivity(client, settings):
    user = UserFactory()
    client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    assert client.get("/mijn/gegevens/").status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    # Every request pushes the expiry forward by SESSION_COOKIE_AGE.
    remaining = session.expire_date - timezone.now()
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE - 60) < remaining <= timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert settings.SESSION_COOKIE_AGE <= 2 * 60 * 60
    # After the period without activity the session is gone.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/mijn/gegevens/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_logout_on_all_devices(client):
    user = UserFactory()
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        device.post("/account/login/", {"login": user.email, "password": PASSWORD})
        assert device.get("/mijn/gegevens/").status_code == 200
    response = laptop.post("/mijn/uitloggen-overal/")
    assert response.status_code == 302
    for device in (laptop, phone):
        assert device.get("/mijn/gegevens/").status_code == 302


def test_logout_other_sessions_keeps_this_one(client):
    user = UserFactory()
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        device.post("/account/login/", {"login": user.email, "password": PASSWORD})
        device.get("/mijn/gegevens/")
    page = laptop.get("/account/sessions/")
    assert "Uitloggen op alle apparaten" in page.content.decode()
    laptop.post("/account/sessions/")
    assert laptop.get("/mijn/gegevens/").status_code == 200
    assert phone.get("/mijn/gegevens/").status_code == 302


def test_signup_asks_for_the_name(client):
    response = client.post("/account/signup/", {"email": "naamloos@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 200
    assert "first_name" in response.context["form"].errors
    assert not get_user_model().objects.filter(email="naamloos@example.org").exists()


def test_member_corrects_their_name(client):
    user = UserFactory(first_name="Jan", last_name="Janssen")
    client.force_login(user)
    response = client.post("/mijn/naam/", {"first_name": "Johan", "last_name": "Jansen"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Johan", "Jansen")
    response = client.post("/mijn/naam/", {"first_name": "", "last_name": "Jansen"})
    assert response.status_code == 200
    assert response.context["form"].errors["first_name"]


def test_account_mails_are_dutch_plain_and_html(client):
    user = UserFactory()
    client.post("/account/password/reset/", {"email": user.email})
    message = mail.outbox[-1]
    assert message.subject == "[Glashelder] Nieuw wachtwoord instellen"
    assert message.body.startswith("Goedendag,")
    assert "Met vriendelijke groet," in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    link = link_in(message, "/account/password/reset/key/")
    assert f'href="http://testserver{link}"' in html


def test_password_change_is_notified_by_mail(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    client.force_login(user)
    client.post("/account/reauthenticate/", {"password": PASSWORD})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/password/change/", {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert NEW_PASSWORD not in mail.outbox[0].body
