"""Two requests at the same moment: the row locks let exactly one through."""

import datetime
import threading

import pytest
from django.db import close_old_connections

from glashelder.kernel.choices import Role
from glashelder.offices import services as offices
from glashelder.offices.models import Office, OfficeInvitation
from tests.factories import UserFactory, griffie_user, utrecht

pytestmark = pytest.mark.django_db(transaction=True)

START = datetime.date(2026, 3, 26)


def run_at_once(fn, times=2):
    barrier = threading.Barrier(times)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(("ok", fn()))
        except offices.OfficeError as error:
            results.append(("refused", error.message))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=worker) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(kind for kind, _value in results)


def test_two_simultaneous_requests_for_the_same_office_make_one():
    person = UserFactory()
    authority = utrecht()
    outcome = run_at_once(lambda: offices.office_request(person=person, authority=authority, role=Role.RAADSLID, start_date=START))
    assert outcome == ["ok", "refused"]
    assert Office.objects.filter(person=person).count() == 1


def test_an_invitation_accepted_twice_at_once_makes_one_office():
    griffie = griffie_user()
    invitation = OfficeInvitation.objects.create(
        authority=utrecht(), name="Nieuw Lid", email="nieuw@example.org", role=Role.RAADSLID, start_date=START, invited_by=griffie
    )
    member = UserFactory(email="nieuw@example.org")
    outcome = run_at_once(lambda: offices.invitation_accept(invitation=invitation, user=member))
    assert outcome == ["ok", "refused"]
    assert Office.objects.filter(person=member).count() == 1
