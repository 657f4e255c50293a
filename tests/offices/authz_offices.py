"""Authorisation cases for the office and griffie-member pages (format: tests/authz_world.py).

The world's `griffie` works at gemeente Utrecht, `griffie_other` at Amsterdam; every
object here belongs to Utrecht, so only `griffie` reaches it and everyone else gets 404.
Cases that change something run in this order, each on its own object.
"""

import datetime

from glashelder.kernel.choices import Role
from glashelder.offices.models import GriffieMember, Office, OfficeInvitation, OfficeStatus
from tests.factories import UserFactory, add_totp

EVERYONE = ("anonymous", "participant", "other_participant", "griffie", "griffie_other", "provider", "other_provider", "redactie", "beheer")
START = datetime.date(2026, 3, 26)


def members(status, anonymous=302):
    return {"anonymous": anonymous, **{role: status for role in EVERYONE[1:]}}


def utrecht_griffie_only(status):
    """Anonymous to the login page, Utrecht's griffie `status`, everyone else 404."""
    return {**{role: 404 for role in EVERYONE}, "anonymous": 302, "griffie": status}


def setup(world):
    world.own_request = Office.objects.create(
        person=world.participant, authority=world.utrecht, role=Role.COMMISSIELID, start_date=START, status=OfficeStatus.REQUESTED
    )
    applicant = UserFactory(email="aanvrager@wereld.example")
    world.request_to_verify = Office.objects.create(
        person=applicant, authority=world.utrecht, role=Role.COMMISSIELID, start_date=START, status=OfficeStatus.REQUESTED
    )
    world.request_to_decline = Office.objects.create(
        person=UserFactory(), authority=world.utrecht, role=Role.RAADSLID, start_date=START, status=OfficeStatus.REQUESTED
    )
    world.invitation = OfficeInvitation.objects.create(
        authority=world.utrecht, name="Nieuw Lid", email="nieuw@wereld.example", role=Role.RAADSLID, start_date=START,
        invited_by=world.griffie,
    )
    world.invitation_to_withdraw = OfficeInvitation.objects.create(
        authority=world.utrecht, name="Ander Lid", email="ander.lid@wereld.example", role=Role.RAADSLID, start_date=START,
        invited_by=world.griffie,
    )
    colleague = UserFactory(email="collega@wereld.example")
    add_totp(colleague)
    world.colleague_membership = GriffieMember.objects.create(user=colleague, authority=world.utrecht)


def g(path):
    """A member page of Utrecht's griffie workspace."""
    return lambda w: f"/griffie/{w.utrecht.cbs_code}/leden/{path}"


def griffies_only(status):
    """Anonymous to the login page, both griffies `status`, everyone else 404."""
    return {**utrecht_griffie_only(status), "griffie_other": status}


def everyone(status):
    return {role: status for role in EVERYONE}


CASES = [
    # The member's own offices: every logged-in user sees only their own.
    ("offices:office_list", lambda w: "/mijn/ambten/", "GET", members(200)),
    # An empty request is a form error, shown on the page.
    ("offices:office_list", lambda w: "/mijn/ambten/", "POST", members(200)),
    # Only one's own pending request can be withdrawn (the participant's goes; everyone else 404).
    ("offices:office_withdraw", lambda w: f"/mijn/ambten/{w.own_request.pk}/intrekken/", "POST",
     {**members(404), "participant": 302}),
    ("offices:office_withdraw", lambda w: f"/mijn/ambten/{w.office.pk}/intrekken/", "POST", members(404)),
    # The invitation page is reachable with the token (the secret); accepting needs the invited account.
    ("offices:invitation_accept", lambda w: f"/uitnodiging/{w.invitation.token}/", "GET", members(200, anonymous=200)),
    ("offices:invitation_accept", lambda w: f"/uitnodiging/{w.invitation.token}/", "POST", members(200)),
    ("offices:invitation_accept", lambda w: "/uitnodiging/onbekend-token/", "GET", members(404, anonymous=404)),
    # The start of the workspace: a griffie of one authority is sent to its workspace.
    ("offices:griffie_choose", lambda w: "/griffie/", "GET", griffies_only(302)),
    # Member pages: the authority is in the path; a code the user does not serve is a 404.
    ("offices:griffie_members", g(""), "GET", utrecht_griffie_only(200)),
    ("offices:griffie_members", lambda w: f"/griffie/{w.amsterdam.cbs_code}/leden/", "GET",
     {**{role: 404 for role in EVERYONE}, "anonymous": 302, "griffie_other": 200}),
    ("offices:griffie_members", g("?status=verified&role=raadslid&pagina=2"), "GET", utrecht_griffie_only(200)),
    ("offices:griffie_requests", g("aanvragen/"), "GET", utrecht_griffie_only(200)),
    ("offices:griffie_office_decline", lambda w: g(f"ambten/{w.request_to_decline.pk}/afwijzen/")(w), "GET", utrecht_griffie_only(200)),
    # Without a reason: the form comes back with the error.
    ("offices:griffie_office_decline", lambda w: g(f"ambten/{w.request_to_decline.pk}/afwijzen/")(w), "POST", utrecht_griffie_only(200)),
    ("offices:griffie_office_verify", lambda w: g(f"ambten/{w.request_to_verify.pk}/bevestigen/")(w), "POST", utrecht_griffie_only(302)),
    ("offices:griffie_office_end", lambda w: g(f"ambten/{w.office.pk}/beeindigen/")(w), "GET", utrecht_griffie_only(200)),
    # Without an end date: the form comes back with the error.
    ("offices:griffie_office_end", lambda w: g(f"ambten/{w.office.pk}/beeindigen/")(w), "POST", utrecht_griffie_only(200)),
    ("offices:griffie_invite", g("uitnodigen/"), "GET", utrecht_griffie_only(200)),
    ("offices:griffie_invite", g("uitnodigen/"), "POST", utrecht_griffie_only(200)),
    ("offices:griffie_invite_csv", g("uitnodigen/csv/"), "GET", utrecht_griffie_only(200)),
    ("offices:griffie_invite_csv", g("uitnodigen/csv/"), "POST", utrecht_griffie_only(200)),
    ("offices:griffie_invitations", g("uitnodigingen/"), "GET", utrecht_griffie_only(200)),
    ("offices:griffie_invitation_resend", lambda w: g(f"uitnodigingen/{w.invitation.pk}/opnieuw/")(w), "POST", utrecht_griffie_only(302)),
    ("offices:griffie_invitation_withdraw", lambda w: g(f"uitnodigingen/{w.invitation_to_withdraw.pk}/intrekken/")(w), "POST",
     utrecht_griffie_only(302)),
    ("offices:griffie_team", g("griffie/"), "GET", utrecht_griffie_only(200)),
    ("offices:griffie_team", g("griffie/"), "POST", utrecht_griffie_only(200)),
    ("offices:griffie_team_revoke", lambda w: g(f"griffie/{w.colleague_membership.pk}/intrekken/")(w), "POST", utrecht_griffie_only(302)),
    # Old addresses: a permanent redirect for anyone (the new page checks who may see it).
    ("offices:griffie_choose_moved", lambda w: "/griffie/leden/", "GET", everyone(301)),
    ("offices:griffie_members_moved", lambda w: f"/griffie/leden/{w.utrecht.cbs_code}/aanvragen/", "GET", everyone(301)),
]
