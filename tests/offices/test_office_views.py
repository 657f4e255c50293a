"""Office pages, invitation page, griffie member pages, hooks, personal data and demo."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail import hooks

from glashelder.kernel.choices import Role
from glashelder.offices import services as offices
from glashelder.offices.models import GriffieMember, Office, OfficeInvitation, OfficeStatus
from tests.factories import OfficeFactory, UserFactory, amsterdam, griffie_user, provincie_utrecht, utrecht

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 3, 26)


def requested(person=None, authority=None, role=Role.RAADSLID):
    return Office.objects.create(
        person=person or UserFactory(), authority=authority or utrecht(), role=role, start_date=START, status=OfficeStatus.REQUESTED
    )


def invitation(email="nieuw@example.org", by=None, authority=None):
    return OfficeInvitation.objects.create(
        authority=authority or utrecht(), name="Nieuw Lid", email=email, role=Role.RAADSLID, start_date=START, invited_by=by
    )


# --- /mijn/ambten/ ---------------------------------------------------------------------------


def test_office_list_needs_login(client):
    response = client.get("/mijn/ambten/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_office_list_shows_only_own_offices_with_status(client):
    office = OfficeFactory()
    requested(person=office.person, authority=provincie_utrecht(), role=Role.STATENLID)
    OfficeFactory(authority=amsterdam())  # someone else's
    client.force_login(office.person)
    response = client.get("/mijn/ambten/")
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert "Gemeente Utrecht" in content and "Bevestigd door de griffie" in content
    assert "Provincie Utrecht" in content and "Wacht op bevestiging door de griffie" in content
    assert "Gemeente Amsterdam</td>" not in content
    # The request form offers every authority, grouped.
    assert 'optgroup label="Provincies"' in content
    assert content.count("<option") > 350


def test_asking_for_an_office_through_the_page(client, django_capture_on_commit_callbacks):
    griffie_user()
    person = UserFactory()
    client.force_login(person)
    data = {"authority": utrecht().pk, "role": Role.RAADSLID, "start_date": "2026-03-26"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/mijn/ambten/", data)
    assert response.status_code == 302
    office = Office.objects.get(person=person)
    assert (office.status, office.authority, office.role) == (OfficeStatus.REQUESTED, utrecht(), Role.RAADSLID)
    assert len(mail.outbox) == 1

    response = client.post("/mijn/ambten/", {**data, "role": Role.STATENLID})
    assert response.status_code == 200
    assert "Het ambt statenlid bestaat niet bij een gemeente." in response.content.decode()
    response = client.post("/mijn/ambten/", {"authority": "", "role": "", "start_date": ""})
    assert "Dit is een verplicht veld." in response.content.decode()
    assert Office.objects.filter(person=person).count() == 1


def test_withdrawing_a_pending_request_through_the_page(client):
    person = UserFactory()
    pending = requested(person=person)
    verified = OfficeFactory(person=person, authority=amsterdam())
    client.force_login(person)
    page = client.get("/mijn/ambten/").content.decode()
    assert f"/mijn/ambten/{pending.pk}/intrekken/" in page
    assert f"/mijn/ambten/{verified.pk}/intrekken/" not in page
    assert client.post(f"/mijn/ambten/{verified.pk}/intrekken/").status_code == 404
    response = client.post(f"/mijn/ambten/{pending.pk}/intrekken/")
    assert response["Location"] == "/mijn/ambten/"
    assert list(Office.objects.filter(person=person)) == [verified]


# --- /uitnodiging/<token>/ -------------------------------------------------------------------


def test_invitation_page_for_anonymous_links_to_signup_and_login_with_next(client):
    inv = invitation(by=griffie_user())
    response = client.get(f"/uitnodiging/{inv.token}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert f"/account/signup/?next=/uitnodiging/{inv.token}/" in content
    assert f"/account/login/?next=/uitnodiging/{inv.token}/" in content
    response = client.post(f"/uitnodiging/{inv.token}/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    assert client.get("/uitnodiging/bestaat-niet/").status_code == 404


def test_invitation_accept_through_the_page(client):
    griffie = griffie_user()
    inv = invitation(by=griffie)
    member = UserFactory(email="nieuw@example.org")
    client.force_login(member)
    assert "Uitnodiging accepteren" in client.get(f"/uitnodiging/{inv.token}/").content.decode()
    response = client.post(f"/uitnodiging/{inv.token}/")
    assert response.status_code == 302 and response["Location"] == "/mijn/ambten/"
    office = Office.objects.get(person=member)
    assert office.is_verified and office.verified_by == griffie
    # Used once: the page says so, and a second POST changes nothing.
    response = client.post(f"/uitnodiging/{inv.token}/")
    assert "Deze uitnodiging is al gebruikt." in response.content.decode()
    assert Office.objects.filter(person=member).count() == 1


def test_invitation_accept_with_the_wrong_account_is_refused_on_the_page(client):
    inv = invitation(by=griffie_user())
    client.force_login(UserFactory(email="iemand@example.org"))
    page = client.get(f"/uitnodiging/{inv.token}/").content.decode()
    assert "Uitnodiging accepteren" not in page
    assert "Deze uitnodiging is voor een ander e-mailadres" in page
    response = client.post(f"/uitnodiging/{inv.token}/")
    assert response.status_code == 200
    assert "ander e-mailadres dan dat van uw account" in response.content.decode()
    assert not Office.objects.exists()


# --- griffie pages ---------------------------------------------------------------------------


def test_griffie_without_second_factor_is_sent_to_set_one_up(client):
    client.force_login(griffie_user(mfa=False))
    response = client.get("/griffie/GM0344/leden/")
    assert response.status_code == 302
    assert "/account/2fa/" in response["Location"]


def test_griffie_start_goes_to_the_only_authority_or_lets_choose(client):
    griffie = griffie_user()
    client.force_login(griffie)
    response = client.get("/griffie/")
    assert response.status_code == 302 and response["Location"] == "/griffie/GM0344/"
    GriffieMember.objects.create(user=griffie, authority=amsterdam())
    page = client.get("/griffie/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'href="/griffie/GM0363/"' in html and 'href="/griffie/GM0344/"' in html
    # The authority is in the path; nothing about it is kept in the session.
    assert client.get("/griffie/GM0363/leden/").status_code == 200
    assert not [key for key in client.session.keys() if "griffie" in key]


def test_griffie_start_is_404_without_a_griffie_role(client):
    client.force_login(UserFactory())
    assert client.get("/griffie/").status_code == 404


def test_members_list_filters_and_scopes(client):
    griffie = griffie_user()
    verified = OfficeFactory(person=UserFactory(last_name="Aalbers"), role=Role.WETHOUDER)
    pending = requested(UserFactory(last_name="Brouwer"))
    other = OfficeFactory(person=UserFactory(last_name="Claassen"), authority=amsterdam())
    client.force_login(griffie)
    content = client.get("/griffie/GM0344/leden/").content.decode()
    assert verified.person.email in content and pending.person.email in content
    assert other.person.email not in content
    content = client.get("/griffie/GM0344/leden/?status=requested").content.decode()
    assert pending.person.email in content and verified.person.email not in content
    content = client.get("/griffie/GM0344/leden/?role=wethouder").content.decode()
    assert verified.person.email in content and pending.person.email not in content
    # The griffie menu from the hook, with the current page marked.
    assert 'href="/griffie/GM0344/leden/" aria-current="page"' in content


def test_amsterdam_griffie_gets_404_on_utrecht_objects(client):
    office = requested()
    verified = OfficeFactory()
    inv = invitation(by=griffie_user())
    colleague = GriffieMember.objects.get(authority=utrecht())
    client.force_login(griffie_user(amsterdam()))
    for path in [
        "/griffie/GM0344/leden/",
        "/griffie/GM0344/leden/aanvragen/",
        "/griffie/GM0344/leden/uitnodigen/",
        "/griffie/GM0344/leden/uitnodigingen/",
        "/griffie/GM0344/leden/griffie/",
        f"/griffie/GM0344/leden/ambten/{verified.pk}/beeindigen/",
        # Utrecht objects through Amsterdam's own pages.
        f"/griffie/GM0363/leden/ambten/{office.pk}/afwijzen/",
        f"/griffie/GM0363/leden/ambten/{verified.pk}/beeindigen/",
    ]:
        assert client.get(path).status_code == 404, path
    for path in [
        f"/griffie/GM0363/leden/ambten/{office.pk}/bevestigen/",
        f"/griffie/GM0344/leden/ambten/{office.pk}/bevestigen/",
        f"/griffie/GM0363/leden/uitnodigingen/{inv.pk}/intrekken/",
        f"/griffie/GM0363/leden/uitnodigingen/{inv.pk}/opnieuw/",
        f"/griffie/GM0363/leden/griffie/{colleague.pk}/intrekken/",
    ]:
        assert client.post(path).status_code == 404, path
    office.refresh_from_db()
    assert office.status == OfficeStatus.REQUESTED
    assert OfficeInvitation.objects.filter(pk=inv.pk).exists()
    assert GriffieMember.objects.filter(pk=colleague.pk).exists()


def test_confirm_and_decline_through_the_pages(client, django_capture_on_commit_callbacks):
    griffie = griffie_user()
    to_verify, to_decline = requested(), requested()
    client.force_login(griffie)
    page = client.get("/griffie/GM0344/leden/aanvragen/").content.decode()
    assert to_verify.person.email in page and to_decline.person.email in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/griffie/GM0344/leden/ambten/{to_verify.pk}/bevestigen/")
    assert response["Location"] == "/griffie/GM0344/leden/aanvragen/"
    to_verify.refresh_from_db()
    assert to_verify.is_verified and to_verify.verified_by == griffie
    assert mail.outbox[-1].to == [to_verify.person.email]

    url = f"/griffie/GM0344/leden/ambten/{to_decline.pk}/afwijzen/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "Dit is een verplicht veld." in response.content.decode()
    to_decline.refresh_from_db()
    assert to_decline.status == OfficeStatus.REQUESTED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Geen lid van de raad."})
    assert response.status_code == 302
    to_decline.refresh_from_db()
    assert to_decline.status == OfficeStatus.DECLINED and to_decline.decline_reason == "Geen lid van de raad."
    assert "Geen lid van de raad." in mail.outbox[-1].body


def test_griffie_cannot_confirm_own_request_through_the_page(client):
    griffie = griffie_user()
    own = requested(person=griffie)
    client.force_login(griffie)
    page = client.get("/griffie/GM0344/leden/aanvragen/").content.decode()
    assert "Uw eigen aanvraag" in page
    response = client.post(f"/griffie/GM0344/leden/ambten/{own.pk}/bevestigen/", follow=True)
    assert "U kunt uw eigen ambt niet bevestigen" in response.content.decode()
    own.refresh_from_db()
    assert own.status == OfficeStatus.REQUESTED


def test_end_of_term_through_the_page(client):
    client.force_login(griffie_user())
    office = OfficeFactory()
    response = client.post(f"/griffie/GM0344/leden/ambten/{office.pk}/beeindigen/", {"end_date": "2026-01-01"})
    assert "De einddatum ligt vóór de ingangsdatum." in response.content.decode()
    response = client.post(f"/griffie/GM0344/leden/ambten/{office.pk}/beeindigen/", {"end_date": "2026-06-30"})
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.end_date == datetime.date(2026, 6, 30) and office.is_verified


def test_invite_resend_and_withdraw_through_the_pages(client, django_capture_on_commit_callbacks):
    griffie = griffie_user()
    client.force_login(griffie)
    data = {"name": "Jan de Boer", "email": "jan@example.org", "role": Role.RAADSLID, "start_date": "2026-03-26"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/griffie/GM0344/leden/uitnodigen/", data)
    assert response["Location"] == "/griffie/GM0344/leden/uitnodigingen/"
    inv = OfficeInvitation.objects.get()
    assert inv.invited_by == griffie
    assert mail.outbox[-1].to == ["jan@example.org"]
    # The role list only offers roles of a gemeente.
    form = client.get("/griffie/GM0344/leden/uitnodigen/").content.decode()
    assert 'value="wethouder"' in form and 'value="statenlid"' not in form
    assert "Jan de Boer" in client.get("/griffie/GM0344/leden/uitnodigingen/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/griffie/GM0344/leden/uitnodigingen/{inv.pk}/opnieuw/")
    assert len(mail.outbox) == 2 and inv.token in mail.outbox[-1].body
    client.post(f"/griffie/GM0344/leden/uitnodigingen/{inv.pk}/intrekken/")
    assert not OfficeInvitation.objects.exists()
    assert client.get(f"/uitnodiging/{inv.token}/").status_code == 404


def test_grant_and_revoke_griffie_role_through_the_pages(client):
    griffie = griffie_user()
    colleague = UserFactory(email="collega@example.org")
    client.force_login(griffie)
    response = client.post("/griffie/GM0344/leden/griffie/", {"email": "niemand@example.org"})
    assert "Er is geen account met dit e-mailadres." in response.content.decode()
    response = client.post("/griffie/GM0344/leden/griffie/", {"email": "COLLEGA@example.org"})
    assert response.status_code == 302
    member = GriffieMember.objects.get(user=colleague, authority=utrecht())
    assert member.granted_by == griffie
    assert colleague.email in client.get("/griffie/GM0344/leden/griffie/").content.decode()
    client.post(f"/griffie/GM0344/leden/griffie/{member.pk}/intrekken/")
    assert not GriffieMember.objects.filter(user=colleague).exists()


def _member_list_queries(client, count):
    for _ in range(count):
        OfficeFactory(verified_by=UserFactory())
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/griffie/GM0344/leden/")
    assert response.status_code == 200
    return len(queries)


def test_member_list_query_count_does_not_grow(client):
    griffie = griffie_user()
    client.force_login(griffie)
    client.get("/griffie/GM0344/leden/")  # warm up session and caches
    at_5 = _member_list_queries(client, 5)
    at_50 = _member_list_queries(client, 45)
    assert Office.objects.filter(authority=utrecht()).count() == 50
    assert at_5 == at_50


# --- hooks -----------------------------------------------------------------------------------


def _request(user):
    request = RequestFactory().get("/mijn/")
    request.user = user
    request.session = {}
    return request


def test_dashboard_panel_shows_offices_and_verification_status():
    office = OfficeFactory()
    requested(person=office.person, authority=provincie_utrecht(), role=Role.STATENLID)
    panels = [fn(_request(office.person)) for fn in hooks.get_hooks("glashelder_dashboard_panels")]
    panel = next(p for p in panels if p and p["template"] == "offices/_dashboard_panel.html")
    assert panel["order"] == 10
    html = render_to_string(panel["template"], panel["context"])
    assert "Raadslid, Gemeente Utrecht" in html and "Bevestigd door de griffie" in html
    assert "Statenlid, Provincie Utrecht" in html and "Wacht op bevestiging" in html
    assert 'href="/mijn/ambten/"' in html


def test_dashboard_panel_for_a_new_member_asks_for_an_office():
    user = UserFactory()
    from glashelder.offices.wagtail_hooks import offices_dashboard_panel

    panel = offices_dashboard_panel(_request(user))
    html = render_to_string(panel["template"], panel["context"])
    assert "U heeft nog geen ambt" in html


def test_griffie_nav_hook_gives_the_members_group_first():
    from glashelder.offices.workspace import griffie_nav

    request = _request(griffie_user())
    request.path = "/griffie/GM0344/leden/aanvragen/"
    groups = griffie_nav(request, utrecht())
    assert [group["label"] for group in groups][:1] == ["Leden"]
    urls = [item["url"] for item in groups[0]["items"]]
    assert urls[:3] == ["/griffie/GM0344/leden/", "/griffie/GM0344/leden/aanvragen/", "/griffie/GM0344/leden/uitnodigen/"]
    current = [item["url"] for group in groups for item in group["items"] if item["current"]]
    assert current == ["/griffie/GM0344/leden/aanvragen/"]


# --- personal data ---------------------------------------------------------------------------


def test_personal_data_export_contains_offices_invitations_and_griffie_role():
    from glashelder.offices.wagtail_hooks import export_offices

    griffie = griffie_user(email="griffie.lid@example.org")
    office = OfficeFactory(person=griffie, authority=amsterdam())
    invitation(email="GRIFFIE.lid@example.org", by=None, authority=provincie_utrecht())
    data = export_offices(griffie)
    section = data["ambten"]
    assert [o["cbs_code"] for o in section["ambten"]] == ["GM0363"]
    assert section["ambten"][0]["status"] == office.status
    assert section["uitnodigingen"][0]["email"] == "GRIFFIE.lid@example.org"
    assert section["griffie"][0]["cbs_code"] == "GM0344"
    import json

    json.dumps(data)  # plain JSON data


def test_personal_data_erase_closes_requests_removes_invitations_and_unneeded_offices():
    from glashelder.offices.wagtail_hooks import erase_offices

    person = UserFactory(email="weg@example.org")
    GriffieMember.objects.create(user=person, authority=amsterdam())
    kept_for_others = OfficeFactory()  # someone else's office stays
    OfficeFactory(person=person)
    open_request = requested(person=person, authority=provincie_utrecht(), role=Role.STATENLID)
    invitation(email="WEG@example.org", by=griffie_user())
    erase_offices(person)
    assert not Office.objects.filter(person=person).exists()
    assert not Office.objects.filter(pk=open_request.pk).exists()
    assert not OfficeInvitation.objects.exists()
    assert not GriffieMember.objects.filter(user=person).exists()
    assert Office.objects.filter(pk=kept_for_others.pk).exists()


def test_personal_data_erase_ends_the_griffie_role_with_one_audit_entry_without_the_address():
    from glashelder.models import AuditEvent
    from glashelder.offices.wagtail_hooks import erase_offices

    person = UserFactory(email="griffier.weg@example.org")
    GriffieMember.objects.create(user=person, authority=amsterdam())
    erase_offices(person)
    [revoked] = AuditEvent.objects.filter(action="role_revoked")
    assert revoked.target == f"user:{person.pk}"
    assert revoked.details["authority"] == "GM0363" and revoked.details["reason"] == "account_deleted"
    assert "griffier.weg@example.org" not in str(revoked.details)


def test_personal_data_erase_keeps_an_office_a_kept_record_needs():
    from enrolment.models import Enrolment
    from glashelder.offices.wagtail_hooks import erase_offices
    from tests.factories import make_course

    office = OfficeFactory()
    open_request = requested(person=office.person, authority=provincie_utrecht(), role=Role.STATENLID)
    Enrolment.objects.create(person=office.person, office=office, course=make_course())
    erase_offices(office.person)
    assert Office.objects.filter(pk=office.pk).exists()
    assert not Office.objects.filter(pk=open_request.pk).exists()


# --- demo ------------------------------------------------------------------------------------


def test_demo_offices_are_idempotent():
    from glashelder.demo import load_accounts
    from glashelder.offices import demo as demo_offices

    utrecht(), amsterdam()  # loads the reference data
    users = load_accounts()
    demo_offices.load(users)
    counts = (Office.objects.count(), OfficeInvitation.objects.count(), GriffieMember.objects.count())
    demo_offices.load(load_accounts())
    assert (Office.objects.count(), OfficeInvitation.objects.count(), GriffieMember.objects.count()) == counts
    assert Office.objects.get(person=users["deelnemer"]).is_verified
    assert Office.objects.get(person=users["statenlid"]).authority.cbs_code == "PV26"
    assert GriffieMember.objects.filter(user=users["griffie"], authority__cbs_code="GM0344").exists()
    assert GriffieMember.objects.filter(user=users["griffie_amsterdam"], authority__cbs_code="GM0363").exists()
    assert Office.objects.filter(authority__cbs_code="GM0344", status=OfficeStatus.REQUESTED).count() == 1
    assert offices.pending_invitations(utrecht()).count() == 1
    assert Office.objects.filter(authority__cbs_code="GM0363", status=OfficeStatus.VERIFIED).count() >= 3
