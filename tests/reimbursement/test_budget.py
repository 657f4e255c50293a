"""Budget, caps and four-eyes; concurrent approvals on PostgreSQL with real threads."""

from decimal import Decimal

import pytest

from reimbursement import selectors, services
from reimbursement.models import Claim, ClaimEvent, ClaimStatus, ReservationStatus
from tests.factories import OfficeFactory, griffie_user, utrecht
from tests.reimbursement.concurrency import race

from .factories import make_policy, paid_course, submitted_claim


@pytest.mark.django_db
def test_approval_over_the_budget_is_refused_with_the_numbers(griffie):
    make_policy(budget="150.00")
    first, second = submitted_claim(), submitted_claim()
    services.claim_approve(claim=first, actor=griffie)
    with pytest.raises(services.BudgetError) as error:
        services.claim_approve(claim=second, actor=griffie)
    message = error.value.message
    assert "€ 150,00" in message and "€ 95,00" in message and "€ 55,00" in message
    second.refresh_from_db()
    assert second.status == ClaimStatus.SUBMITTED
    # Approving in part, up to what is left, works.
    services.claim_approve(claim=second, actor=griffie, amount=Decimal("55.00"), reason="Budget op.")
    assert selectors.spent_amount(authority_id=utrecht().pk, year=second.budget_year) == Decimal("150.00")


@pytest.mark.django_db
def test_member_cap_per_year(griffie):
    make_policy(cap_per_member="150.00")
    office = OfficeFactory()
    first, second = submitted_claim(office=office), submitted_claim(office=office)
    other = submitted_claim()
    services.claim_approve(claim=first, actor=griffie)
    with pytest.raises(services.BudgetError, match="maximum per ambtsdrager"):
        services.claim_approve(claim=second, actor=griffie)
    # Another member is not affected by this member's cap.
    services.claim_approve(claim=other, actor=griffie)
    services.claim_approve(claim=second, actor=griffie, amount=Decimal("55.00"), reason="Tot het maximum.")


@pytest.mark.django_db
def test_cap_per_course(griffie):
    make_policy(cap_per_course="80.00")
    claim = submitted_claim()
    with pytest.raises(services.BudgetError, match="maximum per cursus"):
        services.claim_approve(claim=claim, actor=griffie)
    claim = services.claim_approve(claim=claim, actor=griffie, amount=Decimal("80.00"), reason="Maximum per cursus.")
    assert claim.amount_approved == Decimal("80.00")


def _refusal(call):
    with pytest.raises(services.BudgetError) as error:
        call()
    return error.value.message


@pytest.mark.django_db
@pytest.mark.parametrize(
    "limits, expected",
    [
        ({"budget": "150.00"}, "Onvoldoende budget"),
        ({"cap_per_member": "150.00"}, "maximum per ambtsdrager"),
        ({"cap_per_course": "80.00"}, "maximum per cursus"),
    ],
)
def test_approval_and_reservation_refuse_the_same_shortfall_with_the_same_message(griffie, limits, expected):
    make_policy(prior_approval_required=True, **limits)
    office = OfficeFactory()
    if "cap_per_course" not in limits:
        services.claim_approve(claim=submitted_claim(office=office), actor=griffie)  # € 95 spent
    claim = submitted_claim(office=office)
    reservation = services.prior_approval_request(member=office.person, office=office, course=paid_course("95.00", title="Nog een"))
    approval = _refusal(lambda: services.claim_approve(claim=claim, actor=griffie))
    grant = _refusal(lambda: services.prior_approval_approve(reservation=reservation, actor=griffie))
    assert approval == grant and expected in approval
    assert "€ 95,00" in approval  # the amount asked is named
    claim.refresh_from_db()
    reservation.refresh_from_db()
    assert (claim.status, reservation.status) == (ClaimStatus.SUBMITTED, ReservationStatus.REQUESTED)


@pytest.mark.django_db
def test_budget_room_per_cap_and_without_the_decisions_own_reservation(griffie):
    policy = make_policy(budget="500.00", cap_per_member="200.00", cap_per_course="150.00", prior_approval_required=True)
    office = OfficeFactory()
    services.claim_approve(claim=submitted_claim(office=office), actor=griffie)  # € 95 spent
    reservation = services.prior_approval_request(member=office.person, office=office, course=paid_course("60.00"))
    services.prior_approval_approve(reservation=reservation, actor=griffie)  # € 60 reserved
    policy.refresh_from_db()
    room = services.budget_room(policy=policy, member_id=office.person_id)
    assert (room.course, room.member, room.budget) == (Decimal("150.00"), Decimal("45.00"), Decimal("345.00"))
    room = services.budget_room(policy=policy, member_id=office.person_id, exclude_reservation_id=reservation.pk)
    assert (room.member, room.budget) == (Decimal("105.00"), Decimal("405.00"))
    # Another member has the whole cap; no member (an external claim's member erased) has no member cap.
    assert services.budget_room(policy=policy, member_id=OfficeFactory().person_id).member == Decimal("200.00")
    assert services.budget_room(policy=policy, member_id=None).member is None
    # A claim that uses its own prior approval fits: the reserved amount is its own.
    with pytest.raises(services.BudgetError, match="maximum per ambtsdrager"):
        services.budget_check(policy=policy, amount=Decimal("60.00"), member_id=office.person_id)
    services.budget_check(policy=policy, amount=Decimal("60.00"), member_id=office.person_id, own_reservation_id=reservation.pk)


@pytest.mark.django_db
def test_four_eyes_above_the_threshold(griffie, griffie2):
    make_policy(four_eyes_threshold="50.00")
    claim = submitted_claim()
    claim = services.claim_approve(claim=claim, actor=griffie)
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.first_approved_by == griffie
    with pytest.raises(services.FourEyesError, match="tweede"):
        services.claim_approve(claim=claim, actor=griffie)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    claim = services.claim_approve(claim=claim, actor=griffie2)
    assert claim.status == ClaimStatus.APPROVED
    assert claim.decided_by == griffie2
    assert list(claim.events.values_list("action", flat=True))[-2:] == ["first_approval", "approved"]


@pytest.mark.django_db
def test_four_eyes_not_needed_below_the_threshold(griffie):
    make_policy(four_eyes_threshold="100.00")
    claim = services.claim_approve(claim=submitted_claim(), actor=griffie)
    assert claim.status == ClaimStatus.APPROVED


@pytest.mark.django_db
def test_budget_overview_counts_reversals_and_reservations(griffie):
    policy = make_policy(budget="500.00")
    claim = services.claim_approve(claim=submitted_claim(), actor=griffie)
    services.claim_reverse(claim=claim, amount=Decimal("20.00"), reason="Deels terug", actor=griffie)
    submitted_claim()
    budget = selectors.budget_for(policy)
    assert budget.spent == Decimal("75.00")
    assert budget.pending == Decimal("95.00")
    assert budget.left == Decimal("425.00")
    per_role, per_member = selectors.budget_breakdown(policy)
    assert per_role["raadslid"]["spent"] == Decimal("75.00")
    assert per_member[0]["spent"] == Decimal("75.00")


@pytest.mark.django_db(transaction=True)
def test_two_griffie_staff_approving_at_once_never_overspend_the_budget():
    make_policy(budget="150.00")
    one, two = griffie_user(utrecht()), griffie_user(utrecht())
    claims = [submitted_claim(), submitted_claim()]
    results, errors = race([
        lambda: services.claim_approve(claim=claims[0], actor=one),
        lambda: services.claim_approve(claim=claims[1], actor=two),
    ])
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], services.BudgetError)
    assert Claim.objects.filter(status=ClaimStatus.APPROVED).count() == 1
    assert selectors.spent_amount(authority_id=utrecht().pk, year=claims[0].budget_year) == Decimal("95.00")


@pytest.mark.django_db(transaction=True)
def test_two_griffie_staff_approving_the_same_claim_at_once_approve_it_once():
    make_policy(budget="1000.00")
    one, two = griffie_user(utrecht()), griffie_user(utrecht())
    claim = submitted_claim()
    results, errors = race([
        lambda: services.claim_approve(claim=claim, actor=one),
        lambda: services.claim_approve(claim=claim, actor=two),
    ])
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], services.TransitionError)
    assert ClaimEvent.objects.filter(claim=claim, action="approved").count() == 1
    assert selectors.spent_amount(authority_id=utrecht().pk, year=claim.budget_year) == Decimal("95.00")


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_exceed_a_members_cap():
    make_policy(budget="1000.00", cap_per_member="100.00")
    office = OfficeFactory()
    one, two = griffie_user(utrecht()), griffie_user(utrecht())
    claims = [submitted_claim(office=office), submitted_claim(office=office)]
    results, errors = race([
        lambda: services.claim_approve(claim=claims[0], actor=one),
        lambda: services.claim_approve(claim=claims[1], actor=two),
    ])
    assert len(results) == 1 and len(errors) == 1
    assert selectors.spent_amount(authority_id=utrecht().pk, year=claims[0].budget_year, member_id=office.person_id) == Decimal("95.00")


@pytest.mark.django_db(transaction=True)
def test_bulk_approvals_racing_stay_within_the_budget():
    make_policy(budget="300.00")
    one, two = griffie_user(utrecht()), griffie_user(utrecht())
    claims = [submitted_claim() for _ in range(6)]
    results, errors = race([
        lambda: services.claims_approve_bulk(claims=claims[:4], actor=one),
        lambda: services.claims_approve_bulk(claims=claims[2:], actor=two),
    ])
    assert not errors
    spent = selectors.spent_amount(authority_id=utrecht().pk, year=claims[0].budget_year)
    assert spent == Decimal("285.00")  # three claims of € 95 fit in € 300, a fourth never
    assert Claim.objects.filter(status=ClaimStatus.APPROVED).count() == 3
    assert ClaimEvent.objects.filter(action="approved").count() == 3
