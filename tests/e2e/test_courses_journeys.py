"""Browser journeys of the catalogue, in real Chromium with axe on every public page:
a member filters the catalogue to a course and reads it; a provider editor writes
a course with a module in the Wagtail admin and submits it; the redactie approves
it and it appears in the catalogue."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from courses.choices import CourseFormat
from courses.models import CoursePage, ModulePage, ProviderFolderPage
from glashelder.kernel.choices import Role
from tests.courses.builders import approved_course, instrument, session
from tests.courses.conftest import make_editor, make_redactie
from tests.factories import ProviderFactory, make_module

pytestmark = pytest.mark.django_db(transaction=True)


def login(page, live_server, user):
    """Log the browser in with a real session created by Django's test client."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url}]
    )


def test_member_filters_catalogue_to_a_course_and_reads_it(page, axe_check):
    provider = ProviderFactory(name="Statenacademie")
    target = approved_course(
        provider=provider, title="Statenlid en de begroting", instruments=[instrument("budgetrecht")],
        audience_roles=[Role.STATENLID], format=CourseFormat.BLENDED, price=Decimal("45"),
        summary="De provinciale begroting lezen.",
    )
    session(target, days=12, capacity=8, title="Startbijeenkomst")
    preview = make_module(target, title="De provinciale cyclus", minutes=35)
    make_module(target, title="Voor deelnemers", minutes=20)
    CoursePage.objects.filter(pk=target.pk).update(preview_module=preview)  # the one module of a paid course anyone reads
    approved_course(title="Raadsvragen", instruments=[instrument("vragenrecht")], audience_roles=[Role.RAADSLID])
    approved_course(title="Begroting voor raadsleden", instruments=[instrument("budgetrecht")], audience_roles=[Role.RAADSLID])

    page.goto("/cursussen/")
    expect(page.locator("#result-count")).to_contain_text("3 cursussen gevonden")
    axe_check(page)

    page.locator("summary", has_text="Instrument").click()
    page.get_by_label("Budgetrecht (begroting)").check()
    page.get_by_label("Voor wie").select_option("statenlid")
    page.get_by_role("button", name="Toon cursussen").click()
    expect(page).to_have_url(re.compile(r"instrument=budgetrecht.*rol=statenlid"))
    expect(page.locator("#result-count")).to_have_text(re.compile(r"1 cursus gevonden"))
    expect(page).to_have_title(re.compile(r"\(1 cursus\)"))
    axe_check(page)

    page.get_by_role("link", name="Statenlid en de begroting").click()
    expect(page.locator("h1")).to_have_text("Statenlid en de begroting")
    expect(page.get_by_text("€\u00a045,00").first).to_be_visible()
    expect(page.get_by_text("8 plaatsen vrij")).to_be_visible()
    axe_check(page)

    expect(page.get_by_role("link", name="Voor deelnemers")).to_have_count(0)  # for members only
    page.get_by_role("link", name="De provinciale cyclus").click()
    expect(page.locator("h1")).to_have_text("De provinciale cyclus")
    axe_check(page)


def test_catalogue_search_works_by_keyboard_at_320_pixels(page, axe_check):
    approved_course(title="Integriteit in de raad", summary="Dilemma's over nevenfuncties.", instruments=[instrument("integriteit")])
    approved_course(title="Raadsvragen")
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/cursussen/")
    page.get_by_label("Zoeken", exact=True).fill("nevenfuncties")
    page.keyboard.press("Enter")
    expect(page.locator("#result-count")).to_contain_text("1 cursus gevonden")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe_check(page)


def test_editor_writes_and_submits_redactie_approves_and_it_is_listed(page, live_server, axe_check):
    provider = ProviderFactory(name="Vereniging Raadswerk")
    editor = make_editor(provider)
    redactie = make_redactie()
    folder = ProviderFolderPage.objects.get(provider=provider)

    # The provider editor writes a course in the Wagtail admin, in their provider's folder, and submits it.
    login(page, live_server, editor)
    page.goto(f"/admin/pages/add/courses/coursepage/{folder.pk}/")
    page.locator("#id_title").fill("Rekenkamer voor beginners")
    page.locator("#id_summary").fill("Wat doet de rekenkamer en hoe gebruikt u haar rapporten?")
    page.get_by_label("Rekenkamer", exact=True).check()
    page.get_by_label("Raadslid", exact=True).check()
    page.locator("#id_study_load_hours").fill("1.5")
    page.locator("#id_price").fill("0")
    page.locator("#id_learning_outcomes").fill("U leest een rekenkamerrapport.")
    submit_for_review(page)
    course = CoursePage.objects.get(title="Rekenkamer voor beginners")
    assert course.provider == provider and not course.live and course.workflow_in_progress

    # ... and a module below it.
    page.goto(f"/admin/pages/add/courses/modulepage/{course.pk}/")
    page.locator("#id_title").fill("Wat doet de rekenkamer?")
    page.locator("#id_intro").fill("Doelmatig, doeltreffend en rechtmatig.")
    page.locator("#id_estimated_minutes").fill("25")
    add_text_lesson(page, "Onafhankelijk onderzoek", "De rekenkamer kiest zelf haar onderwerpen.")
    submit_for_review(page)
    module = ModulePage.objects.get(title="Wat doet de rekenkamer?")
    assert module.workflow_in_progress and not module.live

    # Not public yet.
    page.context.clear_cookies()
    page.goto("/cursussen/")
    expect(page.get_by_role("link", name="Rekenkamer voor beginners")).to_have_count(0)

    # The redactie approves both in the admin.
    login(page, live_server, redactie)
    for pk in (course.pk, module.pk):
        page.goto(f"/admin/pages/{pk}/edit/")
        approve(page)
    course.refresh_from_db()
    assert course.live and course.review_status == "approved" and course.approved_by == redactie
    assert ModulePage.objects.get(pk=module.pk).live

    # The member finds it in the catalogue and reads the module.
    page.context.clear_cookies()
    page.goto("/cursussen/?instrument=rekenkamer")
    link = page.get_by_role("link", name="Rekenkamer voor beginners")
    expect(link).to_be_visible()
    axe_check(page)
    link.click()
    expect(page.locator("h1")).to_have_text("Rekenkamer voor beginners")
    axe_check(page)
    page.get_by_role("link", name="Wat doet de rekenkamer?").click()
    expect(page.get_by_text("De rekenkamer kiest zelf haar onderwerpen.")).to_be_visible()
    axe_check(page)


def submit_for_review(page):
    """Open the save menu of the Wagtail editor and choose 'submit for review'
    (after the editor's own autosave has settled)."""
    page.wait_for_timeout(1500)
    expect(page.locator("text=Bezig met opslaan >> visible=true")).to_have_count(0, timeout=15_000)
    page.locator("footer button.w-dropdown__toggle").click()
    page.locator("button[name='action-submit']").click()
    page.wait_for_load_state()
    errors = [e.inner_text() for e in page.locator(".w-field__errors, .error-message").all() if e.inner_text().strip()]
    if errors:
        page.screenshot(path="/tmp/ghA/e2e_err.png", full_page=True)
    assert not errors, errors
    try:
        expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"), timeout=15_000)
    except AssertionError:
        page.screenshot(path="/tmp/ghA/e2e_fail.png", full_page=True)
        raise


def add_text_lesson(page, title, text):
    # The module's stream has one block type (a lesson), so "+" inserts it directly.
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_label("titel van de les").fill(title)
    page.locator("button.c-sf-add-button").nth(1).click()
    page.get_by_role("option", name="tekst").click()
    editor = page.locator(".Draftail-Editor [contenteditable=true]").last
    editor.click()
    page.keyboard.type(text, delay=10)
    expect(editor).to_contain_text(text)


def approve(page):
    page.locator("footer button.w-dropdown__toggle").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Goedkeuren en publiceren").click()
    expect(page.locator(".messages")).to_be_visible()
