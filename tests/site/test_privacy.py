"""AVG: a participant downloads all their data and deletes their account; what
remains afterwards is exactly what the retention rule keeps."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from wagtail import hooks

from glashelder import privacy
from glashelder.kernel.audit import ANONYMOUS_ACTOR
from glashelder.models import AuditEvent
from reimbursement import services
from reimbursement.models import Claim, ClaimEvent, ClaimStatus
from tests.factories import PASSWORD, OfficeFactory, ProviderFactory, UserFactory, add_totp, griffie_user
from tests.reimbursement.factories import draft_claim, make_policy, submitted_claim

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def participant():
    user = UserFactory(email="sanne@example.org", first_name="Sanne", last_name="de Vries")
    OfficeFactory(person=user)
    add_totp(user)
    return user


def logged_in(user):
    client = Client()
    client.force_login(user)
    client.get("/mijn/gegevens/")  # records a user session
    return client


def test_json_download_contains_the_site_data_and_every_app_section(participant):
    client = logged_in(participant)
    with hooks.register_temporarily(privacy.EXPORT_HOOK, lambda user: {"testapp": {"aantal": 3, "van": user.email}}):
        response = client.get("/mijn/gegevens/?formaat=json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="glashelder-gegevens-')
    data = json.loads(response.content)
    site = data["glashelder"]
    assert site["account"]["e-mailadres"] == "sanne@example.org"
    assert site["account"]["voornaam"] == "Sanne"
    assert site["e-mailadressen"] == [{"e-mailadres": "sanne@example.org", "bevestigd": True, "primair": True}]
    assert [f["type"] for f in site["tweede_factoren"]] == ["totp"]
    assert len(site["sessies"]) >= 1
    assert data["testapp"] == {"aantal": 3, "van": "sanne@example.org"}
    # Secrets never leave: no TOTP secret or password hash in the export.
    text = response.content.decode()
    assert "GLASHELDERDEMOAB" not in text
    assert participant.password not in text


def test_readable_page_shows_the_same_data(participant):
    client = logged_in(participant)
    with hooks.register_temporarily(privacy.EXPORT_HOOK, lambda user: {"testapp": {"cursus": "Begroting"}}):
        response = client.get("/mijn/gegevens/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "sanne@example.org" in html and "de Vries" in html and "Begroting" in html
    assert 'href="?formaat=json"' in html


def test_only_ones_own_data_is_exported(participant):
    other = UserFactory(email="ander@example.org", first_name="Ander")
    data = json.loads(logged_in(other).get("/mijn/gegevens/?formaat=json").content)
    assert "sanne@example.org" not in json.dumps(data)


def test_wrong_password_deletes_nothing(participant):
    client = logged_in(participant)
    response = client.post("/mijn/account-verwijderen/", {"password": "niet-het-wachtwoord"})
    assert response.status_code == 200
    assert "Dit wachtwoord klopt niet." in response.content.decode()
    participant.refresh_from_db()
    assert participant.is_active and participant.email == "sanne@example.org"


def test_deletion_keeps_exactly_what_the_retention_rule_keeps(participant):
    provider = ProviderFactory()
    participant.groups.add(provider.editors_group)
    client = logged_in(participant)
    other_device = logged_in(participant)
    client.post("/account/login/", {"login": participant.email, "password": "fout-1234567"})  # a failed attempt by address
    AuditEvent.objects.create(action="login_failed", actor_label="sanne@example.org", details={"email": "sanne@example.org"})
    keep_other = UserFactory(email="blijft@example.org")
    erased = []
    with hooks.register_temporarily(privacy.ERASE_HOOK, lambda user: erased.append(user.email)):
        response = client.post("/mijn/account-verwijderen/", {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    # Every app's erase hook ran, while the user's data was still there.
    assert erased == ["sanne@example.org"]

    participant.refresh_from_db()
    assert participant.email == f"deleted-{participant.pk}@invalid"
    assert participant.first_name == "" and participant.last_name == ""
    assert not participant.is_active and not participant.has_usable_password()
    assert participant.last_login is None
    assert not participant.groups.exists()
    assert not EmailAddress.objects.filter(user=participant).exists()
    assert not Authenticator.objects.filter(user=participant).exists()
    assert not UserSession.objects.filter(user=participant).exists()
    # Both devices are logged out.
    for device in (client, other_device):
        assert device.get("/mijn/gegevens/").status_code == 302
    assert not Session.objects.filter(session_key=other_device.session.session_key).exists()
    # The audit log keeps its events but names nobody.
    assert not AuditEvent.objects.filter(actor=participant).exists()
    for event in AuditEvent.objects.all():
        assert event.ip_address is None
        assert "sanne@example.org" not in event.actor_label
        assert "sanne@example.org" not in json.dumps(event.details)
    assert AuditEvent.objects.filter(actor_label=ANONYMOUS_ACTOR, action="account_deleted").count() == 1
    assert AuditEvent.objects.filter(actor_label=ANONYMOUS_ACTOR, action="login_failed").exists()
    # Nobody else is touched.
    assert EmailAddress.objects.filter(user=keep_other).exists()
    # The old address can sign up again (it is free).
    response = Client().post(
        "/account/signup/", {
            "email": "sanne@example.org",
            "first_name": "Sanne",
            "last_name": "de Vries",
            "password1": "nieuw-wachtwoord-lang-1",
            "password2": "nieuw-wachtwoord-lang-1",
        }
    )
    assert response.status_code == 302


def test_deletion_keeps_decided_claims_with_an_anonymised_event_and_removes_the_rest(participant):
    make_policy()
    office = participant.offices.get()
    approved = services.claim_approve(claim=submitted_claim(office=office), actor=griffie_user())
    draft = draft_claim(office=office)
    client = logged_in(participant)
    response = client.post("/mijn/account-verwijderen/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not Claim.objects.filter(pk=draft.pk).exists()
    approved.refresh_from_db()
    assert approved.status == ClaimStatus.APPROVED and approved.member is None and approved.office is None
    assert approved.member_name  # the snapshot the financial record keeps
    assert list(approved.events.values_list("action", flat=True))[-1] == ClaimEvent.Action.ANONYMISED


def test_deletion_is_all_or_nothing(participant):
    client = logged_in(participant)

    def failing(user):
        raise RuntimeError("app kan niet wissen")

    with hooks.register_temporarily(privacy.ERASE_HOOK, failing), pytest.raises(RuntimeError):
        client.post("/mijn/account-verwijderen/", {"password": PASSWORD})
    participant.refresh_from_db()
    assert participant.email == "sanne@example.org" and participant.is_active
    assert EmailAddress.objects.filter(user=participant).exists()
    assert not AuditEvent.objects.filter(action="account_deleted").exists()


def test_readable_page_shows_dates_the_dutch_way(participant):
    html = logged_in(participant).get("/mijn/gegevens/").content.decode()
    assert "T" not in html.split("Aangemaakt op", 1)[1].split("</dd>", 1)[0]
    assert participant.date_joined.strftime("%Y") in html
