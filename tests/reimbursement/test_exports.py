"""The export files for the salary administration (CSV, XLSX, stored once and served again) and the declaratieformulier (PDF)."""

import csv
import datetime
import hashlib
import io
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from openpyxl import load_workbook

from glashelder.models import AuditEvent
from glashelder.privacy import account_delete
from reimbursement import exports, services
from reimbursement.documents import claim_form_pdf
from reimbursement.models import Claim, ClaimEvent, ClaimStatus, ExportFile

from .builders import build_lines_for_old_exports, legacy_export
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


def parse_csv(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def parse_xlsx(content):
    sheet = load_workbook(io.BytesIO(content)).active
    values = list(sheet.iter_rows(values_only=True))
    return list(values[0]), [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_csv_and_xlsx_parse_back_with_the_lines(griffie):
    make_policy(budget="5000.00")
    claims = approved_claims(griffie, ["95.00", "1234.50"])
    services.claim_reverse(claim=claims[0], amount=Decimal("15.00"), reason="Deels terugbetaald", actor=griffie)
    start, end = this_month()
    export = services.claims_export(authority=claims[0].authority, actor=griffie, period_start=start, period_end=end)

    content, filename, content_type = exports.export_file(export, "csv")
    assert content_type == "text/csv; charset=utf-8" and content.startswith("\ufeff".encode())
    assert filename == f"declaraties-GM0344-{start:%Y%m%d}-{end:%Y%m%d}-{export.pk}.csv"
    parsed = parse_csv(content)
    # The claims with their approved amounts, then the reversal as a negative line.
    assert [(r["claim_number"], r["line_type"], r["amount"]) for r in parsed] == [
        (claims[0].number, "declaratie", "95.00"), (claims[1].number, "declaratie", "1234.50"),
        (claims[0].number, "terugdraaiing", "-15.00"),
    ]
    assert sum(Decimal(r["amount"]) for r in parsed) == export.total == Decimal("1314.50")
    first = parsed[0]
    assert first["authority_code"] == "GM0344"
    assert first["role"] == "raadslid" and first["office"] == "Raadslid, Gemeente Utrecht"
    assert first["member"] == claims[0].member_name
    assert "3.3.3" in first["legal_basis"] and first["legal_basis_confirmed"] == "nee"
    assert first["approver"] == griffie.display_name
    assert first["approval_date"] == first["line_date"] == timezone.localdate().isoformat()
    assert first["start_date"] == claims[0].start_date.isoformat()
    assert first["payment_route"] == "ambtsdrager" and first["decision_reference"] == ""
    assert list(first) == [key for key, _ in exports.COLUMNS]

    content, filename, content_type = exports.export_file(export, "xlsx")
    assert filename.endswith(".xlsx") and content_type.startswith("application/vnd.openxmlformats")
    header, rows = parse_xlsx(content)
    assert header == [key for key, _ in exports.COLUMNS]
    assert [row["claim_number"] for row in rows] == [claims[0].number, claims[1].number, claims[0].number]
    # Numbers stay numbers and dates stay dates.
    assert all(isinstance(row["amount"], (int, float)) for row in rows)
    assert [Decimal(str(row["amount"])) for row in rows] == [Decimal("95.00"), Decimal("1234.50"), Decimal("-15.00")]
    assert isinstance(rows[0]["budget_year"], int)
    assert isinstance(rows[0]["start_date"], datetime.datetime) and rows[0]["start_date"].date() == claims[0].start_date
    assert rows[2]["line_type"] == "terugdraaiing" and rows[2]["line_date"].date() == timezone.localdate()


def test_an_unknown_format_is_refused(griffie):
    make_policy()
    claim = approved_claims(griffie, ["95.00"])[0]
    start, end = this_month()
    export = services.claims_export(authority=claim.authority, actor=griffie, period_start=start, period_end=end)
    with pytest.raises(exports.UnknownFormat):
        exports.export_file(export, "pdf")


def test_downloading_again_gives_the_same_bytes_after_the_member_is_gone_and_the_claim_reversed(griffie):
    make_policy()
    claim = approved_claims(griffie, ["95.00"])[0]
    member, name = claim.member, claim.member_name
    start, end = this_month()
    export = services.claims_export(authority=claim.authority, actor=griffie, period_start=start, period_end=end)
    first = {fmt: exports.export_file(export, fmt)[0] for fmt in ("csv", "xlsx")}
    stored = {f.format: f for f in ExportFile.objects.filter(export=export)}
    assert {fmt: stored[fmt].sha256 for fmt in first} == {fmt: hashlib.sha256(first[fmt]).hexdigest() for fmt in first}

    # The member deletes the account, the claim's snapshot is anonymised, the claim is reversed.
    account_delete(user=member)
    Claim.objects.filter(pk=claim.pk).update(member_name="[verwijderd]", course_title="[verwijderd]")
    services.claim_reverse(claim=claim, amount=Decimal("95.00"), reason="Terugbetaald", actor=griffie)

    export.refresh_from_db()
    again = {fmt: exports.export_file(export, fmt)[0] for fmt in ("csv", "xlsx")}
    assert again == first
    assert parse_csv(again["csv"])[0]["member"] == name
    assert parse_xlsx(again["xlsx"])[1][0]["member"] == name
    assert ExportFile.objects.filter(export=export).count() == 2


def test_the_download_view_serves_the_stored_bytes(client, griffie):
    make_policy()
    claim = approved_claims(griffie, ["95.00"])[0]
    start, end = this_month()
    export = services.claims_export(authority=claim.authority, actor=griffie, period_start=start, period_end=end)
    client.force_login(griffie)
    for fmt in ("csv", "xlsx"):
        responses = [client.get(f"/griffie/GM0344/export/{export.pk}/{fmt}/") for _ in range(2)]
        assert responses[0].content == responses[1].content == exports.export_file(export, fmt)[0]
        assert responses[0]["Content-Disposition"] == f'attachment; filename="{exports.filename(export, fmt)}"'
    assert client.get(f"/griffie/GM0344/export/{export.pk}/pdf/").status_code == 404
    assert AuditEvent.objects.filter(action="claims_export_downloaded").count() == 4


def test_an_export_made_before_the_ledger_is_rendered_from_its_lines_once(griffie):
    make_policy()
    claims = approved_claims(griffie, ["95.00", "50.00"])
    export = legacy_export(claims, actor=griffie)
    build_lines_for_old_exports(django_apps, None)
    assert not ExportFile.objects.filter(export=export).exists()

    content = exports.export_file(export, "csv")[0]
    assert [(r["claim_number"], r["amount"]) for r in parse_csv(content)] == [(claims[0].number, "95.00"), (claims[1].number, "50.00")]
    assert ExportFile.objects.filter(export=export).count() == 2
    xlsx = exports.export_file(export, "xlsx")[0]
    # From now on the stored bytes are served.
    assert exports.export_file(export, "csv")[0] == content and exports.export_file(export, "xlsx")[0] == xlsx
    assert ExportFile.objects.filter(export=export).count() == 2
    assert AuditEvent.objects.filter(action="claims_export_files_stored").count() == 1


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
    assert "€\u00a095,00" in text
