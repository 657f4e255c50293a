"""Exports of approved claims for the salary administration (CSV and XLSX).

The columns are documented in the README under "Claim exports". Amounts are
written as plain decimals with a point (CSV) or as numbers (XLSX), so the
salary administration can read them without locale guessing.
"""

import csv
import io

from django.utils import timezone

COLUMNS = [
    ("claim_number", "Declaratienummer"),
    ("member", "Naam"),
    ("office", "Ambt"),
    ("role", "Rolcode"),
    ("authority_code", "CBS-code"),
    ("authority", "Overheid"),
    ("course", "Cursus"),
    ("provider", "Aanbieder"),
    ("start_date", "Begindatum"),
    ("end_date", "Einddatum"),
    ("amount", "Bedrag"),
    ("payment_route", "Betaalroute"),
    ("legal_basis", "Wettelijke grondslag"),
    ("legal_basis_confirmed", "Grondslag gecontroleerd"),
    ("budget_year", "Begrotingsjaar"),
    ("approver", "Goedgekeurd door"),
    ("approval_date", "Goedkeuringsdatum"),
]


def rows(claims):
    for claim in claims:
        yield {
            "claim_number": claim.number,
            "member": claim.member_name,
            "office": f"{claim.get_role_display()}, {claim.authority_name}",
            "role": claim.role,
            "authority_code": claim.authority_code,
            "authority": claim.authority_name,
            "course": claim.course_title,
            "provider": claim.provider_name,
            "start_date": claim.start_date.isoformat(),
            "end_date": claim.end_date.isoformat(),
            "amount": claim.net_approved,
            "payment_route": "aanbieder (inkooporder)" if claim.kind == "direct_payment" else "ambtsdrager",
            "legal_basis": claim.legal_basis_text,
            "legal_basis_confirmed": "ja" if claim.legal_basis_confirmed else "nee",
            "budget_year": claim.budget_year,
            "approver": claim.decided_by_name,
            "approval_date": timezone.localtime(claim.decided_at).date().isoformat() if claim.decided_at else "",
        }


def to_csv(claims):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([key for key, _ in COLUMNS])
    for row in rows(claims):
        writer.writerow([f"{row[key]:.2f}" if key == "amount" else row[key] for key, _ in COLUMNS])
    # A byte-order mark so spreadsheet programs read the UTF-8 (é, €) correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(claims):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Declaraties"
    sheet.append([key for key, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    amount_col = [key for key, _ in COLUMNS].index("amount") + 1
    for row in rows(claims):
        sheet.append([row[key] for key, _ in COLUMNS])
        sheet.cell(row=sheet.max_row, column=amount_col).number_format = "#,##0.00"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 50)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
