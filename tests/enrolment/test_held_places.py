"""The held-place rule: one definition (`enrolment.selectors`), the same count everywhere.

The catalogue (the course page and `Session.places_free`), the enrol form, enrolling and
the griffie's approval of a direct payment all ask `enrolment.selectors` whether a
session place is taken. For every enrolment status these tests fill one-place sessions
with an enrolment in that status and check that every counter answers as the rule says,
so a change to the rule changes all of them at once.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.choices import CourseFormat
from courses.models import Session
from enrolment import selectors
from enrolment import services as enrolment_services
from enrolment.models import Enrolment, EnrolmentStatus, Payment, PaymentMethod, PaymentStatus
from reimbursement import services as reimbursement_services
from reimbursement.models import ReservationStatus
from tests.enrolment.builders import member
from tests.factories import OfficeFactory, griffie_user, make_session, utrecht
from tests.reimbursement.factories import make_policy, paid_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_paid():
    """A € 150 live course with two one-place sessions, and an authority that pays directly."""
    make_policy(direct_payment_allowed=True)
    course = paid_course("150.00", format=CourseFormat.LIVE)
    first = make_session(course, capacity=1, days_ahead=14, title="Eerste avond")
    second = make_session(course, capacity=1, days_ahead=21, title="Tweede avond")
    return course, first, second


def occupy(course, session, status):
    office = OfficeFactory()
    return Enrolment.objects.create(person=office.person, office=office, course=course, session=session, status=status)


def assert_every_counter_says(client, course, first, second, *, taken):
    """The catalogue, the enrol form, enrolling (first session) and direct payment (second session) agree."""
    free = 1 - taken
    # The catalogue: the annotated course page and the model's own count.
    response = client.get(course.url)
    assert [s.free_places for s in response.context["sessions"]] == [free, free]
    assert [Session.objects.get(pk=s.pk).places_free() for s in (first, second)] == [free, free]
    assert [selectors.taken_places(s) for s in (first, second)] == [taken, taken]
    # The enrol form on the course page.
    person, office = member()
    client.force_login(person)
    html = client.get(course.url).content.decode()
    assert ("vol: wachtlijst" in html) == bool(taken)
    assert ("nog 1 plaatsen" in html) == (not taken)
    # Enrolling.
    if taken:
        with pytest.raises(enrolment_services.SessionFullError):
            enrolment_services.enrolment_create(person=person, office=office, course=course, session=first)
    else:
        enrolment = enrolment_services.enrolment_create(person=person, office=office, course=course, session=first)
        assert enrolment.status == EnrolmentStatus.REQUESTED
    # Direct payment by the authority.
    requester = OfficeFactory()
    reservation = reimbursement_services.direct_payment_request(
        member=requester.person, office=requester, course=course, session=second
    )
    griffie = griffie_user(utrecht())
    if taken:
        with pytest.raises(reimbursement_services.TransitionError, match="vol"):
            reimbursement_services.direct_payment_approve(reservation=reservation, actor=griffie)
    else:
        reimbursement_services.direct_payment_approve(reservation=reservation, actor=griffie)
        assert Enrolment.objects.get(person=requester.person).status == EnrolmentStatus.ACTIVE


@pytest.mark.parametrize("status", EnrolmentStatus.values)
def test_every_counter_follows_the_one_rule(client, live_paid, status):
    course, first, second = live_paid
    occupants = [occupy(course, session, status) for session in (first, second)]
    taken = selectors.holds_place(occupants[0])
    assert taken == (status in selectors.PLACE_HOLDING)
    assert_every_counter_says(client, course, first, second, taken=int(taken))


def test_the_rule_itself():
    """Requested (awaiting payment), active and completed hold a place; waitlisted and cancelled do not."""
    assert set(selectors.PLACE_HOLDING) == {EnrolmentStatus.REQUESTED, EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED}


def test_an_expired_unpaid_hold_is_counted_nowhere(client, live_paid):
    course, first, second = live_paid
    holds = []
    for session in (first, second):
        person, office = member()
        holds.append(enrolment_services.enrolment_create(person=person, office=office, course=course, session=session))
    assert [h.status for h in holds] == [EnrolmentStatus.REQUESTED] * 2
    later = timezone.now() + enrolment_services.PAYMENT_HOLD + datetime.timedelta(minutes=1)
    assert sorted(e.pk for e in enrolment_services.enrolments_expire_unpaid(now=later)) == sorted(h.pk for h in holds)
    assert_every_counter_says(client, course, first, second, taken=0)


def test_a_direct_payment_keeps_the_place_the_member_already_holds(client, live_paid):
    """A member whose requested (unpaid) enrolment holds the last place keeps it when the authority pays."""
    course, first, _second = live_paid
    person, office = member()
    held = enrolment_services.enrolment_create(person=person, office=office, course=course, session=first)
    open_payment = enrolment_services.payment_open(enrolment=held)
    reservation = reimbursement_services.direct_payment_request(member=person, office=office, course=course, session=first)
    reimbursement_services.direct_payment_approve(reservation=reservation, actor=griffie_user(utrecht()))
    held.refresh_from_db()
    open_payment.refresh_from_db()
    assert held.status == EnrolmentStatus.ACTIVE and selectors.taken_places(first) == 1
    assert open_payment.status == PaymentStatus.EXPIRED  # the member no longer pays themselves
    paid = Payment.objects.get(enrolment=held, method=PaymentMethod.AUTHORITY)
    assert (paid.status, paid.amount) == (PaymentStatus.PAID, Decimal("150.00"))
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.GRANTED and reservation.enrolment == held
