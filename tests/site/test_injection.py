"""Every free-text field the site renders (names, e-mail labels, audit details)
is escaped."""

import pytest
from django.core.cache import cache

from glashelder.models import AuditEvent
from glashelder.offices.models import GriffieMember
from tests.factories import PASSWORD, UserFactory, add_totp, utrecht
from tests.site.injection import PAYLOADS, assert_escaped

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_names_are_escaped_on_member_pages(client, payload):
    user = UserFactory(first_name=payload, last_name=payload[::-1])
    response = client.post("/account/login/", {"login": user.email, "password": PASSWORD, "next": "/privacy/"}, follow=True)
    assert response.status_code == 200
    # The welcome message names the person.
    assert_escaped(response.content.decode(), payload)
    assert_escaped(client.get("/mijn/gegevens/").content.decode(), payload)


def test_assert_escaped_catches_raw_markup():
    with pytest.raises(AssertionError):
        assert_escaped("<p><script>alert('xss')</script></p>", PAYLOADS[0])
    with pytest.raises(AssertionError):
        assert_escaped("<p>niets</p>", PAYLOADS[0])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_names_and_audit_entries_are_escaped_in_the_django_admin(client, payload):
    beheer = UserFactory(is_superuser=True, is_staff=True)
    add_totp(beheer)
    client.force_login(beheer)
    person = UserFactory(first_name=payload, last_name="Jansen")
    GriffieMember.objects.create(user=person, authority=utrecht())
    event = AuditEvent.objects.create(action="login_failed", actor_label=payload, target=payload, details={"email": payload})
    assert_escaped(client.get("/django-admin/offices/griffiemember/").content.decode(), payload)
    assert_escaped(client.get("/django-admin/glashelder/auditevent/").content.decode(), payload)
    detail = client.get(f"/django-admin/glashelder/auditevent/{event.pk}/change/").content.decode()
    assert payload not in detail
    assert_escaped(client.get(f"/django-admin/glashelder/user/{person.pk}/change/").content.decode(), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_failed_login_with_a_payload_as_address_is_escaped(client, payload):
    response = client.post("/account/login/", {"login": payload, "password": "iets-1234567"})
    assert response.status_code == 200
    assert payload not in response.content.decode()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_name_typed_in_the_form_is_escaped(client, payload):
    user = UserFactory()
    client.force_login(user)
    client.post("/mijn/naam/", {"first_name": payload, "last_name": "Jansen"})
    user.refresh_from_db()
    assert user.first_name == payload
    assert_escaped(client.get("/mijn/naam/").content.decode(), payload)
