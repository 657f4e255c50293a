"""The one griffie workspace: the authority is named in the path, never kept in the session; every
page of every app answers 404 for a code the user does not serve; one grouped menu marks the
current page; the member pages' old addresses redirect permanently."""

import datetime
import re

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail import hooks

from glashelder.kernel.choices import Role
from glashelder.offices.models import GriffieMember, Office, OfficeInvitation, OfficeStatus
from glashelder.offices.workspace import griffie_nav
from reimbursement import services
from tests.factories import OfficeFactory, UserFactory, amsterdam, griffie_user, utrecht
from tests.reimbursement.factories import make_policy, paid_course, submitted_claim

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 3, 26)
NAV = re.compile(r'<nav class="gh-griffie-nav" aria-label="Griffiemenu">(.*?)</nav>', re.S)


def griffie_of_both():
    griffie = griffie_user(utrecht())
    GriffieMember.objects.create(user=griffie, authority=amsterdam())
    return griffie


def nav_of(html):
    found = NAV.search(html)
    assert found, "no griffie menu on the page"
    return found.group(1)


def current_links(html):
    return re.findall(r'<a class="utrecht-link" href="([^"]+)" aria-current="page">', nav_of(html))


# --- two authorities, two tabs -----------------------------------------------------------------


def test_a_griffie_of_two_authorities_works_in_both_at_once(client):
    griffie = griffie_of_both()
    make_policy(utrecht())
    make_policy(amsterdam())
    in_utrecht = submitted_claim()
    in_amsterdam = submitted_claim(office=OfficeFactory(authority=amsterdam()))
    client.force_login(griffie)

    # Tab 1 opens Utrecht's queue, then tab 2 opens Amsterdam's: one session, two authorities.
    tab1 = client.get("/griffie/GM0344/").content.decode()
    tab2 = client.get("/griffie/GM0363/").content.decode()
    assert "Griffie van Gemeente Utrecht" in tab1 and in_utrecht.number in tab1 and in_amsterdam.number not in tab1
    assert "Griffie van Gemeente Amsterdam" in tab2 and in_amsterdam.number in tab2 and in_utrecht.number not in tab2

    # Back in tab 1, the form loaded before tab 2 was opened still acts on Utrecht only,
    # even with Amsterdam's claim number slipped in.
    response = client.post("/griffie/GM0344/declaraties/goedkeuren/", {"claims": [in_utrecht.number, in_amsterdam.number]})
    assert response["Location"] == "/griffie/GM0344/"
    in_utrecht.refresh_from_db()
    in_amsterdam.refresh_from_db()
    assert in_utrecht.status == "approved" and in_amsterdam.status == "submitted"
    assert "Griffie van Gemeente Utrecht" in client.get("/griffie/GM0344/budget/").content.decode()

    # Tab 2 decides Amsterdam's claim; Utrecht's pages are unchanged by it.
    response = client.post(f"/griffie/GM0363/declaraties/{in_amsterdam.number}/", {"decision": "approve"})
    assert response["Location"] == f"/griffie/GM0363/declaraties/{in_amsterdam.number}/"
    in_amsterdam.refresh_from_db()
    assert in_amsterdam.status == "approved"
    assert "Griffie van Gemeente Utrecht" in client.get("/griffie/GM0344/leden/").content.decode()
    assert "Griffie van Gemeente Amsterdam" in client.get("/griffie/GM0363/leden/").content.decode()

    # Nothing about the authority was kept in the session.
    assert not [key for key in client.session.keys() if "griffie" in key or "authority" in key]


def test_the_other_authorities_are_plain_links(client):
    client.force_login(griffie_of_both())
    html = client.get("/griffie/GM0344/leden/").content.decode()
    switcher = re.search(r'<nav class="gh-griffie-switch" aria-label="Andere overheid">(.*?)</nav>', html, re.S)
    assert switcher and '<a class="utrecht-link" href="/griffie/GM0363/">Gemeente Amsterdam</a>' in switcher.group(1)
    assert "<form" not in switcher.group(1) and "Gemeente Utrecht" not in switcher.group(1)
    # A griffie of one authority has nothing to switch to.
    client.force_login(griffie_user())
    assert "gh-griffie-switch" not in client.get("/griffie/GM0344/leden/").content.decode()


# --- a code the user does not serve: 404 on every page -----------------------------------------


def workspace_url_names():
    """Every named pattern of the project under /griffie/<cbs:code>/, whichever app serves it."""
    names = set()
    for entry in get_resolver("glashelder.urls").url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace:
            for pattern in entry.url_patterns:
                if getattr(pattern, "name", None) and str(pattern.pattern).startswith("griffie/<cbs:code>/"):
                    names.add(f"{entry.namespace}:{pattern.name}")
    return names


@pytest.fixture
def utrecht_objects():
    """One Utrecht object for every workspace page that is about one: the URL arguments per page."""
    griffie = griffie_user(utrecht())
    make_policy(utrecht(), prior_approval_required=True)
    claim = submitted_claim()
    exported = services.claim_approve(claim=submitted_claim(), actor=griffie)
    today = timezone.localdate()
    export = services.claims_export(authority=utrecht(), actor=griffie, period_start=today, period_end=today)
    assert exported.pk in export.claims.values_list("pk", flat=True)
    office = Office.objects.create(
        person=UserFactory(), authority=utrecht(), role=Role.RAADSLID, start_date=START, status=OfficeStatus.REQUESTED
    )
    invitation = OfficeInvitation.objects.create(
        authority=utrecht(), name="Nieuw Lid", email="nieuw@example.org", role=Role.RAADSLID, start_date=START, invited_by=griffie
    )
    colleague = GriffieMember.objects.create(user=UserFactory(), authority=utrecht())
    member_office = OfficeFactory()
    reservation = services.prior_approval_request(member=member_office.person, office=member_office, course=paid_course("150.00"))
    by_pk = {"pk": office.pk}
    arguments = {
        "offices:griffie_members": {},
        "offices:griffie_requests": {},
        "offices:griffie_office_verify": by_pk,
        "offices:griffie_office_decline": by_pk,
        "offices:griffie_office_end": by_pk,
        "offices:griffie_invite": {},
        "offices:griffie_invite_csv": {},
        "offices:griffie_invitations": {},
        "offices:griffie_invitation_resend": {"pk": invitation.pk},
        "offices:griffie_invitation_withdraw": {"pk": invitation.pk},
        "offices:griffie_team": {},
        "offices:griffie_team_revoke": {"pk": colleague.pk},
        "reimbursement:griffie_home": {},
        "reimbursement:griffie_bulk_approve": {},
        "reimbursement:griffie_claim": {"number": claim.number},
        "reimbursement:griffie_claim_pdf": {"number": claim.number},
        "reimbursement:griffie_claim_invoice": {"number": claim.number},
        "reimbursement:griffie_reservations": {},
        "reimbursement:griffie_reservation": {"number": reservation.number},
        "reimbursement:griffie_policies": {},
        "reimbursement:griffie_policy": {"year": today.year},
        "reimbursement:griffie_budget": {},
        "reimbursement:griffie_exports": {},
        "reimbursement:griffie_export_download": {"pk": export.pk, "fmt": "csv"},
    }
    return griffie, arguments


def test_a_code_the_user_does_not_serve_is_404_on_every_page(client, utrecht_objects):
    griffie, arguments = utrecht_objects
    names = workspace_url_names()
    assert len(names) >= 20, names  # the walk finds the pages of both apps
    assert names == set(arguments), "give every workspace page its arguments here: " + ", ".join(sorted(names ^ set(arguments)))
    paths = {name: reverse(name, kwargs={"code": "GM0344", **kwargs}) for name, kwargs in arguments.items()}
    amsterdam_only = griffie_user(amsterdam())
    data = {"decision": "approve", "claims": [arguments["reimbursement:griffie_claim"]["number"]], "reason": "x"}
    for user in (amsterdam_only, UserFactory()):
        client.force_login(user)
        for name, path in paths.items():
            # A page that only takes a POST answers a GET with 405, whatever the code.
            assert client.get(path).status_code in (404, 405), (user, name, path)
            assert client.post(path, data).status_code == 404, (user, name, path)
    # The same pages under Amsterdam's code: Utrecht's objects are not found there either.
    client.force_login(amsterdam_only)
    for name, kwargs in arguments.items():
        if {"pk", "number"} & set(kwargs):
            path = reverse(name, kwargs={"code": "GM0363", **kwargs})
            assert client.get(path).status_code in (404, 405), name
            assert client.post(path, data).status_code == 404, name
    # Nothing was changed by all those requests; and Utrecht's own griffie does reach the pages.
    assert Office.objects.filter(status=OfficeStatus.REQUESTED, authority=utrecht()).count() == 1
    assert OfficeInvitation.objects.count() == 1 and GriffieMember.objects.filter(authority=utrecht()).count() == 2
    client.force_login(griffie)
    for name, path in paths.items():
        if name != "reimbursement:griffie_claim_invoice":  # this claim has no invoice to serve
            assert client.get(path).status_code != 404, (name, path)


def test_an_unknown_code_is_404(client):
    client.force_login(griffie_user())
    for path in ("/griffie/GM9999/", "/griffie/GM9999/leden/", "/griffie/XX0344/budget/", "/griffie/gm0344/"):
        assert client.get(path).status_code == 404, path


# --- one grouped menu ----------------------------------------------------------------------------


def test_the_menu_has_three_groups_in_order_and_marks_the_current_page(client):
    make_policy(utrecht())
    claim = submitted_claim()
    client.force_login(griffie_user())
    html = client.get("/griffie/GM0344/leden/aanvragen/").content.decode()
    nav = nav_of(html)
    assert re.findall(r'class="gh-griffie-nav__heading" id="([^"]+)">([^<]+)<', nav) == [
        ("griffie-nav-1", "Leden"), ("griffie-nav-2", "Declaraties"), ("griffie-nav-3", "Budget en regeling"),
    ]
    for number in (1, 2, 3):
        assert f'<ul class="gh-griffie-nav__list" aria-labelledby="griffie-nav-{number}">' in nav
    assert current_links(html) == ["/griffie/GM0344/leden/aanvragen/"]
    # Every page marks exactly one entry: its own, or the list it belongs to.
    for path, current in [
        ("/griffie/GM0344/", "/griffie/GM0344/"),
        (f"/griffie/GM0344/declaraties/{claim.number}/", "/griffie/GM0344/"),
        ("/griffie/GM0344/toestemming/", "/griffie/GM0344/toestemming/"),
        ("/griffie/GM0344/budget/", "/griffie/GM0344/budget/"),
        (f"/griffie/GM0344/regeling/{timezone.localdate().year}/", "/griffie/GM0344/regeling/"),
        ("/griffie/GM0344/export/", "/griffie/GM0344/export/"),
        ("/griffie/GM0344/leden/", "/griffie/GM0344/leden/"),
        ("/griffie/GM0344/leden/uitnodigen/csv/", "/griffie/GM0344/leden/uitnodigen/"),
        ("/griffie/GM0344/leden/griffie/", "/griffie/GM0344/leden/griffie/"),
    ]:
        page = client.get(path).content.decode()
        assert current_links(page) == [current], path
        assert page.count('aria-label="Griffiemenu"') == 1 and page.count("<h1") == 1, path


def test_the_menu_is_built_from_the_hook_of_each_app():
    request = type("Request", (), {"path": "/griffie/GM0344/budget/", "user": griffie_user()})()
    groups = griffie_nav(request, utrecht())
    assert [group["label"] for group in groups] == ["Leden", "Declaraties", "Budget en regeling"]
    assert [item["label"] for item in groups[2]["items"]] == ["Budget", "Scholingsregeling", "Export"]
    assert [item["url"] for group in groups for item in group["items"] if item["current"]] == ["/griffie/GM0344/budget/"]
    entries = [entry for fn in hooks.get_hooks("glashelder_griffie_nav") for entry in fn(request, utrecht())]
    assert all(len(entry) == 3 for entry in entries)


# --- old addresses of the member pages ----------------------------------------------------------


def test_old_member_addresses_redirect_permanently(client):
    client.force_login(griffie_user())
    response = client.get("/griffie/leden/GM0344/aanvragen/?pagina=2")
    assert response.status_code == 301 and response["Location"] == "/griffie/GM0344/leden/aanvragen/?pagina=2"
    response = client.get("/griffie/leden/GM0344/")
    assert response.status_code == 301 and response["Location"] == "/griffie/GM0344/leden/"
    response = client.get("/griffie/leden/")
    assert response.status_code == 301 and response["Location"] == "/griffie/"


def test_a_form_posted_to_an_old_member_address_still_works(client):
    client.force_login(griffie_user())
    office = Office.objects.create(
        person=UserFactory(), authority=utrecht(), role=Role.RAADSLID, start_date=START, status=OfficeStatus.REQUESTED
    )
    response = client.post(f"/griffie/leden/GM0344/ambten/{office.pk}/bevestigen/")
    assert response.status_code == 308
    assert response["Location"] == f"/griffie/GM0344/leden/ambten/{office.pk}/bevestigen/"
    office.refresh_from_db()
    assert office.status == OfficeStatus.REQUESTED  # the redirect itself changes nothing
    response = client.post(f"/griffie/leden/GM0344/ambten/{office.pk}/bevestigen/", follow=True)
    assert response.redirect_chain[-1][0] == "/griffie/GM0344/leden/aanvragen/"
    office.refresh_from_db()
    assert office.status == OfficeStatus.VERIFIED


def test_an_old_member_address_of_another_authority_ends_in_404(client):
    client.force_login(griffie_user(amsterdam()))
    response = client.get("/griffie/leden/GM0344/", follow=True)
    assert response.status_code == 404
