"""The files of an export for the salary administration: columns, one cell writer, CSV and XLSX.

Rendered from the export's `ExportLine`s only (never from the claims), once, when the export is
made; the bytes are stored and every download serves them. The columns are documented in the
README under "Claim exports". The CSV is UTF-8 with a byte-order mark, `;`-separated, amounts as
plain decimals with a point (`95.00`, `-15.00`) and dates in ISO 8601; the XLSX has one sheet
in which amounts are numbers and dates are dates.
"""

import csv
import datetime
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from .models import ExportFormat, ExportLineKind

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
    ("line_type", "Soort regel"),
    ("line_date", "Datum goedkeuring of terugdraaiing"),
    ("decision_reference", "Kenmerk besluit college"),
]
KEYS = [key for key, _label in COLUMNS]

# The values of the `line_type` column: part of the file format, so never translated.
LINE_TYPES = {ExportLineKind.CLAIM: "declaratie", ExportLineKind.REVERSAL: "terugdraaiing"}

CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
AMOUNT_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"


def line_values(line):
    """The values of one line by column key, typed: text, Decimal, int or date (None when empty)."""
    return {
        "claim_number": line.claim_number,
        "member": line.member_name,
        "office": line.office,
        "role": line.role,
        "authority_code": line.authority_code,
        "authority": line.authority_name,
        "course": line.course_title,
        "provider": line.provider_name,
        "start_date": line.start_date,
        "end_date": line.end_date,
        "amount": line.amount,
        "payment_route": line.payment_route,
        "legal_basis": line.legal_basis_text,
        "legal_basis_confirmed": "ja" if line.legal_basis_confirmed else "nee",
        "budget_year": line.budget_year,
        "approver": line.approver_name,
        "approval_date": line.approval_date,
        "line_type": LINE_TYPES[line.kind],
        "line_date": line.line_date,
        "decision_reference": line.decision_reference,
    }


def cell(value):
    """Every value goes into a file through here, CSV and XLSX alike.

    The one place where a value can be made safe for spreadsheet programs (for example
    neutralising text that starts like a formula) without touching the writers.
    """
    return value


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def render_csv(lines):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(KEYS)
    for line in lines:
        values = line_values(line)
        writer.writerow([_csv_text(cell(values[key])) for key in KEYS])
    # A byte-order mark so spreadsheet programs read the UTF-8 (é, €) correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_xlsx(lines, *, created_at=None):
    workbook = Workbook()
    workbook.properties.creator = "Glashelder"
    if created_at is not None:
        workbook.properties.created = created_at.replace(tzinfo=None)
    sheet = workbook.active
    sheet.title = "Declaraties"
    sheet.append(KEYS)
    for header in sheet[1]:
        header.font = Font(bold=True)
    widths = [len(key) for key in KEYS]
    for row, line in enumerate(lines, start=2):
        values = line_values(line)
        for column, key in enumerate(KEYS, start=1):
            value = cell(values[key])
            target = sheet.cell(row=row, column=column, value=value)
            if isinstance(value, Decimal):
                target.number_format = AMOUNT_FORMAT
            elif isinstance(value, datetime.date):
                target.number_format = DATE_FORMAT
            widths[column - 1] = max(widths[column - 1], len(_csv_text(value)))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = min(max(width + 2, 10), 50)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render(lines, fmt, *, created_at=None):
    """The bytes of the export file in `fmt` for these lines, in the order given."""
    if fmt == ExportFormat.CSV:
        return render_csv(lines)
    if fmt == ExportFormat.XLSX:
        return render_xlsx(lines, created_at=created_at)
    raise LookupError(fmt)


def filename(export, fmt):
    return f"declaraties-{export.authority.cbs_code}-{export.period_start:%Y%m%d}-{export.period_end:%Y%m%d}-{export.pk}.{fmt}"
