"""Personal data hooks: export of the member's claims, and erasure keeping decided claims for 7 years."""

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reimbursement import services
from reimbursement.models import Claim, ClaimEvent, ClaimStatus
from reimbursement.wagtail_hooks import erase_claims, export_claims

from .factories import draft_claim, make_policy, paid_course, submitted_claim

pytestmark = pytest.mark.django_db


def test_export_contains_the_members_claims_and_events_as_plain_json(policy, griffie):
    claim = submitted_claim()
    services.claim_approve(claim=claim, actor=griffie)
    other = draft_claim()
    data = export_claims(claim.member)
    json.dumps(data)  # plain JSON data
    rows = data["declaraties"]["declaraties"]
    assert [r["nummer"] for r in rows] == [claim.number]
    assert rows[0]["toegekend"] == "95.00"
    assert [e["gebeurtenis"] for e in rows[0]["geschiedenis"]] == ["prepared", "submitted", "approved"]
    assert other.number not in json.dumps(data)


def test_erase_deletes_undecided_and_keeps_decided_claims_without_the_person(
    policy, griffie, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    decided = submitted_claim()
    member = decided.member
    Claim.objects.filter(pk=decided.pk).update(member_remark="persoonlijk")
    services.claim_approve(claim=decided, actor=griffie)
    rejected = submitted_claim(office=decided.office)
    services.claim_reject(claim=rejected, actor=griffie, reason="Nee")
    undecided = draft_claim(office=decided.office)
    returned = submitted_claim(office=decided.office)
    services.claim_return(claim=returned, actor=griffie, question="?")
    undecided.invoice.save("factuur.pdf", SimpleUploadedFile("factuur.pdf", b"%PDF-1.4 x"), save=True)
    invoice_path = tmp_path / undecided.invoice.name
    assert invoice_path.exists()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        erase_claims(member)
        # The invoice is removed only once the deletion is committed.
        assert invoice_path.exists()
    for callback in callbacks:
        callback()
    assert not invoice_path.exists()

    assert not Claim.objects.filter(pk__in=[undecided.pk, returned.pk]).exists()
    assert not ClaimEvent.objects.filter(claim_id__in=[undecided.pk, returned.pk]).exists()
    for claim in (decided, rejected):
        claim.refresh_from_db()
        assert claim.member is None and claim.office is None
        assert claim.member_remark == ""
        assert claim.member_name and claim.role == "raadslid" and claim.authority_code == "GM0344"
    # Retention: the decided claims keep their decision and amounts.
    assert (decided.status, decided.amount_approved) == (ClaimStatus.APPROVED, Decimal("95.00"))
    assert rejected.status == ClaimStatus.REJECTED
    assert not ClaimEvent.objects.filter(actor=member).exists()
    # One `anonymised` event per kept claim, in its history after the decision; the status is unchanged.
    for claim, decision in ((decided, "approved"), (rejected, "rejected")):
        events = list(claim.events.order_by("at", "pk"))
        assert [e.action for e in events][-2:] == [decision, ClaimEvent.Action.ANONYMISED]
        assert (events[-1].from_status, events[-1].to_status) == (claim.status, claim.status)
        assert events[-1].actor is None and events[-1].reason
    assert ClaimEvent.objects.filter(action=ClaimEvent.Action.ANONYMISED).count() == 2
    assert export_claims(member)["declaraties"]["declaraties"] == []


def test_erase_releases_open_requests_and_unused_prior_approvals_but_keeps_a_direct_payment(griffie):
    from reimbursement import selectors
    from reimbursement.models import Reservation, ReservationKind, ReservationStatus
    from tests.factories import OfficeFactory

    policy = make_policy(prior_approval_required=True, direct_payment_allowed=True)
    office = OfficeFactory()
    member = office.person
    granted = services.prior_approval_request(member=member, office=office, course=paid_course("60.00"))
    services.prior_approval_approve(reservation=granted, actor=griffie)
    asked = services.prior_approval_request(member=member, office=office, course=paid_course("70.00"), remark="Graag, voor mijn portefeuille")
    direct = services.direct_payment_request(member=member, office=office, course=paid_course("80.00"))
    services.direct_payment_approve(reservation=direct, actor=griffie)
    assert selectors.budget_for(policy).reserved == Decimal("140.00")

    erase_claims(member)

    statuses = dict(Reservation.objects.values_list("pk", "status"))
    assert statuses == {
        granted.pk: ReservationStatus.RELEASED, asked.pk: ReservationStatus.RELEASED, direct.pk: ReservationStatus.GRANTED,
    }
    assert selectors.budget_for(policy).reserved == Decimal("80.00")
    assert not Reservation.objects.filter(member=member).exists()
    assert not Reservation.objects.exclude(member_remark="").exists()
    assert Reservation.objects.get(pk=direct.pk).kind == ReservationKind.DIRECT_PAYMENT
