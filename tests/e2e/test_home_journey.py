"""Browser journey: home page and catalogue, keyboard through the main menu, axe clean."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_and_catalogue_by_keyboard(page, axe_check):
    page.goto("/")
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)

    # The first Tab reaches the skip link, which moves focus to the main content.
    page.keyboard.press("Tab")
    skip = page.locator("a.utrecht-skip-link")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))

    # Tab through the main menu to the catalogue link and follow it.
    page.goto("/")
    catalogue = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Cursussen")
    for _ in range(10):
        page.keyboard.press("Tab")
        if catalogue.evaluate("el => el === document.activeElement"):
            break
    expect(catalogue).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/cursussen/$"))
    expect(page.locator("h1")).to_have_text("Cursussen")
    axe_check(page)


def test_layout_works_at_320_pixels(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
