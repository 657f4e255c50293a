"""Prior approval (reservation and release), direct payment by the authority, and the reactions to enrolment events."""

from decimal import Decimal

import pytest
from django.core import mail

from enrolment.models import (
    Enrolment,
    EnrolmentStatus,
    OutboxEventKind,
    Payment,
    PaymentMethod,
    PaymentStatus,
)
from reimbursement import selectors, services
from reimbursement.models import Claim, ClaimKind, ClaimStatus, ReservationStatus
from reimbursement.wagtail_hooks import prior_approval_check
from tests.enrolment.outbox import emit_committed
from tests.factories import OfficeFactory, utrecht

from .factories import completed_enrolment, make_policy, paid_course

pytestmark = pytest.mark.django_db


def test_prior_approval_reserves_and_the_claim_uses_it(griffie, django_capture_on_commit_callbacks):
    policy = make_policy(budget="500.00", prior_approval_required=True)
    office = OfficeFactory()
    course = paid_course("120.00")
    # Without prior approval the enrolment is refused, with a link to ask for it.
    refusal = prior_approval_check(person=office.person, office=office, course=course)
    assert "voorafgaande toestemming" in refusal and f"/mijn/toestemming/aanvragen/{course.pk}/" in refusal

    with django_capture_on_commit_callbacks(execute=True):
        reservation = services.prior_approval_request(member=office.person, office=office, course=course, remark="Graag")
    assert reservation.status == ReservationStatus.REQUESTED
    assert reservation.number.startswith("VT-")
    assert griffie.email in mail.outbox[-1].to  # the griffie is told
    with django_capture_on_commit_callbacks(execute=True):
        services.prior_approval_approve(reservation=reservation, actor=griffie)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.GRANTED
    assert office.person.email in mail.outbox[-1].to
    assert selectors.budget_for(policy).reserved == Decimal("120.00")
    assert prior_approval_check(person=office.person, office=office, course=course) is None

    # The member enrols, pays and completes; the claim refers to the approval.
    enrolment = completed_enrolment(office=office, course=course)
    emit_committed(OutboxEventKind.PAYMENT_PAID, enrolment=enrolment, payment=enrolment.payments.first())
    claim = services.claim_prepare(enrolment=enrolment)
    assert claim.kind == ClaimKind.PRIOR_APPROVAL
    assert claim.reservation == reservation
    claim.non_partisan_statement = True
    claim.save()
    services.claim_submit(claim=claim, member=office.person)
    # The reserved amount is the claim's own: approving it does not count it twice.
    make_policy(budget="120.00", prior_approval_required=True)
    services.claim_approve(claim=claim, actor=griffie)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.USED
    budget = selectors.budget_for(policy)
    assert (budget.spent, budget.reserved) == (Decimal("120.00"), Decimal("0.00"))


def test_prior_approval_over_budget_is_refused(griffie):
    make_policy(budget="100.00", prior_approval_required=True)
    office = OfficeFactory()
    reservation = services.prior_approval_request(member=office.person, office=office, course=paid_course("120.00"))
    with pytest.raises(services.BudgetError, match="Onvoldoende budget"):
        services.prior_approval_approve(reservation=reservation, actor=griffie)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.REQUESTED


def test_prior_approval_refused_with_reason(griffie):
    make_policy(prior_approval_required=True)
    office = OfficeFactory()
    reservation = services.prior_approval_request(member=office.person, office=office, course=paid_course())
    with pytest.raises(services.InvalidInput, match="reden"):
        services.prior_approval_reject(reservation=reservation, actor=griffie, reason="")
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.REQUESTED
    services.prior_approval_reject(reservation=reservation, actor=griffie, reason="Geen budget meer dit jaar.")
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.REFUSED
    with pytest.raises(services.TransitionError):
        services.prior_approval_approve(reservation=reservation, actor=griffie)


def test_asking_twice_or_without_the_policy_requiring_it_is_refused(griffie):
    make_policy(prior_approval_required=False)
    office = OfficeFactory()
    course = paid_course()
    with pytest.raises(services.EligibilityError, match="geen voorafgaande toestemming"):
        services.prior_approval_request(member=office.person, office=office, course=course)
    make_policy(prior_approval_required=True)
    services.prior_approval_request(member=office.person, office=office, course=course)
    with pytest.raises(services.EligibilityError, match="al een aanvraag"):
        services.prior_approval_request(member=office.person, office=office, course=course)


def test_cancelled_enrolment_releases_the_reservation(griffie):
    policy = make_policy(prior_approval_required=True)
    office = OfficeFactory()
    course = paid_course()
    reservation = services.prior_approval_request(member=office.person, office=office, course=course)
    services.prior_approval_approve(reservation=reservation, actor=griffie)
    enrolment = Enrolment.objects.create(person=office.person, office=office, course=course, status=EnrolmentStatus.ACTIVE)
    emit_committed(OutboxEventKind.PAYMENT_PAID, enrolment=enrolment)
    assert selectors.budget_for(policy).reserved == Decimal("95.00")
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.save()
    emit_committed(OutboxEventKind.ENROLMENT_CANCELLED, enrolment=enrolment)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.RELEASED
    assert selectors.budget_for(policy).reserved == Decimal("0.00")


def test_direct_payment_activates_the_enrolment_and_sends_a_purchase_order(griffie, django_capture_on_commit_callbacks):
    policy = make_policy(direct_payment_allowed=True)
    office = OfficeFactory()
    course = paid_course("250.00")
    with pytest.raises(services.EligibilityError):
        services.prior_approval_request(member=office.person, office=office, course=course)
    reservation = services.direct_payment_request(member=office.person, office=office, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        services.direct_payment_approve(reservation=reservation, actor=griffie)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.GRANTED
    assert reservation.order_number == f"IO-{reservation.budget_year}-{reservation.pk:06d}"
    enrolment = Enrolment.objects.get(person=office.person, course=course)
    assert enrolment.status == EnrolmentStatus.ACTIVE
    payment = Payment.objects.get(enrolment=enrolment)
    assert (payment.method, payment.status, payment.amount) == (PaymentMethod.AUTHORITY, PaymentStatus.PAID, Decimal("250.00"))
    order = next(m for m in mail.outbox if course.provider.email in m.to)
    assert reservation.order_number in order.subject
    assert "GM0344" in order.body and "€\u00a0250,00" in order.body and "Utrecht" in order.body
    assert order.attachments[0][0].endswith(".pdf") and order.attachments[0][1].startswith(b"%PDF")
    assert selectors.budget_for(policy).reserved == Decimal("250.00")

    # On completion the reserved amount becomes spent through an approved claim; no second claim possible.
    enrolment.status = EnrolmentStatus.COMPLETED
    from django.utils import timezone

    enrolment.completed_at = timezone.now()
    enrolment.save()
    emit_committed(OutboxEventKind.ENROLMENT_COMPLETED, enrolment=enrolment)
    claim = Claim.objects.get(enrolment=enrolment)
    assert claim.kind == ClaimKind.DIRECT_PAYMENT and claim.status == ClaimStatus.APPROVED
    assert claim.amount_approved == Decimal("250.00")
    budget = selectors.budget_for(policy)
    assert (budget.spent, budget.reserved) == (Decimal("250.00"), Decimal("0.00"))


def test_direct_payment_not_allowed_by_policy_is_refused():
    make_policy(direct_payment_allowed=False)
    office = OfficeFactory()
    with pytest.raises(services.EligibilityError, match="niet rechtstreeks"):
        services.direct_payment_request(member=office.person, office=office, course=paid_course())


def test_enrolment_completed_prepares_a_draft(policy):
    enrolment = completed_enrolment()
    emit_committed(OutboxEventKind.ENROLMENT_COMPLETED, enrolment=enrolment)
    assert Claim.objects.get(enrolment=enrolment).status == ClaimStatus.DRAFT


def test_enrolment_completed_for_an_ineligible_enrolment_creates_nothing():
    enrolment = completed_enrolment()  # no policy
    emit_committed(OutboxEventKind.ENROLMENT_COMPLETED, enrolment=enrolment)
    assert not Claim.objects.exists()


def test_refund_reverses_an_approved_claim_by_a_new_event(griffie):
    make_policy()
    enrolment = completed_enrolment()
    claim = services.claim_prepare(enrolment=enrolment)
    claim.non_partisan_statement = True
    claim.save()
    services.claim_submit(claim=claim, member=claim.member)
    services.claim_approve(claim=claim, actor=griffie)
    payment = enrolment.payments.get()
    payment.amount_refunded = Decimal("95.00")
    payment.status = PaymentStatus.REFUNDED
    payment.save()
    emit_committed(OutboxEventKind.PAYMENT_REFUNDED, enrolment=enrolment, payment=payment)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.amount_approved == Decimal("95.00")
    assert claim.net_approved == Decimal("0.00")
    assert claim.events.last().action == "reversed"
    assert selectors.spent_amount(authority_id=utrecht().pk, year=claim.budget_year) == Decimal("0.00")


def test_refund_lowers_an_open_claim(policy):
    enrolment = completed_enrolment()
    claim = services.claim_prepare(enrolment=enrolment)
    enrolment.payments.update(amount_refunded=Decimal("45.00"))
    emit_committed(OutboxEventKind.PAYMENT_REFUNDED, enrolment=enrolment)
    claim.refresh_from_db()
    assert claim.amount_requested == Decimal("50.00")


def test_direct_payment_for_a_live_course_enrols_in_the_chosen_session(griffie, client):
    from courses.choices import CourseFormat
    from tests.factories import make_session

    make_policy(direct_payment_allowed=True)
    office = OfficeFactory()
    course = paid_course("150.00", format=CourseFormat.LIVE)
    session = make_session(course, capacity=1)
    with pytest.raises(services.EligibilityError, match="bijeenkomst"):
        services.direct_payment_request(member=office.person, office=office, course=course)
    client.force_login(office.person)
    page = client.get(f"/mijn/toestemming/aanvragen/{course.pk}/?soort=direct_payment").content.decode()
    assert "Bijeenkomst" in page
    client.post(
        f"/mijn/toestemming/aanvragen/{course.pk}/",
        {"kind": "direct_payment", "office": office.pk, "session": session.pk, "remark": ""},
    )
    reservation = office.person.reservations.get()
    assert reservation.session == session
    # The session fills up before the griffie decides: the approval is refused and nothing changes.
    other = OfficeFactory()
    Enrolment.objects.create(person=other.person, office=other, course=course, session=session, status=EnrolmentStatus.ACTIVE)
    with pytest.raises(services.TransitionError, match="vol"):
        services.direct_payment_approve(reservation=reservation, actor=griffie)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.REQUESTED
    Enrolment.objects.filter(person=other.person).update(status=EnrolmentStatus.CANCELLED)
    services.direct_payment_approve(reservation=reservation, actor=griffie)
    enrolment = Enrolment.objects.get(person=office.person, course=course)
    assert enrolment.session == session and enrolment.status == EnrolmentStatus.ACTIVE


def test_direct_payment_for_a_full_session_is_refused_and_changes_nothing(griffie, django_capture_on_commit_callbacks):
    from courses.choices import CourseFormat
    from glashelder.models import AuditEvent
    from tests.factories import make_session

    policy = make_policy(direct_payment_allowed=True)
    office = OfficeFactory()
    course = paid_course("150.00", format=CourseFormat.LIVE)
    session = make_session(course, capacity=1)
    reservation = services.direct_payment_request(member=office.person, office=office, course=course, session=session)
    # Someone else's unpaid hold takes the last place: a held place counts, paid or not.
    other = OfficeFactory()
    Enrolment.objects.create(person=other.person, office=other, course=course, session=session, status=EnrolmentStatus.REQUESTED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.TransitionError) as refusal:
        services.direct_payment_approve(reservation=reservation, actor=griffie)
    assert refusal.value.message == "De gekozen bijeenkomst is vol of geannuleerd; vraag de ambtsdrager een andere te kiezen."
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.REQUESTED
    assert reservation.enrolment is None and reservation.order_number == "" and reservation.decided_at is None
    assert not Enrolment.objects.filter(person=office.person).exists()
    assert not Payment.objects.exists()
    assert selectors.budget_for(policy).reserved == Decimal("0.00")
    assert not AuditEvent.objects.filter(action__in=("direct_payment_granted", "enrolment_paid_by_authority")).exists()
    assert mail.outbox == []


def test_direct_payment_goes_through_the_enrolment_service(griffie, django_capture_on_commit_callbacks):
    """The approval records the authority's payment as the enrolment app does: outbox event, audit, e-mail."""
    from enrolment.models import OutboxEvent, OutboxEventKind
    from glashelder.models import AuditEvent

    make_policy(direct_payment_allowed=True)
    office = OfficeFactory()
    course = paid_course("80.00")
    reservation = services.direct_payment_request(member=office.person, office=office, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        services.direct_payment_approve(reservation=reservation, actor=griffie)
    reservation.refresh_from_db()
    paid = [e.payment.method for e in OutboxEvent.objects.filter(kind=OutboxEventKind.PAYMENT_PAID, enrolment_id=reservation.enrolment_id)]
    assert paid == [PaymentMethod.AUTHORITY]
    event = AuditEvent.objects.get(action="enrolment_paid_by_authority")
    assert event.target == f"enrolment:{reservation.enrolment_id}" and event.details["reference"] == reservation.order_number
    assert any(office.person.email in m.to and "Inschrijving bevestigd" in m.subject for m in mail.outbox)
    # Approved twice is refused by the reservation's own state, and no second payment appears.
    with pytest.raises(services.TransitionError):
        services.direct_payment_approve(reservation=reservation, actor=griffie)
    assert Payment.objects.filter(enrolment=reservation.enrolment).count() == 1


def test_direct_payment_for_another_session_than_the_members_own_is_refused(griffie):
    from courses.choices import CourseFormat
    from enrolment import services as enrolment_services
    from tests.factories import make_session

    make_policy(direct_payment_allowed=True)
    office = OfficeFactory()
    course = paid_course("150.00", format=CourseFormat.LIVE)
    own, other = make_session(course, capacity=5), make_session(course, capacity=5, days_ahead=21)
    enrolment = enrolment_services.enrolment_create(person=office.person, office=office, course=course, session=own)
    reservation = services.direct_payment_request(member=office.person, office=office, course=course, session=other)
    with pytest.raises(services.TransitionError, match="andere bijeenkomst"):
        services.direct_payment_approve(reservation=reservation, actor=griffie)
    enrolment.refresh_from_db()
    reservation.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.REQUESTED and enrolment.session == own
    assert reservation.status == ReservationStatus.REQUESTED and not Payment.objects.exists()
