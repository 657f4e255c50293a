"""Load the gemeenten and provincies (CBS codes) from the CSV files in enrolment/data/.

The whole file is validated before anything is written; a malformed file is
refused with the line number and loads nothing. Loading twice changes nothing.
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from glashelder.kernel.choices import AuthorityKind

from .models import Authority

DATA_DIR = Path(__file__).resolve().parent / "data"
GEMEENTE_CODE = re.compile(r"^GM\d{4}$")
PROVINCIE_CODE = re.compile(r"^PV\d{2}$")


class ReferenceDataError(Exception):
    def __init__(self, path, line, message):
        self.path, self.line, self.message = path, line, message
        super().__init__(_("%(file)s, regel %(line)s: %(message)s") % {"file": Path(path).name, "line": line, "message": message})


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    province_code: str | None
    line: int


def _read(path, required, code_pattern, with_province):
    rows, seen = [], set()
    try:
        handle = open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise ReferenceDataError(path, 0, _("bestand niet te openen (%(error)s)") % {"error": exc.strerror})
    with handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or [h.strip() for h in header[: len(required)]] != required:
            raise ReferenceDataError(path, 1, _("kopregel moet beginnen met %(columns)s") % {"columns": ",".join(required)})
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                raise ReferenceDataError(
                    path, line, _("%(found)s kolommen gevonden, %(expected)s verwacht") % {"found": len(record), "expected": len(header)}
                )
            data = dict(zip(header, (cell.strip() for cell in record), strict=True))
            code, name = data["code"], data["name"]
            if not code_pattern.match(code):
                raise ReferenceDataError(path, line, _("ongeldige CBS-code %(code)r") % {"code": code})
            if not name:
                raise ReferenceDataError(path, line, _("naam ontbreekt"))
            if code in seen:
                raise ReferenceDataError(path, line, _("CBS-code %(code)s komt twee keer voor") % {"code": code})
            seen.add(code)
            province_code = None
            if with_province:
                province_code = data["province_code"]
                if not PROVINCIE_CODE.match(province_code):
                    raise ReferenceDataError(path, line, _("ongeldige provinciecode %(code)r") % {"code": province_code})
            rows.append(Row(code, name, province_code, line))
    if not rows:
        raise ReferenceDataError(path, 2, _("het bestand bevat geen gegevens"))
    return rows


def load_authorities(gemeenten_path=None, provincies_path=None):
    """Validate both files, then create or update the authorities in one transaction.

    Returns a dict with the numbers created, updated and unchanged.
    """
    gemeenten_path = gemeenten_path or DATA_DIR / "gemeenten.csv"
    provincies_path = provincies_path or DATA_DIR / "provincies.csv"
    provincies = _read(provincies_path, ["code", "name"], PROVINCIE_CODE, with_province=False)
    gemeenten = _read(gemeenten_path, ["code", "name", "province_code"], GEMEENTE_CODE, with_province=True)
    province_codes = {row.code for row in provincies}
    for row in gemeenten:
        if row.province_code not in province_codes:
            raise ReferenceDataError(gemeenten_path, row.line, _("onbekende provincie %(code)s") % {"code": row.province_code})

    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        existing = {a.cbs_code: a for a in Authority.objects.select_for_update()}

        def upsert(kind, row, province=None):
            current = existing.get(row.code)
            if current is None:
                existing[row.code] = Authority.objects.create(kind=kind, cbs_code=row.code, name=row.name, province=province)
                counts["created"] += 1
            elif (current.kind, current.name, current.province_id) != (kind, row.name, province.pk if province else None):
                current.kind, current.name, current.province = kind, row.name, province
                current.save(update_fields=["kind", "name", "province"])
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
            return existing[row.code]

        for row in provincies:
            upsert(AuthorityKind.PROVINCIE, row)
        for row in gemeenten:
            upsert(AuthorityKind.GEMEENTE, row, province=existing[row.province_code])
    return counts
