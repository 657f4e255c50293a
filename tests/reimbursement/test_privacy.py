"""Personal data hooks: export of the member's claims, and erasure keeping decided claims for 7 years."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reimbursement import services
from reimbursement.models import Claim, ClaimEvent, ClaimStatus
from reimbursement.wagtail_hooks import erase_claims, export_claims

from .factories import draft_claim, submitted_claim

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


def test_erase_deletes_undecided_and_keeps_decided_claims_without_the_person(policy, griffie, settings, tmp_path):
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

    erase_claims(member)

    assert not Claim.objects.filter(pk__in=[undecided.pk, returned.pk]).exists()
    assert not ClaimEvent.objects.filter(claim_id__in=[undecided.pk, returned.pk]).exists()
    assert not invoice_path.exists()
    for claim in (decided, rejected):
        claim.refresh_from_db()
        assert claim.member is None and claim.office is None
        assert claim.member_remark == ""
        assert claim.member_name and claim.role == "raadslid" and claim.authority_code == "GM0344"
    assert decided.status == ClaimStatus.APPROVED and rejected.status == ClaimStatus.REJECTED
    assert not ClaimEvent.objects.filter(actor=member).exists()
    assert ClaimEvent.objects.filter(claim=decided).count() == 3
    assert export_claims(member)["declaraties"]["declaraties"] == []
