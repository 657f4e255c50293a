"""Every account page (allauth, MFA, sessions, my data) renders in the site
layout, in Dutch, with exactly one h1 and a label for every field."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import UserFactory, add_totp

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/account/password/reset/done/",
    "/account/confirm-email/",
]
MEMBER_PAGES = [
    "/account/email/",
    "/account/password/change/",
    "/account/2fa/",
    "/account/2fa/totp/activate/",
    "/account/2fa/webauthn/",
    "/account/2fa/webauthn/add/",
    "/account/sessions/",
    "/account/logout/",
    "/account/reauthenticate/",
    "/mijn/naam/",
    "/mijn/gegevens/",
    "/mijn/account-verwijderen/",
]
MFA_PAGES = [
    "/account/2fa/totp/deactivate/",
    "/account/2fa/recovery-codes/generate/",
]


def assert_accessible_structure(html, url):
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "nl", url
    h1s = soup.find_all("h1")
    assert len(h1s) == 1, f"{url}: {len(h1s)} h1"
    assert soup.find("main", id="main") is not None, url
    assert soup.find("link", href=lambda h: h and "glashelder.css" in h), url
    for field in soup.select("main input, main select, main textarea"):
        if field.get("type") in ("hidden", "submit", "button"):
            continue
        field_id = field.get("id")
        assert field_id, f"{url}: field {field.get('name')} has no id"
        label = soup.find("label", attrs={"for": field_id})
        assert label is not None and label.get_text(strip=True), f"{url}: field {field_id} has no label"
    for script in soup.find_all("script"):
        # Only external scripts and JSON data blocks: no inline JavaScript (CSP).
        assert script.get("src") or script.get("type") == "application/json", f"{url}: inline script"
    assert not soup.select("[style]"), f"{url}: inline style attribute"
    return soup


@pytest.mark.parametrize("url", ANONYMOUS_PAGES)
def test_entrance_pages(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert_accessible_structure(response.content.decode(), url)


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.mark.parametrize("url", MEMBER_PAGES)
def test_account_pages_with_the_account_menu(client, member, url):
    response = client.get(url)
    reauthenticate = response.status_code == 302 and "reauthenticate" in response["Location"]
    if reauthenticate:
        # Sensitive pages first ask for the password again (that page has no menu).
        response = client.get(response["Location"])
    assert response.status_code == 200, url
    soup = assert_accessible_structure(response.content.decode(), url)
    if "logout" not in url and "reauthenticate" not in url and not reauthenticate:
        menu = soup.find("nav", attrs={"aria-label": "Accountmenu"})
        assert menu is not None, url
        links = {a["href"] for a in menu.find_all("a")}
        assert {"/mijn/naam/", "/account/email/", "/account/password/change/", "/account/2fa/", "/account/sessions/", "/mijn/gegevens/", "/mijn/account-verwijderen/"} <= links


@pytest.mark.parametrize("url", MFA_PAGES)
def test_mfa_management_pages(client, member, url):
    add_totp(member)
    response = client.get(url)
    if response.status_code == 302 and "reauthenticate" in response["Location"]:
        response = client.get(response["Location"])
    assert response.status_code == 200, url
    assert_accessible_structure(response.content.decode(), url)


def test_login_errors_are_shown_next_to_the_form_in_dutch(client):
    UserFactory(email="iemand@example.org")
    response = client.post("/account/login/", {"login": "iemand@example.org", "password": "fout-wachtwoord-1"})
    assert response.status_code == 200
    soup = assert_accessible_structure(response.content.decode(), "login")
    alert = soup.select_one("main .utrecht-alert--error")
    assert alert is not None
    assert "wachtwoord" in alert.get_text().lower()


def test_signup_field_errors_are_tied_to_their_field(client):
    response = client.post("/account/signup/", {"email": "geen-adres", "password1": "kort", "password2": "anders"})
    assert response.status_code == 200
    soup = assert_accessible_structure(response.content.decode(), "signup")
    email = soup.find("input", attrs={"name": "email"})
    assert email["aria-invalid"] == "true"
    error = soup.find(id=f"{email['id']}_error")
    assert error is not None and error.get_text(strip=True)
    assert f"{email['id']}_error" in email["aria-describedby"]


def test_main_menu_marks_account_pages_as_account(client, member):
    soup = BeautifulSoup(client.get("/mijn/gegevens/").content.decode(), "html.parser")
    current = [a.get_text(strip=True) for a in soup.select("nav[aria-label=Hoofdmenu] [aria-current=page]")]
    assert current == ["Account"]
