"""Shared fixtures: factories, a Playwright-driven Chromium, and the axe-core check."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make there are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (own cookies) pointed at the live test server."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    console_errors = []
    tab.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    tab.console_errors = console_errors
    yield tab
    context.close()


@pytest.fixture
def axe_check():
    """Run axe-core on the current page; fail on any serious or critical violation."""
    from tests.accessibility import assert_no_serious_violations

    return assert_no_serious_violations
