"""Browser journey: sign up, confirm the e-mail address from the captured
message, set up TOTP, log out, log in with password and code, log out.
axe-core checks every account page on the way."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.site.totp import counter, fresh_totp, totp

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "nieuw.raadslid@example.org"
PASSWORD = "een-lang-en-sterk-wachtwoord-2026"


def logout(page):
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Inloggen")).to_be_visible()


def test_sign_up_verify_set_up_totp_and_log_in_with_a_code(page, live_server, axe_check):
    mail.outbox.clear()

    # Sign up.
    page.goto("/account/signup/")
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)
    page.get_by_label("E-mail", exact=True).fill(EMAIL)
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("van Dijk")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/account/confirm-email/$"))
    axe_check(page)

    # Confirm the address with the link from the captured message.
    assert mail.outbox, "no confirmation message was sent"
    message = mail.outbox[-1]
    assert message.to == [EMAIL]
    link = re.search(r"https?://\S+/account/confirm-email/\S+", message.body).group(0)
    page.goto(link.replace("http://testserver", live_server.url))
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("button", name="Uitloggen")).to_be_visible()

    # Set up TOTP: the password is asked again first.
    page.goto("/account/2fa/")
    axe_check(page)
    page.goto("/account/2fa/totp/activate/")
    expect(page).to_have_url(re.compile(r"/account/reauthenticate/"))
    axe_check(page)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/account/2fa/totp/activate/"))
    axe_check(page)
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret)
    page.locator("#id_code").fill(totp(secret))
    used = counter()
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/totp/activate/"))
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)

    # Log out, and in again with password and code.
    logout(page)
    page.goto("/account/login/")
    axe_check(page)
    page.get_by_label("E-mail", exact=True).fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/account/2fa/authenticate/"))
    axe_check(page)
    code, _ = fresh_totp(secret, used_counter=used)  # each code works once
    page.locator("#id_code").fill(code)
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("button", name="Uitloggen")).to_be_visible()
    page.goto("/account/email/")
    expect(page.get_by_role("navigation", name="Accountmenu")).to_contain_text(EMAIL)
    axe_check(page)
    # The rest of the account menu, by keyboard-reachable links.
    for name, path in [
        ("Naam", "/mijn/naam/"),
        ("Wachtwoord", "/account/password/change/"),
        ("Sessies en apparaten", "/account/sessions/"),
        ("Mijn gegevens", "/mijn/gegevens/"),
        ("Account verwijderen", "/mijn/account-verwijderen/"),
    ]:
        page.get_by_role("navigation", name="Accountmenu").get_by_role("link", name=name, exact=True).click()
        expect(page).to_have_url(re.compile(re.escape(path) + "$"))
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)
    expect(page.get_by_text("van Dijk")).to_have_count(0)  # the delete page shows no data
    page.goto("/mijn/gegevens/")
    expect(page.locator("main")).to_contain_text("van Dijk")

    logout(page)
    page.goto("/mijn/gegevens/")
    expect(page).to_have_url(re.compile(r"/account/login/"))
