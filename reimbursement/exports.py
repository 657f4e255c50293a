"""Downloads of exports for the salary administration (CSV and XLSX).

An export's files are rendered once, from its immutable lines, when the export is made
(`services.claims_export`; the layout is in `export_formats`), and stored with a SHA-256.
`export_file` serves those stored bytes, so downloading an export again always gives the file
that was first sent. An export made before the ledger has lines (built by a migration) but no
files: its files are rendered from its lines on the first download and stored from then on.
"""

from . import services
from .export_formats import COLUMNS, CONTENT_TYPES, KEYS, filename  # noqa: F401  (the file format, for callers and tests)
from .models import ExportFile, ExportFormat


class UnknownFormat(LookupError):
    """There is no export file in this format."""


def export_file(export, fmt):
    """(bytes, file name, content type) of `export` in `fmt` ("csv" or "xlsx"); `UnknownFormat` otherwise."""
    if fmt not in ExportFormat.values:
        raise UnknownFormat(fmt)
    stored = ExportFile.objects.filter(export=export, format=fmt).first()
    if stored is None:
        stored = services.export_files_store(export=export)[fmt]
    return bytes(stored.content), filename(export, fmt), CONTENT_TYPES[fmt]
