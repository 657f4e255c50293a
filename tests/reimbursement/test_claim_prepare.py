"""Preparing a claim from a completed enrolment, and every eligibility refusal."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.choices import ReviewStatus
from courses.models import CoursePage
from glashelder.kernel.choices import Role
from glashelder.offices.models import Office, OfficeStatus
from reimbursement import services
from reimbursement.models import Claim, ClaimEvent, ClaimKind, ClaimStatus
from tests.factories import OfficeFactory, make_course, provincie_utrecht

from .factories import completed_enrolment, make_policy, paid_course

pytestmark = pytest.mark.django_db


def refusal(enrolment):
    with pytest.raises(services.EligibilityError) as error:
        services.claim_prepare(enrolment=enrolment)
    assert Claim.objects.count() == 0
    return error.value.message


def test_prepares_a_draft_with_snapshot_amount_and_legal_basis(policy):
    course = paid_course("95.00", study_load_hours=Decimal("3.5"))
    enrolment = completed_enrolment(course=course)
    claim = services.claim_prepare(enrolment=enrolment)
    assert claim.status == ClaimStatus.DRAFT
    assert claim.kind == ClaimKind.COURSE
    assert claim.number == f"GH-{timezone.localdate().year}-{claim.pk:06d}"
    assert claim.amount_requested == Decimal("95.00")
    assert claim.member == enrolment.person
    assert claim.member_name == enrolment.person.display_name
    assert claim.role == Role.RAADSLID
    assert claim.authority_code == "GM0344"
    assert claim.course_title == course.title
    assert claim.provider_name == course.provider.name
    assert claim.study_load_hours == Decimal("3.5")
    assert claim.receipt_url == "https://pay.example/receipt/1"
    # Functiegericht prefilled from the learning outcomes.
    assert "U kent de begrotingscyclus." in claim.functional_reason
    # The 2019 article for gemeenten is seeded as unconfirmed.
    assert "3.3.3" in claim.legal_basis_text
    assert claim.legal_basis_confirmed is False
    assert claim.legal_basis is not None
    event = ClaimEvent.objects.get(claim=claim)
    assert event.action == "prepared" and event.to_status == "draft"


def test_amount_is_what_was_paid_net_of_refunds(policy):
    enrolment = completed_enrolment(amount="95.00")
    enrolment.payments.update(amount_refunded=Decimal("20.00"))
    claim = services.claim_prepare(enrolment=enrolment)
    assert claim.amount_requested == Decimal("75.00")


def test_free_course_is_refused(policy):
    course = make_course(title="Gratis", price=Decimal("0"))
    assert "gratis" in refusal(completed_enrolment(course=course, pay=False))


def test_course_not_approved_as_non_partisan_is_refused(policy):
    course = paid_course()
    CoursePage.objects.filter(pk=course.pk).update(review_status=ReviewStatus.REJECTED)
    course.refresh_from_db()
    assert "niet goedgekeurd als niet-partijpolitieke" in refusal(completed_enrolment(course=course))


def test_unverified_office_is_refused(policy):
    office = OfficeFactory(status=OfficeStatus.REQUESTED)
    assert "niet bevestigd" in refusal(completed_enrolment(office=office))


def test_office_not_held_on_the_course_date_is_refused(policy):
    office = OfficeFactory(start_date=datetime.date(2026, 3, 26), end_date=datetime.date(2026, 4, 30))
    message = refusal(completed_enrolment(office=office))
    assert "bekleedde" in message


def test_role_not_eligible_per_policy_is_refused():
    make_policy(eligible_roles=[Role.WETHOUDER])
    assert "kan een raadslid geen scholingskosten declareren" in refusal(completed_enrolment())


def test_after_the_deadline_is_refused():
    make_policy(claim_deadline_days=30)
    enrolment = completed_enrolment(completed_at=timezone.now() - datetime.timedelta(days=45))
    assert "termijn om te declareren is verstreken" in refusal(enrolment)


def test_second_claim_for_the_same_enrolment_is_refused(policy):
    enrolment = completed_enrolment()
    services.claim_prepare(enrolment=enrolment)
    with pytest.raises(services.EligibilityError, match="al een declaratie"):
        services.claim_prepare(enrolment=enrolment)
    assert Claim.objects.count() == 1


def test_no_policy_for_that_year_is_refused():
    assert "geen scholingsregeling" in refusal(completed_enrolment())


def test_policy_of_another_year_does_not_count():
    make_policy(year=timezone.localdate().year - 1)
    assert "geen scholingsregeling" in refusal(completed_enrolment())


def test_no_payment_is_refused(policy):
    assert "geen betaling" in refusal(completed_enrolment(pay=False))


def test_not_completed_is_refused(policy):
    enrolment = completed_enrolment()
    enrolment.status = "active"
    enrolment.save()
    assert "afgerond" in refusal(enrolment)


def test_provincie_uses_the_provincial_article():
    make_policy(provincie_utrecht())
    office = OfficeFactory(authority=provincie_utrecht(), role=Role.STATENLID)
    claim = services.claim_prepare(enrolment=completed_enrolment(office=office))
    assert "2.3.3" in claim.legal_basis_text
    assert claim.authority_code == "PV26"


def test_refusal_helper_returns_the_reason_without_creating(policy):
    enrolment = completed_enrolment(pay=False)
    assert "geen betaling" in services.enrolment_claim_refusal(enrolment=enrolment)
    assert Office.objects.count() == 1
    assert Claim.objects.count() == 0
