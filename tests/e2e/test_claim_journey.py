"""Browser journey: a raadslid with a completed paid course submits the claim Glashelder prepared,
the griffie (password and TOTP) approves it and exports the month. Axe on every page visited.

The completed, paid enrolment is made with the ORM and announced with an `enrolment_completed`
event in the reaction outbox, exactly as the enrolment app does when the last module is done.
"""

import csv
import io
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from enrolment.models import OutboxEventKind
from reimbursement.models import Claim, ClaimStatus
from tests.enrolment.outbox import emit_committed
from tests.factories import PASSWORD, OfficeFactory, UserFactory, griffie_user
from tests.reimbursement.factories import completed_enrolment, make_policy, paid_course
from tests.site.totp import totp

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, email, code_secret=None):
    page.goto("/account/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    if code_secret:
        page.wait_for_url(re.compile(r"/account/2fa/authenticate/"))
        page.locator("input[name=code]").fill(totp(code_secret))
        page.locator("input[name=code]").press("Enter")
    page.wait_for_url(re.compile(r"/mijn/"))


def test_member_submits_griffie_approves_and_exports(page, browser, live_server, axe_check):
    make_policy(budget="2000.00")
    member = UserFactory(email="raadslid.e2e@example.org", first_name="Sanne", last_name="de Vries")
    office = OfficeFactory(person=member)
    course = paid_course("95.00", title="Grip op de begroting")
    enrolment = completed_enrolment(office=office, course=course)
    emit_committed(OutboxEventKind.ENROLMENT_COMPLETED, enrolment=enrolment)
    claim = Claim.objects.get(enrolment=enrolment)
    assert claim.status == ClaimStatus.DRAFT

    # The member: from the dashboard to the prepared claim, tick the statement, submit.
    log_in(page, member.email)
    page.goto("/mijn/declaraties/")
    expect(page.locator("h1")).to_have_text("Mijn declaraties")
    axe_check(page)
    page.get_by_role("link", name=claim.number).click()
    expect(page.locator("h1")).to_have_text(f"Declaratie {claim.number}")
    expect(page.locator("main")).to_contain_text("€ 95,00")
    axe_check(page)
    page.get_by_label("Ik verklaar dat deze scholing niet partijpolitiek was").check()
    page.get_by_role("button", name="Indienen bij de griffie").click()
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("ingediend")
    axe_check(page)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED

    # The griffie, in a browser of its own, with password and second factor.
    griffie = griffie_user(email="griffie.e2e@example.org", first_name="Marieke", last_name="Jansen")
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    griffie_page = context.new_page()
    errors = []
    griffie_page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    log_in(griffie_page, griffie.email, code_secret="GLASHELDERDEMOAB")
    griffie_page.goto("/griffie/")
    expect(griffie_page).to_have_url(re.compile(r"/griffie/GM0344/$"))
    expect(griffie_page.locator("h1")).to_have_text("Declaraties")
    expect(griffie_page.locator("main")).to_contain_text(claim.number)
    axe_check(griffie_page)
    # Progressive enhancement: one checkbox selects every submitted claim on the page.
    griffie_page.get_by_label("Alle ingediende declaraties op deze pagina selecteren").check()
    expect(griffie_page.locator(f"#select-{claim.number}")).to_be_checked()
    griffie_page.get_by_label("Alle ingediende declaraties op deze pagina selecteren").uncheck()
    expect(griffie_page.locator(f"#select-{claim.number}")).not_to_be_checked()
    griffie_page.get_by_role("link", name=claim.number).click()
    expect(griffie_page.locator("main")).to_contain_text("art. 3.3.3")
    expect(griffie_page.locator("main")).to_contain_text("Grondslag niet gecontroleerd")
    axe_check(griffie_page)
    griffie_page.get_by_label("Goedkeuren (geheel of gedeeltelijk)").check()
    griffie_page.get_by_role("button", name="Beslissing vastleggen").click()
    expect(griffie_page.locator(".utrecht-alert--ok")).to_contain_text("goedgekeurd")
    axe_check(griffie_page)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert any(member.email in m.to and claim.number in m.subject for m in mail.outbox)

    # Export the month for the salary administration.
    griffie_page.get_by_role("navigation", name="Griffiemenu").get_by_role("link", name="Export", exact=True).click()
    expect(griffie_page.locator("h1")).to_have_text("Export voor de salarisadministratie")
    axe_check(griffie_page)
    griffie_page.get_by_role("button", name="Exporteren").click()
    expect(griffie_page.locator(".utrecht-alert--ok")).to_contain_text("1 declaratie(s) geëxporteerd")
    axe_check(griffie_page)
    with griffie_page.expect_download() as download_info:
        griffie_page.get_by_role("link", name=re.compile(r"^CSV")).click()
    content = open(download_info.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(content), delimiter=";"))
    assert [(r["claim_number"], r["amount"]) for r in rows] == [(claim.number, "95.00")]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.EXPORTED

    # The budget overview shows the spend, with its chart.
    griffie_page.get_by_role("navigation", name="Griffiemenu").get_by_role("link", name="Budget", exact=True).click()
    expect(griffie_page.locator("main")).to_contain_text("€ 1.905,00")
    axe_check(griffie_page)
    assert errors == []  # no script or CSP errors in the workspace
    context.close()

    # Back at the member: the claim shows its decision.
    page.goto(f"/mijn/declaraties/{claim.number}/")
    expect(page.locator("main")).to_contain_text("Geëxporteerd")
    axe_check(page)
