"""Browser journey: a verified raadslid enrols in a paid course, pays through the
demo payment step, works through every module with a knowledge check (a wrong
answer shows the feedback, then the right one passes) and downloads the
certificate. axe-core checks every page on the way."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from courses.models import CompletionRule
from enrolment.models import Certificate, EnrolmentStatus
from tests.enrolment.builders import member, paid_course

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url}]
    )


def test_enrol_pay_study_and_download_certificate(page, live_server, axe_check, tmp_path):
    assert settings.DEMO_PAYMENTS
    person, office = member()
    course = paid_course(title="Begroting voor gevorderden", price="95.00", modules=2,
                         completion_rule=CompletionRule.MODULES_AND_CHECKS, pass_mark_percent=100)
    log_in(page, live_server, person)

    # The course page with the enrol box.
    page.goto(course.url)
    expect(page.locator("h1")).to_have_text("Begroting voor gevorderden")
    axe_check(page)
    page.get_by_role("button", name="Inschrijven en betalen").click()

    # The payment step, then the clearly marked demo payment.
    expect(page.locator("h1")).to_have_text("Betalen")
    expect(page.get_by_text("€\u00a095,00").first).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name=re.compile("Betaal")).click()
    expect(page.locator("h1")).to_have_text("Demobetaling – er wordt geen geld afgeschreven")
    axe_check(page)
    page.get_by_role("button", name="Demobetaling uitvoeren").click()

    # The course overview with the progress bar.
    expect(page.get_by_text("Demobetaling geslaagd")).to_be_visible()
    expect(page.locator("progress#progress-course")).to_have_attribute("value", "0")
    axe_check(page)
    page.get_by_role("link", name=re.compile("Beginnen")).click()

    for number in (1, 2):
        expect(page.locator("h1")).to_have_text(f"Module {number}")
        axe_check(page)
        # A wrong answer shows the question's feedback.
        page.get_by_label("Het college").check()
        page.get_by_label("Een verzoek").check()
        page.get_by_role("button", name="Antwoorden controleren").click()
        expect(page.locator("#check-result")).to_contain_text("Uw score: 0%")
        expect(page.locator("#check-result")).to_contain_text("De raad stelt de begroting vast (budgetrecht).")
        axe_check(page)
        # Not passed yet: the module cannot be finished.
        page.get_by_role("button", name="Module afgerond").click()
        expect(page.get_by_text("Haal eerst de kennischeck met minimaal 100% goede antwoorden.")).to_be_visible()
        # The right answers pass.
        page.get_by_label("De raad").check()
        page.get_by_label("Een wijzigingsvoorstel").check()
        page.get_by_role("button", name="Antwoorden controleren").click()
        expect(page.locator("#check-result")).to_contain_text("Uw score: 100%")
        page.get_by_role("button", name="Module afgerond").click()

    # Completed: the certificate can be downloaded.
    expect(page.get_by_text("Gefeliciteerd, u heeft de cursus afgerond!")).to_be_visible()
    expect(page.locator("progress#progress-course")).to_have_attribute("value", "2")
    axe_check(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Certificaat downloaden (PDF)").click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    certificate = Certificate.objects.get(enrolment__person=person)
    assert download.suggested_filename == f"certificaat-{certificate.code}.pdf"
    assert target.read_bytes().startswith(b"%PDF")
    assert certificate.enrolment.status == EnrolmentStatus.COMPLETED

    # The public verification page, and the dashboard.
    page.get_by_role("link", name="Openbare controlepagina").click()
    expect(page.locator("h1")).to_have_text("Certificaat controleren")
    expect(page.get_by_text(certificate.code).first).to_be_visible()
    axe_check(page)
    page.goto("/mijn/")
    expect(page.get_by_role("link", name="Begroting voor gevorderden", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Download (PDF) Begroting voor gevorderden")).to_be_visible()
    axe_check(page)
