"""Office rules and verification: enrolment.offices services."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from glashelder.kernel.choices import Role
from glashelder.models import AuditEvent
from glashelder.offices import services as offices
from glashelder.offices.models import GriffieMember, Office, OfficeInvitation, OfficeStatus
from tests.factories import OfficeFactory, UserFactory, amsterdam, griffie_user, provincie_utrecht, utrecht

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 3, 26)


def request(person, authority=None, role=Role.RAADSLID, start_date=START):
    return offices.office_request(person=person, authority=authority or utrecht(), role=role, start_date=start_date)


# --- asking for an office --------------------------------------------------------------------


def test_request_creates_requested_office_and_tells_the_griffie(django_capture_on_commit_callbacks):
    griffie, colleague = griffie_user(), griffie_user()
    griffie_user(amsterdam())
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        office = request(person)
    assert office.status == OfficeStatus.REQUESTED
    assert not office.is_verified
    # One message per griffie member of that authority (addresses not shared), none elsewhere.
    assert sorted(m.to for m in mail.outbox) == sorted([[griffie.email], [colleague.email]])
    assert "/griffie/GM0344/leden/aanvragen/" in mail.outbox[0].body


def test_a_person_withdraws_only_their_own_pending_request():
    person = UserFactory()
    office = request(person)
    with pytest.raises(offices.OfficeError, match="eigen aanvraag"):
        offices.office_withdraw(office=office, by=UserFactory())
    offices.office_withdraw(office=office, by=person)
    assert not Office.objects.filter(pk=office.pk).exists()
    decided = request(person)
    offices.office_verify(office=decided, by=griffie_user())
    with pytest.raises(offices.OfficeError, match="al over deze aanvraag beslist"):
        offices.office_withdraw(office=decided, by=person)
    assert Office.objects.filter(pk=decided.pk).exists()


def test_role_must_fit_the_authority():
    person = UserFactory()
    with pytest.raises(offices.OfficeError, match="statenlid bestaat niet bij een gemeente"):
        request(person, role=Role.STATENLID)
    with pytest.raises(offices.OfficeError, match="bestaat niet bij een provincie"):
        request(person, authority=provincie_utrecht(), role=Role.WETHOUDER)
    assert not Office.objects.exists()


def test_commissielid_exists_at_both_kinds_of_authority():
    person = UserFactory()
    request(person, role=Role.COMMISSIELID)
    request(person, authority=provincie_utrecht(), role=Role.COMMISSIELID)
    assert Office.objects.filter(person=person).count() == 2


def test_a_person_can_hold_several_offices():
    person = UserFactory()
    OfficeFactory(person=person, role=Role.RAADSLID)
    request(person, authority=provincie_utrecht(), role=Role.STATENLID)
    request(person, authority=amsterdam(), role=Role.COMMISSIELID)
    assert Office.objects.filter(person=person).count() == 3


def test_duplicate_open_request_or_verified_office_is_refused():
    person = UserFactory()
    request(person)
    with pytest.raises(offices.OfficeError, match="al aangevraagd"):
        request(person)
    other = UserFactory()
    OfficeFactory(person=other)
    with pytest.raises(offices.OfficeError, match="al bevestigd"):
        request(other)


def test_a_new_term_after_an_ended_one_may_be_requested():
    person = UserFactory()
    OfficeFactory(person=person, start_date=datetime.date(2022, 3, 30), end_date=datetime.date(2026, 3, 25))
    office = request(person)
    assert office.status == OfficeStatus.REQUESTED


def test_start_date_far_in_the_future_is_refused():
    too_late = timezone.localdate() + datetime.timedelta(days=offices.MAX_DAYS_AHEAD + 1)
    with pytest.raises(offices.OfficeError, match="te ver in de toekomst"):
        request(UserFactory(), start_date=too_late)
    soon = timezone.localdate() + datetime.timedelta(days=30)
    assert request(UserFactory(), start_date=soon).start_date == soon


# --- verification ----------------------------------------------------------------------------


def test_griffie_verifies_and_member_gets_an_email(django_capture_on_commit_callbacks):
    griffie = griffie_user()
    office = request(UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        offices.office_verify(office=office, by=griffie)
    office.refresh_from_db()
    assert office.is_verified
    assert office.verified_by == griffie
    assert office.verified_at is not None
    assert AuditEvent.objects.filter(action="office_verified", actor=griffie).exists()
    assert mail.outbox[-1].to == [office.person.email]
    assert "bevestigd" in mail.outbox[-1].subject
    assert mail.outbox[-1].alternatives[0][1] == "text/html"


def test_nobody_verifies_their_own_office_not_even_the_griffie():
    griffie = griffie_user()
    own = request(griffie)
    with pytest.raises(offices.OfficeError, match="eigen ambt niet bevestigen"):
        offices.office_verify(office=own, by=griffie)
    with pytest.raises(offices.OfficeError, match="eigen ambt"):
        offices.office_decline(office=own, by=griffie, reason="Nee")
    own.refresh_from_db()
    assert own.status == OfficeStatus.REQUESTED
    # A colleague can.
    colleague = griffie_user()
    offices.office_verify(office=own, by=colleague)
    own.refresh_from_db()
    assert own.verified_by == colleague


def test_only_the_griffie_of_that_authority_verifies():
    office = request(UserFactory())
    for outsider in (griffie_user(amsterdam()), UserFactory(), UserFactory(is_superuser=True)):
        with pytest.raises(offices.OfficeError, match="Alleen de griffie van Gemeente Utrecht"):
            offices.office_verify(office=office, by=outsider)
    office.refresh_from_db()
    assert office.status == OfficeStatus.REQUESTED


def test_decline_needs_a_reason_and_the_reason_is_sent(django_capture_on_commit_callbacks):
    griffie = griffie_user()
    office = request(UserFactory())
    with pytest.raises(offices.OfficeError, match="Geef een reden"):
        offices.office_decline(office=office, by=griffie, reason="   ")
    office.refresh_from_db()
    assert office.status == OfficeStatus.REQUESTED
    with django_capture_on_commit_callbacks(execute=True):
        offices.office_decline(office=office, by=griffie, reason="Niet bekend bij de griffie.")
    office.refresh_from_db()
    assert office.status == OfficeStatus.DECLINED
    assert office.decline_reason == "Niet bekend bij de griffie."
    assert "Niet bekend bij de griffie." in mail.outbox[-1].body
    assert "afgewezen" in mail.outbox[-1].subject


def test_a_decided_office_cannot_be_decided_again():
    griffie = griffie_user()
    office = request(UserFactory())
    offices.office_verify(office=office, by=griffie)
    with pytest.raises(offices.OfficeError, match="al beoordeeld"):
        offices.office_verify(office=office, by=griffie)
    with pytest.raises(offices.OfficeError, match="al beoordeeld"):
        offices.office_decline(office=office, by=griffie, reason="Toch niet")
    office.refresh_from_db()
    assert office.status == OfficeStatus.VERIFIED


# --- end of term -----------------------------------------------------------------------------


def test_end_of_term_keeps_the_office_in_history():
    griffie = griffie_user()
    office = OfficeFactory(start_date=datetime.date(2022, 3, 30))
    offices.office_end(office=office, by=griffie, end_date=datetime.date(2026, 3, 25))
    office.refresh_from_db()
    assert office.end_date == datetime.date(2026, 3, 25)
    assert office.is_verified
    assert office.held_on(datetime.date(2025, 1, 1))
    assert not office.held_on(datetime.date(2026, 4, 1))
    assert Office.objects.filter(pk=office.pk).exists()
    with pytest.raises(offices.OfficeError, match="al beëindigd"):
        offices.office_end(office=office, by=griffie, end_date=datetime.date(2026, 3, 26))


def test_end_date_before_start_and_wrong_griffie_refused():
    office = OfficeFactory(start_date=datetime.date(2026, 3, 26))
    with pytest.raises(offices.OfficeError, match="vóór de ingangsdatum"):
        offices.office_end(office=office, by=griffie_user(), end_date=datetime.date(2026, 1, 1))
    with pytest.raises(offices.OfficeError, match="Alleen de griffie"):
        offices.office_end(office=office, by=griffie_user(amsterdam()), end_date=datetime.date(2026, 6, 1))
    office.refresh_from_db()
    assert office.end_date is None


# --- invitations -----------------------------------------------------------------------------


def invite(by, email="nieuw.lid@example.org", role=Role.RAADSLID, **kwargs):
    return offices.invitation_create(
        authority=kwargs.pop("authority", utrecht()), by=by, name="Nieuw Lid", email=email, role=role, start_date=START, **kwargs
    )


def test_invitation_is_emailed_with_the_accept_link(django_capture_on_commit_callbacks):
    griffie = griffie_user()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(griffie, email="Nieuw.Lid@Example.org")
    assert invitation.email == "nieuw.lid@example.org"
    assert mail.outbox[-1].to == ["nieuw.lid@example.org"]
    assert f"http://testserver/uitnodiging/{invitation.token}/" in mail.outbox[-1].body
    html = mail.outbox[-1].alternatives[0][0]
    assert f"/uitnodiging/{invitation.token}/" in html


def test_invitation_rules():
    griffie = griffie_user()
    with pytest.raises(offices.OfficeError, match="Alleen de griffie"):
        invite(griffie_user(amsterdam()))
    with pytest.raises(offices.OfficeError, match="bestaat niet bij een gemeente"):
        invite(griffie, role=Role.GEDEPUTEERDE)
    with pytest.raises(offices.OfficeError, match="Ongeldig e-mailadres"):
        invite(griffie, email="geen-adres")
    invite(griffie)
    with pytest.raises(offices.OfficeError, match="al een uitnodiging open"):
        invite(griffie, email="NIEUW.lid@example.org")
    assert OfficeInvitation.objects.count() == 1


def test_accept_creates_an_office_verified_by_the_inviter():
    griffie = griffie_user()
    invitation = invite(griffie)
    member = UserFactory(email="Nieuw.Lid@example.org")
    office = offices.invitation_accept(invitation=invitation, user=member)
    assert office.person == member
    assert office.is_verified
    assert office.verified_by == griffie
    assert (office.authority, office.role, office.start_date) == (utrecht(), Role.RAADSLID, START)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.office == office


def test_accept_with_another_email_address_is_refused():
    invitation = invite(griffie_user())
    stranger = UserFactory(email="iemand.anders@example.org")
    with pytest.raises(offices.OfficeError, match="ander e-mailadres"):
        offices.invitation_accept(invitation=invitation, user=stranger)
    assert not Office.objects.exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_accept_needs_a_verified_address():
    invitation = invite(griffie_user())
    unverified = UserFactory(email="nieuw.lid@example.org", verified=False)
    with pytest.raises(offices.OfficeError, match="ander e-mailadres"):
        offices.invitation_accept(invitation=invitation, user=unverified)


def test_an_invitation_is_used_once():
    invitation = invite(griffie_user())
    member = UserFactory(email="nieuw.lid@example.org")
    offices.invitation_accept(invitation=invitation, user=member)
    with pytest.raises(offices.OfficeError, match="al gebruikt"):
        offices.invitation_accept(invitation=invitation, user=member)
    assert Office.objects.filter(person=member).count() == 1


def test_an_expired_invitation_is_refused_and_resend_renews_it(django_capture_on_commit_callbacks):
    griffie = griffie_user()
    invitation = invite(griffie)
    OfficeInvitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=offices.INVITATION_VALID_DAYS + 1)
    )
    member = UserFactory(email="nieuw.lid@example.org")
    with pytest.raises(offices.OfficeError, match="verlopen"):
        offices.invitation_accept(invitation=invitation, user=member)
    with django_capture_on_commit_callbacks(execute=True):
        offices.invitation_resend(invitation=invitation, by=griffie)
    assert len(mail.outbox) == 1
    assert offices.invitation_accept(invitation=invitation, user=member).is_verified


def test_accepting_confirms_an_existing_request_for_the_same_office():
    griffie = griffie_user()
    member = UserFactory(email="nieuw.lid@example.org")
    requested = request(member, start_date=datetime.date(2026, 4, 1))
    office = offices.invitation_accept(invitation=invite(griffie), user=member)
    assert office.pk == requested.pk
    assert office.is_verified and office.start_date == START
    assert Office.objects.filter(person=member).count() == 1


def test_griffie_cannot_accept_an_invitation_they_sent_themselves():
    griffie = griffie_user(email="griffier@example.org")
    invitation = invite(griffie, email="griffier@example.org")
    with pytest.raises(offices.OfficeError, match="eigen uitnodiging"):
        offices.invitation_accept(invitation=invitation, user=griffie)
    assert not Office.objects.exists()


def test_withdrawn_invitation_is_gone():
    griffie = griffie_user()
    invitation = invite(griffie)
    with pytest.raises(offices.OfficeError):
        offices.invitation_withdraw(invitation=invitation, by=griffie_user(amsterdam()))
    offices.invitation_withdraw(invitation=invitation, by=griffie)
    assert not OfficeInvitation.objects.exists()


# --- griffie members -------------------------------------------------------------------------


def test_griffie_member_grants_a_colleague_with_an_audit_entry():
    griffie = griffie_user()
    colleague = UserFactory()
    member = offices.griffie_member_grant(authority=utrecht(), user=colleague, by=griffie)
    assert member.granted_by == griffie
    event = AuditEvent.objects.get(action="role_granted")
    assert event.actor == griffie
    assert event.target == f"user:{colleague.pk}"
    assert event.details["authority"] == "GM0344"
    with pytest.raises(offices.OfficeError, match="werkt al bij de griffie"):
        offices.griffie_member_grant(authority=utrecht(), user=colleague, by=griffie)


def test_only_beheer_or_same_griffie_may_grant():
    colleague = UserFactory()
    for outsider in (griffie_user(amsterdam()), UserFactory(), colleague):
        with pytest.raises(offices.OfficeError, match="Alleen de griffie van Gemeente Utrecht of beheer"):
            offices.griffie_member_grant(authority=utrecht(), user=colleague, by=outsider)
    beheer = UserFactory(is_superuser=True)
    offices.griffie_member_grant(authority=utrecht(), user=colleague, by=beheer)
    assert GriffieMember.objects.filter(user=colleague, authority=utrecht()).exists()


def test_a_wrong_state_is_an_invalid_transition_and_changes_nothing():
    from glashelder.kernel.errors import InvalidTransition

    griffie = griffie_user()
    office = request(UserFactory())
    offices.office_verify(office=office, by=griffie)
    audits = AuditEvent.objects.count()
    with pytest.raises(offices.OfficeStateError) as refused:
        offices.office_decline(office=office, by=griffie, reason="Toch niet")
    assert isinstance(refused.value, InvalidTransition) and isinstance(refused.value, offices.OfficeError)
    assert "bevestigd door de griffie" in refused.value.message
    assert AuditEvent.objects.count() == audits
    office.refresh_from_db()
    assert office.status == OfficeStatus.VERIFIED and office.decline_reason == ""


def test_revoke_keeps_at_least_one_griffie_member():
    griffie = griffie_user()
    only = GriffieMember.objects.get(user=griffie)
    with pytest.raises(offices.OfficeError, match="laatste griffiemedewerker"):
        offices.griffie_member_revoke(member=only, by=griffie)
    colleague = griffie_user()
    offices.griffie_member_revoke(member=only, by=colleague)
    assert not GriffieMember.objects.filter(user=griffie).exists()
    assert AuditEvent.objects.filter(action="role_revoked", actor=colleague).exists()
