"""Every claim transition, every forbidden one, and the append-only history."""

from decimal import Decimal

import pytest
from django.core import mail

from glashelder.models import AuditEvent
from reimbursement import services
from reimbursement.models import Claim, ClaimEvent, ClaimStatus
from tests.factories import UserFactory

from .factories import draft_claim, make_policy, submitted_claim

pytestmark = pytest.mark.django_db


def actions(claim):
    return list(ClaimEvent.objects.filter(claim=claim).order_by("at", "pk").values_list("action", flat=True))


def unchanged(claim, expected_status, events_before):
    claim.refresh_from_db()
    assert claim.status == expected_status
    assert ClaimEvent.objects.filter(claim=claim).count() == events_before


def test_submit_needs_the_non_partisan_statement(policy):
    claim = draft_claim()
    with pytest.raises(services.EligibilityError, match="niet partijpolitiek"):
        services.claim_submit(claim=claim, member=claim.member)
    unchanged(claim, ClaimStatus.DRAFT, 1)


def test_submit_needs_a_functional_reason(policy):
    claim = draft_claim()
    services.claim_update(claim=claim, member=claim.member, functional_reason="  ", member_remark="", non_partisan_statement=True)
    with pytest.raises(services.EligibilityError, match="functiegericht"):
        services.claim_submit(claim=claim, member=claim.member)


def test_member_submits_after_review_in_two_steps(policy):
    claim = draft_claim()
    services.claim_update(
        claim=claim, member=claim.member, functional_reason=claim.functional_reason, member_remark="Graag", non_partisan_statement=True
    )
    claim = services.claim_submit(claim=claim, member=claim.member)
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.submitted_at is not None
    assert actions(claim) == ["prepared", "updated", "submitted"]


def test_only_the_member_can_submit(policy):
    claim = draft_claim()
    claim.non_partisan_statement = True
    claim.save()
    with pytest.raises(services.NotAllowedError):
        services.claim_submit(claim=claim, member=UserFactory())
    unchanged(claim, ClaimStatus.DRAFT, 1)


def test_withdraw_until_decided(policy):
    claim = submitted_claim()
    claim = services.claim_withdraw(claim=claim, member=claim.member)
    assert claim.status == ClaimStatus.DRAFT
    assert actions(claim)[-1] == "withdrawn"


def test_withdraw_after_decision_is_refused(policy, griffie):
    claim = submitted_claim()
    services.claim_approve(claim=claim, actor=griffie)
    count = ClaimEvent.objects.filter(claim=claim).count()
    with pytest.raises(services.TransitionError, match="intrekken"):
        services.claim_withdraw(claim=claim, member=claim.member)
    unchanged(claim, ClaimStatus.APPROVED, count)


def test_return_and_resubmit(policy, griffie, django_capture_on_commit_callbacks):
    claim = submitted_claim()
    with django_capture_on_commit_callbacks(execute=True):
        claim = services.claim_return(claim=claim, actor=griffie, question="Welke module ging over de begroting?")
    assert claim.status == ClaimStatus.RETURNED
    assert claim.decision_reason == "Welke module ging over de begroting?"
    assert len(mail.outbox) == 1 and claim.number in mail.outbox[0].subject
    services.claim_update(
        claim=claim, member=claim.member, functional_reason=claim.functional_reason, member_remark="Module 2.",
        non_partisan_statement=True,
    )
    claim = services.claim_resubmit(claim=claim, member=claim.member)
    assert claim.status == ClaimStatus.SUBMITTED
    assert actions(claim) == ["prepared", "submitted", "returned", "updated", "resubmitted"]


def test_return_needs_a_question(policy, griffie):
    claim = submitted_claim()
    with pytest.raises(services.InvalidInput, match="vraag"):
        services.claim_return(claim=claim, actor=griffie, question="")
    unchanged(claim, ClaimStatus.SUBMITTED, 2)


def test_resubmit_only_from_returned(policy):
    claim = submitted_claim()
    with pytest.raises(services.TransitionError):
        services.claim_resubmit(claim=claim, member=claim.member)
    unchanged(claim, ClaimStatus.SUBMITTED, 2)


def test_approve_in_full(policy, griffie, django_capture_on_commit_callbacks):
    claim = submitted_claim()
    with django_capture_on_commit_callbacks(execute=True):
        claim = services.claim_approve(claim=claim, actor=griffie)
    assert claim.status == ClaimStatus.APPROVED
    assert claim.amount_approved == Decimal("95.00")
    assert claim.decided_by == griffie and claim.decided_by_name == griffie.display_name
    assert actions(claim)[-1] == "approved"
    assert AuditEvent.objects.filter(action="claim_approved", target=claim.number).exists()
    assert len(mail.outbox) == 1
    assert claim.member.email in mail.outbox[0].to
    assert "goedgekeurd" in mail.outbox[0].subject
    assert mail.outbox[0].alternatives  # plain and HTML


def test_approve_in_part_needs_a_reason(policy, griffie):
    claim = submitted_claim()
    with pytest.raises(services.InvalidInput, match="reden"):
        services.claim_approve(claim=claim, actor=griffie, amount=Decimal("50.00"))
    unchanged(claim, ClaimStatus.SUBMITTED, 2)
    claim = services.claim_approve(claim=claim, actor=griffie, amount=Decimal("50.00"), reason="Reiskosten niet vergoed.")
    assert claim.amount_approved == Decimal("50.00")
    assert actions(claim)[-1] == "partially_approved"
    assert ClaimEvent.objects.filter(claim=claim).last().reason == "Reiskosten niet vergoed."


def test_approve_more_than_requested_is_refused(policy, griffie):
    claim = submitted_claim()
    with pytest.raises(services.InvalidInput, match="niet meer goedkeuren"):
        services.claim_approve(claim=claim, actor=griffie, amount=Decimal("95.01"))
    unchanged(claim, ClaimStatus.SUBMITTED, 2)


@pytest.mark.parametrize("amount", [Decimal("0.00"), Decimal("-5.00"), Decimal("95.01")])
def test_a_bad_amount_is_invalid_input_and_changes_nothing(policy, griffie, amount, django_capture_on_commit_callbacks):
    claim = submitted_claim()
    audits = AuditEvent.objects.count()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(services.InvalidInput) as refused:
            services.claim_approve(claim=claim, actor=griffie, amount=amount)
    # Bad input, not a wrong state: the claim could be approved with a good amount.
    assert not isinstance(refused.value, services.TransitionError)
    unchanged(claim, ClaimStatus.SUBMITTED, 2)
    claim.refresh_from_db()
    assert claim.amount_approved is None and claim.decided_by is None
    assert AuditEvent.objects.count() == audits and callbacks == [] and mail.outbox == []
    assert services.claim_approve(claim=claim, actor=griffie).status == ClaimStatus.APPROVED


def test_reject_needs_a_reason(policy, griffie):
    claim = submitted_claim()
    with pytest.raises(services.InvalidInput, match="reden"):
        services.claim_reject(claim=claim, actor=griffie, reason=" ")
    unchanged(claim, ClaimStatus.SUBMITTED, 2)
    claim = services.claim_reject(claim=claim, actor=griffie, reason="Partijpolitieke inhoud.")
    assert claim.status == ClaimStatus.REJECTED
    assert actions(claim)[-1] == "rejected"


@pytest.mark.parametrize("status", [ClaimStatus.DRAFT, ClaimStatus.RETURNED, ClaimStatus.APPROVED, ClaimStatus.REJECTED, ClaimStatus.EXPORTED])
def test_griffie_decisions_only_on_submitted_claims(policy, griffie, status):
    claim = draft_claim()
    Claim.objects.filter(pk=claim.pk).update(status=status)
    for call in (
        lambda: services.claim_approve(claim=claim, actor=griffie),
        lambda: services.claim_reject(claim=claim, actor=griffie, reason="x"),
        lambda: services.claim_return(claim=claim, actor=griffie, question="x"),
    ):
        with pytest.raises(services.TransitionError):
            call()
    unchanged(claim, status, 1)


@pytest.mark.parametrize("status", [ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.REJECTED, ClaimStatus.EXPORTED])
def test_member_cannot_edit_or_submit_a_claim_in_the_griffies_hands(policy, status):
    claim = draft_claim()
    claim.non_partisan_statement = True
    claim.save()
    Claim.objects.filter(pk=claim.pk).update(status=status)
    with pytest.raises(services.TransitionError):
        services.claim_submit(claim=claim, member=claim.member)
    with pytest.raises(services.TransitionError):
        services.claim_update(claim=claim, member=claim.member, functional_reason="x", member_remark="", non_partisan_statement=True)
    unchanged(claim, status, 1)


def test_griffie_of_another_authority_cannot_decide(policy, griffie_amsterdam):
    claim = submitted_claim()
    with pytest.raises(services.NotAllowedError):
        services.claim_approve(claim=claim, actor=griffie_amsterdam)
    with pytest.raises(services.NotAllowedError):
        services.claim_reject(claim=claim, actor=griffie_amsterdam, reason="x")
    unchanged(claim, ClaimStatus.SUBMITTED, 2)


def test_a_griffie_member_cannot_decide_on_their_own_claim(policy):
    from glashelder.offices.models import GriffieMember
    from tests.factories import add_totp, utrecht

    claim = submitted_claim()
    GriffieMember.objects.create(user=claim.member, authority=utrecht())
    add_totp(claim.member)
    with pytest.raises(services.NotAllowedError, match="eigen"):
        services.claim_approve(claim=claim, actor=claim.member)


def test_reverse_by_event_keeps_the_decision(policy, griffie):
    claim = submitted_claim()
    services.claim_approve(claim=claim, actor=griffie)
    claim = services.claim_reverse(claim=claim, amount=Decimal("30.00"), reason="Deels terugbetaald.", actor=griffie)
    assert claim.status == ClaimStatus.APPROVED
    assert claim.amount_approved == Decimal("95.00")
    assert claim.net_approved == Decimal("65.00")
    assert actions(claim)[-1] == "reversed"
    with pytest.raises(services.InvalidInput):  # more than is still approved: bad input, nothing changes
        services.claim_reverse(claim=claim, amount=Decimal("65.01"), reason="te veel", actor=griffie)
    claim.refresh_from_db()
    assert claim.net_approved == Decimal("65.00")


def test_reverse_only_decided_approvals(policy, griffie):
    claim = submitted_claim()
    with pytest.raises(services.TransitionError):
        services.claim_reverse(claim=claim, amount=Decimal("1.00"), reason="x", actor=griffie)


def test_events_are_append_only(policy):
    claim = draft_claim()
    event = ClaimEvent.objects.get(claim=claim)
    event.reason = "changed"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
    assert ClaimEvent.objects.get(claim=claim).reason == ""


def test_changing_the_policy_never_changes_a_decided_claim(griffie):
    policy = make_policy()
    claim = submitted_claim()
    services.claim_approve(claim=claim, actor=griffie)
    policy.budget = Decimal("10.00")
    policy.eligible_roles = ["wethouder"]
    policy.save()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.amount_approved == Decimal("95.00")
    assert claim.role == "raadslid"


def test_claims_of_executives_need_the_college_decision_when_the_policy_says_so(griffie):
    from glashelder.kernel.choices import Role
    from tests.factories import OfficeFactory

    make_policy(executive_approver="college")
    claim = submitted_claim(office=OfficeFactory(role=Role.WETHOUDER))
    with pytest.raises(services.InvalidInput, match="kenmerk"):
        services.claim_approve(claim=claim, actor=griffie)
    unchanged(claim, ClaimStatus.SUBMITTED, 2)
    claim = services.claim_approve(claim=claim, actor=griffie, decision_reference="B&W 2026/117")
    assert claim.status == ClaimStatus.APPROVED and claim.decision_reference == "B&W 2026/117"
    # A raadslid's claim is still the griffie's own decision.
    assert services.claim_approve(claim=submitted_claim(), actor=griffie).status == ClaimStatus.APPROVED
