"""The waiting list under concurrency, with real threads on PostgreSQL.

Each thread has its own database connection; a Barrier releases them at the
same moment. The Session row lock must keep the number of places taken at or
below the capacity, and promote exactly one person per freed place.
"""

import threading

import pytest
from django.db import connection

from enrolment import selectors, services
from enrolment.models import Enrolment, EnrolmentStatus
from tests.enrolment.builders import live_course, member

pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(*calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as exc:  # collected and asserted by the test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def taken(session):
    return selectors.taken_places(session)


def test_two_enrolments_for_the_last_place():
    course, session = live_course(capacity=1)
    (a, a_office), (b, b_office) = member(), member()
    results = run_at_once(
        lambda: services.enrolment_create(person=a, office=a_office, course=course, session=session),
        lambda: services.enrolment_create(person=b, office=b_office, course=course, session=session),
    )
    assert sum(isinstance(r, Enrolment) for r in results) == 1
    assert sum(isinstance(r, services.SessionFullError) for r in results) == 1
    assert taken(session) == 1


def test_two_waitlist_enrolments_for_the_last_place():
    course, session = live_course(capacity=1)
    (a, a_office), (b, b_office) = member(), member()
    results = run_at_once(
        lambda: services.enrolment_create(person=a, office=a_office, course=course, session=session, waitlist=True),
        lambda: services.enrolment_create(person=b, office=b_office, course=course, session=session, waitlist=True),
    )
    statuses = sorted(r.status for r in results)
    assert statuses == [EnrolmentStatus.ACTIVE, EnrolmentStatus.WAITLISTED]
    assert taken(session) == 1


def test_two_cancellations_at_once_promote_two_people_once_each():
    course, session = live_course(capacity=2)
    people = [member() for _ in range(5)]
    enrolled = [
        services.enrolment_create(person=p, office=o, course=course, session=session, waitlist=True) for p, o in people
    ]
    assert [e.status for e in enrolled] == [EnrolmentStatus.ACTIVE] * 2 + [EnrolmentStatus.WAITLISTED] * 3
    results = run_at_once(
        lambda: services.enrolment_cancel(enrolment=enrolled[0], by=people[0][0]),
        lambda: services.enrolment_cancel(enrolment=enrolled[1], by=people[1][0]),
    )
    assert all(isinstance(r, Enrolment) for r in results), results
    statuses = {e.pk: Enrolment.objects.get(pk=e.pk).status for e in enrolled}
    # the first two on the waiting list (FIFO) got the two freed places; the third still waits
    assert statuses[enrolled[2].pk] == EnrolmentStatus.ACTIVE
    assert statuses[enrolled[3].pk] == EnrolmentStatus.ACTIVE
    assert statuses[enrolled[4].pk] == EnrolmentStatus.WAITLISTED
    assert taken(session) == 2


def test_cancel_and_new_enrolment_at_once_never_exceed_capacity():
    course, session = live_course(capacity=1)
    (a, a_office), (b, b_office), (c, c_office) = member(), member(), member()
    first = services.enrolment_create(person=a, office=a_office, course=course, session=session)
    waiting = services.enrolment_create(person=b, office=b_office, course=course, session=session, waitlist=True)
    run_at_once(
        lambda: services.enrolment_cancel(enrolment=first, by=a),
        lambda: services.enrolment_create(person=c, office=c_office, course=course, session=session, waitlist=True),
    )
    assert taken(session) == 1
    waiting.refresh_from_db()
    # whatever the order, the place goes to the one who waited first, and only once
    assert waiting.status == EnrolmentStatus.ACTIVE
    assert Enrolment.objects.get(person=c, course=course).status == EnrolmentStatus.WAITLISTED
