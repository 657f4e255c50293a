"""The base layout: Dutch first, accessible structure, NL Design System assets."""

import re

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


@pytest.fixture
def soup(client):
    def get(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return BeautifulSoup(response.content, "html.parser")

    return get


@pytest.mark.parametrize("url", ["/", "/cursussen/", "/privacy/", "/toegankelijkheid/", "/account/login/", "/account/signup/"])
def test_every_page_has_one_h1_landmarks_and_a_skip_link(soup, url):
    page = soup(url)
    assert page.html["lang"] == "nl"
    assert len(page.find_all("h1")) == 1
    skip = page.find("a", class_="utrecht-skip-link")
    assert skip is not None and skip["href"] == "#main"
    assert page.find("main", id="main") is not None
    assert page.find("header") is not None
    assert page.find("footer") is not None
    assert page.find("nav", attrs={"aria-label": "Hoofdmenu"}) is not None
    assert page.find("meta", attrs={"name": "viewport"}) is not None


def test_nl_design_system_assets_are_linked(soup, client):
    page = soup("/")
    hrefs = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert any("utrecht/index.css" in h for h in hrefs)
    assert any("voorbeeld/theme.css" in h for h in hrefs)
    assert "utrecht-body" in page.body["class"]


def test_no_inline_script_on_public_pages(soup):
    page = soup("/")
    for script in page.find_all("script"):
        assert script.get("src"), "inline scripts are not allowed by the Content-Security-Policy"


def test_english_is_available(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert re.search(r'<html lang="en"', html)
    assert "Courses" in html or "courses" in html


def test_demo_banner_when_payments_are_demo(soup, settings):
    settings.DEMO_PAYMENTS = True
    assert "Demo-omgeving" in soup("/").get_text()
