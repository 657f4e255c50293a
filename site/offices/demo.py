"""Demo offices, griffie members, office requests and invitations. Idempotent: every object is
looked up by its natural key first, so a second run changes and duplicates nothing."""

import datetime

from django.utils import timezone

from glashelder.kernel.choices import Role

from .models import Authority, GriffieMember, Office, OfficeInvitation, OfficeStatus

# Start of the council term after the municipal elections of March 2026.
GEMEENTE_TERM = datetime.date(2026, 3, 26)
# Provincial states installed after the elections of March 2023.
PROVINCIE_TERM = datetime.date(2023, 3, 30)


def _verified_office(person, authority, role, start_date, verified_by):
    office = Office.objects.filter(person=person, authority=authority, role=role).first()
    if office is None:
        office = Office.objects.create(
            person=person, authority=authority, role=role, start_date=start_date,
            status=OfficeStatus.VERIFIED, verified_by=verified_by, verified_at=timezone.now(),
        )
    return office


def _griffie(user, authority):
    GriffieMember.objects.get_or_create(user=user, authority=authority)


def load(users):
    utrecht = Authority.objects.get(cbs_code="GM0344")
    amsterdam = Authority.objects.get(cbs_code="GM0363")
    provincie_utrecht = Authority.objects.get(cbs_code="PV26")

    _griffie(users["griffie"], utrecht)
    _griffie(users["griffie_amsterdam"], amsterdam)

    griffie, griffie_amsterdam = users["griffie"], users["griffie_amsterdam"]
    _verified_office(users["deelnemer"], utrecht, Role.RAADSLID, GEMEENTE_TERM, griffie)
    # The provincial griffie has no demo account; the statenlid's office is confirmed by beheer.
    _verified_office(users["statenlid"], provincie_utrecht, Role.STATENLID, PROVINCIE_TERM, users["beheer"])

    members = [
        ("pieter.smit@example.org", "Pieter", "Smit", utrecht, Role.RAADSLID, griffie),
        ("lotte.bos@example.org", "Lotte", "Bos", utrecht, Role.COMMISSIELID, griffie),
        ("karim.haddou@example.org", "Karim", "Haddou", utrecht, Role.WETHOUDER, griffie),
        ("eva.dekker@example.org", "Eva", "Dekker", amsterdam, Role.RAADSLID, griffie_amsterdam),
        ("daan.meijer@example.org", "Daan", "Meijer", amsterdam, Role.COMMISSIELID, griffie_amsterdam),
        ("nina.postma@example.org", "Nina", "Postma", amsterdam, Role.WETHOUDER, griffie_amsterdam),
    ]
    for email, first, last, authority, role, by in members:
        _verified_office(users.person(email, first, last), authority, role, GEMEENTE_TERM, by)

    # A pending office request for the Utrecht griffie to handle.
    applicant = users.person("yara.vandijk@example.org", "Yara", "van Dijk")
    if not Office.objects.filter(person=applicant, authority=utrecht, role=Role.COMMISSIELID).exists():
        Office.objects.create(
            person=applicant, authority=utrecht, role=Role.COMMISSIELID, start_date=GEMEENTE_TERM, status=OfficeStatus.REQUESTED
        )

    # A pending invitation from the Utrecht griffie (no account exists for this address yet).
    OfficeInvitation.objects.get_or_create(
        authority=utrecht, email="thomas.koster@example.org",
        defaults={"name": "Thomas Koster", "role": Role.RAADSLID, "start_date": GEMEENTE_TERM, "invited_by": griffie},
    )
