"""The audit log: an entry for each security-relevant event; readable by beheer,
editable by nobody."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.cache import cache

from glashelder.demo import DEMO_TOTP_SECRET
from glashelder.kernel import roles
from glashelder.models import AuditEvent
from glashelder.offices.models import GriffieMember
from tests.factories import PASSWORD, ProviderFactory, UserFactory, add_totp, amsterdam, utrecht
from tests.site.totp import totp

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def beheer(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    add_totp(user)
    client.force_login(user)
    return user


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("at", "pk"))


def test_login_and_failed_login(client):
    user = UserFactory()
    client.post("/account/login/", {"login": user.email, "password": "verkeerd-wachtwoord-1"}, REMOTE_ADDR="192.0.2.7")
    failed = events("login_failed")
    assert len(failed) == 1
    assert failed[0].actor is None and failed[0].actor_label == user.email
    assert failed[0].ip_address == "192.0.2.7"
    client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    [login] = events("login")
    assert login.actor == user


def test_login_with_second_factor_is_logged_once(client):
    user = UserFactory()
    add_totp(user)
    client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    assert events("login") == []
    client.post("/account/2fa/authenticate/", {"code": totp(DEMO_TOTP_SECRET)})
    assert [e.actor for e in events("login")] == [user]


def test_mfa_added_and_removed(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    client.force_login(user)
    client.post("/account/reauthenticate/", {"password": PASSWORD})
    page = client.get("/account/2fa/totp/activate/")
    # allauth sends its MFA signals after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/2fa/totp/activate/", {"code": totp(page.context["form"].secret)})
    added = events("mfa_added")
    assert [(e.actor, e.details["type"]) for e in added][0] == (user, "totp")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/2fa/totp/deactivate/")
    removed = events("mfa_removed")
    assert removed and removed[0].actor == user and removed[0].details["type"] == "totp"


def test_griffie_role_granted_and_revoked_in_the_django_admin(client, beheer):
    person = UserFactory()
    response = client.post(
        "/django-admin/offices/griffiemember/add/", {"user": person.pk, "authority": utrecht().pk, "granted_at_0": "", "_save": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member = GriffieMember.objects.get(user=person)
    assert member.granted_by == beheer
    [granted] = events("role_granted")
    assert granted.actor == beheer
    assert granted.details["role"] == "griffie"
    assert granted.details["user_id"] == person.pk
    assert granted.details["authority_id"] == utrecht().pk

    response = client.post(f"/django-admin/offices/griffiemember/{member.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not GriffieMember.objects.filter(pk=member.pk).exists()
    [revoked] = events("role_revoked")
    assert revoked.actor == beheer and revoked.details["role"] == "griffie"


def test_granting_the_griffie_role_in_the_admin_goes_through_the_service(client, beheer):
    person = UserFactory()
    add = "/django-admin/offices/griffiemember/add/"
    response = client.post(add, {"user": person.pk, "authority": utrecht().pk, "_save": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == "/django-admin/offices/griffiemember/"
    assert [str(m) for m in response.context["messages"]][-1].endswith("is met succes toegevoegd.")
    [granted] = events("role_granted")  # audited once, by the service
    assert granted.target == f"user:{person.pk}" and granted.details["authority"] == "GM0344"

    # A second grant of the same role is refused by the service, in Dutch, and changes nothing.
    response = client.post(add, {"user": person.pk, "authority": utrecht().pk, "_save": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == add
    shown = [str(m) for m in response.context["messages"]]
    assert shown == [f"{person.email} werkt al bij de griffie van Gemeente Utrecht."]
    assert GriffieMember.objects.filter(user=person).count() == 1
    assert len(events("role_granted")) == 1
    assert LogEntry.objects.filter(object_id=str(GriffieMember.objects.get(user=person).pk)).count() == 1


def test_revoking_the_last_griffie_member_in_the_admin_as_non_beheer_is_refused(client):
    staff = UserFactory(is_staff=True)
    add_totp(staff)
    staff.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="offices", codename__in=["view_griffiemember", "delete_griffiemember"])
    )
    only = GriffieMember.objects.create(user=staff, authority=utrecht())
    client.force_login(staff)
    response = client.post(f"/django-admin/offices/griffiemember/{only.pk}/delete/", {"post": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == "/django-admin/offices/griffiemember/"
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["U bent de laatste griffiemedewerker van Gemeente Utrecht; vraag beheer om dit te doen."]
    assert GriffieMember.objects.filter(pk=only.pk).exists()
    assert events("role_revoked") == []
    # Through the bulk action too: nothing of the selection is revoked.
    colleague = GriffieMember.objects.create(user=UserFactory(), authority=amsterdam())
    response = client.post(
        "/django-admin/offices/griffiemember/",
        {"action": "delete_selected", "_selected_action": [only.pk, colleague.pk], "post": "yes"},
        follow=True,
    )
    assert GriffieMember.objects.filter(pk__in=[only.pk, colleague.pk]).count() == 2
    assert events("role_revoked") == []
    assert [str(m) for m in response.context["messages"]] == [
        "U bent de laatste griffiemedewerker van Gemeente Utrecht; vraag beheer om dit te doen."
    ]
    from django.contrib.admin.models import LogEntry

    assert not LogEntry.objects.exists()  # the admin's own log rolled back with the refusal


def test_bulk_revocation_in_the_admin_is_logged_per_grant(client, beheer):
    members = [GriffieMember.objects.create(user=UserFactory(), authority=a) for a in (utrecht(), amsterdam())]
    response = client.post(
        "/django-admin/offices/griffiemember/",
        {"action": "delete_selected", "_selected_action": [m.pk for m in members], "post": "yes"},
    )
    assert response.status_code == 302
    assert sorted(e.details["user_id"] for e in events("role_revoked")) == sorted(m.user_id for m in members)


def test_provider_and_redactie_membership_changes_are_logged(client, beheer):
    person = UserFactory()
    provider = ProviderFactory(name="Vereniging Audit")
    # Through the Django admin's user form (as beheer does it).
    response = client.post(
        f"/django-admin/glashelder/user/{person.pk}/change/",
        {
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "is_active": "on",
            "groups": [provider.editors_group.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "initial-date_joined_0": "2026-01-01",
            "initial-date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    [granted] = events("role_granted")
    assert granted.actor == beheer
    assert granted.details["role"] == "aanbieder" and granted.details["scope"] == "Vereniging Audit"
    # And from code, the other direction of the relation.
    roles.redactie_group().user_set.add(person)
    person.groups.remove(provider.editors_group)
    assert [e.details["role"] for e in events("role_granted")] == ["aanbieder", "redactie"]
    assert [e.details["role"] for e in events("role_revoked")] == ["aanbieder"]


def test_becoming_superuser_is_logged():
    person = UserFactory()
    person.is_superuser = True
    person.save()
    [granted] = events("role_granted")
    assert granted.details == {"role": "beheer", "user_id": person.pk}


def test_data_export_is_logged(client):
    user = UserFactory()
    client.force_login(user)
    client.get("/mijn/gegevens/?formaat=json")
    [export] = events("data_export")
    assert export.actor == user


def test_account_deletion_is_logged_without_personal_data(client):
    user = UserFactory()
    client.force_login(user)
    client.post("/mijn/account-verwijderen/", {"password": PASSWORD})
    [deleted] = events("account_deleted")
    assert deleted.actor is None
    assert user.email not in deleted.actor_label
    assert deleted.target == f"user:{user.pk}"


def test_audit_events_cannot_be_changed_or_deleted():
    event = AuditEvent.objects.create(action="login")
    event.action = "iets anders"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_beheer_reads_the_audit_log_but_cannot_edit_it(client, beheer):
    event = AuditEvent.objects.create(action="login", actor_label="iemand@example.org")
    listing = client.get("/django-admin/glashelder/auditevent/")
    assert listing.status_code == 200
    assert "iemand@example.org" in listing.content.decode()
    assert client.get("/django-admin/glashelder/auditevent/add/").status_code == 403
    detail = client.get(f"/django-admin/glashelder/auditevent/{event.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    post = client.post(f"/django-admin/glashelder/auditevent/{event.pk}/change/", {"action": "gewijzigd"})
    assert post.status_code == 403
    assert client.post(f"/django-admin/glashelder/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.action == "login"


def test_staff_without_superuser_cannot_read_the_audit_log(client):
    staff = UserFactory(is_staff=True)
    add_totp(staff)
    client.force_login(staff)
    assert client.get("/django-admin/glashelder/auditevent/").status_code == 403
