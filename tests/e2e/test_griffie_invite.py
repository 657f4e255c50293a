"""Browser journey: the griffie invites a member, who signs up from the e-mail, confirms the
address, accepts, and sees the verified office. Axe on every page of the journey."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from glashelder.offices.models import Office, OfficeInvitation
from tests.factories import PASSWORD, griffie_user
from tests.site.totp import totp

pytestmark = pytest.mark.django_db(transaction=True)

TOTP_SECRET = "GLASHELDERDEMOAB"


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def link_in(message, pattern):
    found = re.search(pattern, message.body)
    assert found, message.body
    return path_of(found.group(0))


def submit(page):
    page.locator("main form").last.locator("button[type=submit]").last.click()


def test_griffie_invites_a_member_who_signs_up_and_accepts(page, browser, live_server, axe_check):
    griffie = griffie_user(email="griffie.e2e@example.org", first_name="Marieke", last_name="Jansen")

    # The griffie logs in with password and second factor.
    page.goto("/account/login/")
    page.locator("input[name=login]").fill(griffie.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"/account/2fa/authenticate/"))
    page.locator("input[name=code]").fill(totp(TOTP_SECRET))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url(re.compile(r"/mijn/"))

    # The workspace opens on the only authority's overview; the grouped menu leads to the members.
    page.goto("/griffie/")
    expect(page).to_have_url(re.compile(r"/griffie/GM0344/$"))
    menu = page.get_by_role("navigation", name="Griffiemenu")
    expect(menu.get_by_role("link", name="Alle declaraties")).to_have_attribute("aria-current", "page")
    menu.get_by_role("link", name="Alle leden").click()
    expect(page).to_have_url(re.compile(r"/griffie/GM0344/leden/$"))
    expect(page.locator("h1")).to_have_text("Leden")
    expect(menu.get_by_role("link", name="Alle leden")).to_have_attribute("aria-current", "page")
    axe_check(page)

    menu.get_by_role("link", name="Uitnodigen").click()
    expect(page.locator("h1")).to_have_text("Lid uitnodigen")
    axe_check(page)
    page.get_by_label("Naam").fill("Jan de Boer")
    page.get_by_label("E-mailadres").fill("jan.deboer@example.org")
    page.get_by_label("Ambt").select_option("raadslid")
    page.get_by_label("Ingangsdatum").fill("2026-03-26")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page).to_have_url(re.compile(r"/griffie/GM0344/leden/uitnodigingen/$"))
    expect(page.locator("main")).to_contain_text("Jan de Boer")
    axe_check(page)

    invitation = OfficeInvitation.objects.get(email="jan.deboer@example.org")
    invitation_mail = next(m for m in mail.outbox if m.to == ["jan.deboer@example.org"])
    accept_path = link_in(invitation_mail, r"https?://\S+/uitnodiging/[\w-]+/")
    assert accept_path == f"/uitnodiging/{invitation.token}/"

    # The invited person, in a browser of their own, opens the link from the e-mail.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    member = context.new_page()
    member.goto(accept_path)
    expect(member.locator("h1")).to_contain_text("Uitnodiging van de griffie van Gemeente Utrecht")
    axe_check(member)
    member.locator("main").get_by_role("link", name="Account aanmaken").click()
    expect(member).to_have_url(re.compile(r"/account/signup/\?next="))
    member.locator("input[name=email]").fill("jan.deboer@example.org")
    for field, value in (("first_name", "Jan"), ("last_name", "de Boer")):
        if member.locator(f"input[name={field}]").count():
            member.locator(f"input[name={field}]").fill(value)
    member.locator("input[name=password1]").fill("een-lang-wachtwoord-2026")
    member.locator("input[name=password2]").fill("een-lang-wachtwoord-2026")
    member.locator("input[name=password2]").press("Enter")
    member.wait_for_url(re.compile(r"/account/confirm-email/"))

    # E-mail verification is mandatory: open the confirmation link from the captured mail.
    confirmation = next(m for m in reversed(mail.outbox) if m.to == ["jan.deboer@example.org"] and m is not invitation_mail)
    member.goto(link_in(confirmation, r"https?://\S+/account/confirm-email/\S+/"))
    submit(member)
    # Confirming logs the new member in and brings them back to the invitation (the `next` of the sign-up).
    expect(member).to_have_url(re.compile(re.escape(accept_path) + "$"))
    expect(member.get_by_role("button", name="Uitnodiging accepteren")).to_be_visible()
    axe_check(member)
    member.get_by_role("button", name="Uitnodiging accepteren").click()

    expect(member).to_have_url(re.compile(r"/mijn/ambten/$"))
    expect(member.locator("main")).to_contain_text("Raadslid")
    expect(member.locator("main")).to_contain_text("Gemeente Utrecht")
    expect(member.locator("main")).to_contain_text("Bevestigd door de griffie")
    axe_check(member)
    office = Office.objects.get(person__email="jan.deboer@example.org")
    assert office.is_verified and office.verified_by_id == griffie.pk

    # The griffie sees the new member in the list; the invitation is no longer open.
    page.goto("/griffie/GM0344/leden/")
    expect(page.locator("main")).to_contain_text("jan.deboer@example.org")
    page.goto("/griffie/GM0344/leden/uitnodigingen/")
    expect(page.locator("main")).to_contain_text("Er zijn geen openstaande uitnodigingen.")
    context.close()


def test_griffie_pages_at_320_pixels_and_a_request_confirmed(page, axe_check):
    from glashelder.kernel.choices import Role
    from glashelder.offices.models import OfficeStatus
    from tests.factories import UserFactory, utrecht

    griffie = griffie_user(email="griffie.smal@example.org")
    applicant = UserFactory(email="aanvrager@example.org", first_name="Yara", last_name="van Dijk")
    Office.objects.create(person=applicant, authority=utrecht(), role=Role.COMMISSIELID, start_date="2026-03-26", status=OfficeStatus.REQUESTED)

    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/account/login/")
    page.locator("input[name=login]").fill(griffie.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"/account/2fa/authenticate/"))
    page.locator("input[name=code]").fill(totp(TOTP_SECRET))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url(re.compile(r"/mijn/"))

    page.goto("/griffie/GM0344/leden/aanvragen/")
    expect(page.locator("h1")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe_check(page)
    page.get_by_role("button", name="Bevestigen – Yara van Dijk").click()
    expect(page.locator(".gh-messages")).to_contain_text("is bevestigd")
    assert Office.objects.get(person=applicant).is_verified
    for path in ("/griffie/GM0344/leden/", "/griffie/GM0344/leden/uitnodigen/csv/", "/griffie/GM0344/leden/griffie/", "/mijn/ambten/"):
        page.goto(path)
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)
    # The grouped griffie menu fits a phone and works by keyboard: Tab reaches its links in order.
    for path in ("/griffie/GM0344/", "/griffie/GM0344/budget/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        axe_check(page)
    menu = page.get_by_role("navigation", name="Griffiemenu")
    menu.get_by_role("link", name="Alle leden").focus()
    page.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Aanvragen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/griffie/GM0344/leden/aanvragen/$"))
    expect(page.get_by_role("navigation", name="Griffiemenu").get_by_role("link", name="Aanvragen")).to_have_attribute("aria-current", "page")
