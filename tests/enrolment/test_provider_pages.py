"""Provider pages: own courses' enrolments, attendance, cancelling a session, payments; never another provider's."""

import pytest
from django.core import mail

from enrolment import services
from enrolment.models import EnrolmentStatus
from tests.enrolment.builders import committed, live_course, member, paid_course, provider_editor
from tests.factories import ProviderFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_providers():
    mine, theirs = ProviderFactory(name="Mijn Vereniging"), ProviderFactory(name="Hun Vereniging")
    course, session = live_course(mine, title="Mijn live cursus")
    their_course = paid_course(theirs, title="Hun cursus")
    a = member(person=UserFactory(first_name="Anna", last_name="Aanwezig"))
    b = member(person=UserFactory(first_name="Bram", last_name="Buitenstaander"))
    mine_enrolment = services.enrolment_create(person=a[0], office=a[1], course=course, session=session)
    theirs_enrolment = services.enrolment_create(person=b[0], office=b[1], course=their_course)
    services.payment_mark_paid(payment=services.payment_open(enrolment=theirs_enrolment))
    return provider_editor(mine), session, mine_enrolment, theirs_enrolment


def test_enrolment_list_holds_only_own_courses(client, two_providers):
    editor, session, mine, theirs = two_providers
    client.force_login(editor)
    html = client.get("/aanbieder/inschrijvingen/").content.decode()
    assert "Anna Aanwezig" in html and "Mijn live cursus" in html and "Gemeente Utrecht" in html
    assert "Bram Buitenstaander" not in html and "Hun cursus" not in html


def test_payments_list_holds_only_own_courses(client, two_providers):
    editor, session, mine, theirs = two_providers
    client.force_login(editor)
    html = client.get("/aanbieder/betalingen/").content.decode()
    assert "Bram Buitenstaander" not in html
    client.force_login(provider_editor(theirs.course.provider))
    html = client.get("/aanbieder/betalingen/").content.decode()
    assert "Bram Buitenstaander" in html and "€\u00a095,00" in html


def test_other_providers_session_is_404(client, two_providers):
    editor, session, mine, theirs = two_providers
    client.force_login(provider_editor(ProviderFactory()))
    assert client.get(f"/aanbieder/bijeenkomsten/{session.pk}/").status_code == 404
    assert client.post(f"/aanbieder/bijeenkomsten/{session.pk}/annuleren/").status_code == 404
    session.refresh_from_db()
    assert not session.cancelled


def test_member_without_provider_role_gets_404(client, two_providers):
    client.force_login(two_providers[2].person)
    assert client.get("/aanbieder/inschrijvingen/").status_code == 404


def test_provider_without_mfa_is_sent_to_set_it_up(client, two_providers):
    editor, *_ = two_providers
    user = UserFactory()
    user.groups.add(editor.groups.first())
    client.force_login(user)
    response = client.get("/aanbieder/inschrijvingen/")
    assert response.status_code == 302 and "/account/" in response["Location"]


def test_cancel_session_from_provider_page_notifies(client, two_providers):
    editor, session, mine, theirs = two_providers
    client.force_login(editor)
    mail.outbox.clear()
    with committed():
        response = client.post(f"/aanbieder/bijeenkomsten/{session.pk}/annuleren/", {"confirm": "1"}, follow=True)
    assert "is geannuleerd" in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == EnrolmentStatus.CANCELLED
    assert [m.to for m in mail.outbox] == [[mine.person.email]]


def test_session_cancel_needs_confirmation(client, two_providers):
    editor, session, mine, theirs = two_providers
    client.force_login(editor)
    response = client.post(f"/aanbieder/bijeenkomsten/{session.pk}/annuleren/", follow=True)
    assert "Bevestig dat u de bijeenkomst wilt annuleren." in response.content.decode()
    session.refresh_from_db()
    assert not session.cancelled


def test_session_page_lists_participants(client, two_providers):
    editor, session, mine, theirs = two_providers
    client.force_login(editor)
    html = client.get(f"/aanbieder/bijeenkomsten/{session.pk}/").content.decode()
    assert "Anna Aanwezig" in html and "1 van 2 plaatsen bezet" in html
    assert html.count("<h1") == 1


def test_provider_finds_the_pages_from_admin_and_dashboard(client, two_providers):
    editor, session, mine, theirs = two_providers
    client.force_login(editor)
    assert "/aanbieder/inschrijvingen/" in client.get("/admin/").content.decode()
    assert "/aanbieder/inschrijvingen/" in client.get("/mijn/").content.decode()
    client.force_login(mine.person)
    assert "/aanbieder/inschrijvingen/" not in client.get("/mijn/").content.decode()
