"""Exports for the salary administration (CSV, XLSX) and the declaratieformulier (PDF)."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from glashelder.models import AuditEvent
from reimbursement import exports, services
from reimbursement.documents import claim_form_pdf
from reimbursement.models import ClaimEvent, ClaimStatus

from .factories import make_policy, submitted_claim

pytestmark = pytest.mark.django_db


def approved_claims(griffie, amounts):
    claims = []
    for amount in amounts:
        claim = submitted_claim(amount=amount)
        claims.append(services.claim_approve(claim=claim, actor=griffie))
    return claims


def this_month():
    today = timezone.localdate()
    return today.replace(day=1), today


def test_export_marks_claims_exported_and_a_second_export_has_none(griffie):
    make_policy(budget="5000.00")
    claims = approved_claims(griffie, ["95.00", "120.50"])
    still_submitted = submitted_claim()
    start, end = this_month()
    export = services.claims_export(authority=claims[0].authority, actor=griffie, period_start=start, period_end=end)
    assert export.claim_count == 2 and export.total == Decimal("215.50")
    for claim in claims:
        claim.refresh_from_db()
        assert claim.status == ClaimStatus.EXPORTED and claim.export == export
        assert claim.events.last().action == "exported"
    still_submitted.refresh_from_db()
    assert still_submitted.status == ClaimStatus.SUBMITTED
    assert AuditEvent.objects.filter(action="claims_exported").count() == 1
    with pytest.raises(services.NothingToExportError):
        services.claims_export(authority=claims[0].authority, actor=griffie, period_start=start, period_end=end)
    assert ClaimEvent.objects.filter(action="exported").count() == 2


def test_export_outside_the_period_is_empty(griffie):
    make_policy()
    claim = approved_claims(griffie, ["95.00"])[0]
    with pytest.raises(services.NothingToExportError):
        services.claims_export(authority=claim.authority, actor=griffie, period_start=timezone.datetime(2025, 1, 1).date(),
                               period_end=timezone.datetime(2025, 1, 31).date())


def test_export_by_another_griffie_is_refused(griffie, griffie_amsterdam):
    make_policy()
    claim = approved_claims(griffie, ["95.00"])[0]
    start, end = this_month()
    with pytest.raises(services.NotAllowedError):
        services.claims_export(authority=claim.authority, actor=griffie_amsterdam, period_start=start, period_end=end)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_csv_and_xlsx_parse_back_with_the_amounts(griffie):
    from openpyxl import load_workbook

    make_policy(budget="5000.00")
    claims = approved_claims(griffie, ["95.00", "1234.50"])
    services.claim_reverse(claim=claims[0], amount=Decimal("15.00"), reason="Deels terugbetaald", actor=griffie)
    start, end = this_month()
    export = services.claims_export(authority=claims[0].authority, actor=griffie, period_start=start, period_end=end)
    rows = list(export.claims.order_by("pk"))

    text = exports.to_csv(rows).decode("utf-8-sig")
    parsed = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [r["claim_number"] for r in parsed] == [c.number for c in claims]
    assert [Decimal(r["amount"]) for r in parsed] == [Decimal("80.00"), Decimal("1234.50")]
    first = parsed[0]
    assert first["authority_code"] == "GM0344"
    assert first["role"] == "raadslid"
    assert first["member"] == claims[0].member_name
    assert "3.3.3" in first["legal_basis"] and first["legal_basis_confirmed"] == "nee"
    assert first["approver"] == griffie.display_name
    assert first["approval_date"] == timezone.localdate().isoformat()
    assert set(first) == {key for key, _ in exports.COLUMNS}

    workbook = load_workbook(io.BytesIO(exports.to_xlsx(rows)))
    sheet = workbook.active
    values = list(sheet.iter_rows(values_only=True))
    header = list(values[0])
    assert header == [key for key, _ in exports.COLUMNS]
    amounts = [Decimal(str(row[header.index("amount")])) for row in values[1:]]
    assert amounts == [Decimal("80.00"), Decimal("1234.50")]
    assert [row[header.index("claim_number")] for row in values[1:]] == [c.number for c in claims]


def pdf_text(claim):
    """The text WeasyPrint lays out for the declaratieformulier."""
    from weasyprint import HTML

    from reimbursement.documents import claim_form_html

    document = HTML(string=claim_form_html(claim)).render()
    texts = []

    def walk(box):
        text = getattr(box, "text", None)
        if text:
            texts.append(text)
        for child in getattr(box, "children", []) or []:
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(texts)


def test_claim_form_pdf_renders_with_number_legal_basis_and_history(griffie):
    make_policy()
    claim = approved_claims(griffie, ["95.00"])[0]
    pdf = claim_form_pdf(claim)
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000
    text = pdf_text(claim)
    assert claim.number in text
    assert "3.3.3" in text and "Rechtspositiebesluit" in text
    assert "niet gecontroleerd" in text
    assert "Goedgekeurd" in text and griffie.display_name in text
    assert "€ 95,00" in text
