"""Checks for uploaded files: type by content (magic bytes), not by name, and size.

Used by every form that accepts a file from a person (invoices, logos, documents).
"""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Leading bytes of the file types the platform accepts.
SIGNATURES = {
    "application/pdf": [b"%PDF-"],
    "image/png": [b"\x89PNG\r\n\x1a\n"],
    "image/jpeg": [b"\xff\xd8\xff"],
    "text/csv": [],  # text: checked by decoding instead
    "text/plain": [],  # text: checked by decoding instead
    # Office Open XML and OpenDocument files are ZIP containers.
    "application/vnd.openxmlformats-officedocument": [b"PK\x03\x04"],
    "application/vnd.oasis.opendocument": [b"PK\x03\x04"],
}
TEXT_TYPES = ("text/csv", "text/plain")
LABELS = {
    "application/pdf": "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "text/csv": "CSV",
    "text/plain": "tekst",
    "application/vnd.openxmlformats-officedocument": "Word/Excel/PowerPoint",
    "application/vnd.oasis.opendocument": "OpenDocument",
}
# What each file extension of a Wagtail document must contain.
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument",
    "xlsx": "application/vnd.openxmlformats-officedocument",
    "pptx": "application/vnd.openxmlformats-officedocument",
    "odt": "application/vnd.oasis.opendocument",
    "txt": "text/plain",
    "csv": "text/csv",
}
DOCUMENT_MAX_SIZE = 20 * 1024 * 1024
DEFAULT_MAX_SIZE = 5 * 1024 * 1024


def sniff(uploaded, allowed):
    """The content type of `uploaded` among `allowed`, judged by its first bytes; None if none fits."""
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(position)
    if isinstance(head, str):
        head = head.encode("utf-8")
    for content_type in allowed:
        signatures = SIGNATURES.get(content_type)
        if signatures is None:
            continue
        if content_type in TEXT_TYPES:
            try:
                head.decode("utf-8")
            except UnicodeDecodeError:
                # The head may end in the middle of a character; allow a cut-off tail.
                try:
                    head[:-3].decode("utf-8")
                except UnicodeDecodeError:
                    continue
            if b"\x00" in head:
                continue
            return content_type
        if any(head.startswith(signature) for signature in signatures):
            return content_type
    return None


def validate_upload(uploaded, *, allowed=("application/pdf", "image/png", "image/jpeg"), max_size=DEFAULT_MAX_SIZE):
    """Raise a ValidationError (in Dutch) unless the file is one of `allowed` and not larger than `max_size`."""
    if uploaded is None:
        raise ValidationError(_("Kies een bestand."), code="required")
    if uploaded.size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    if uploaded.size > max_size:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s); het mag hoogstens %(max)s zijn.")
            % {"size": filesizeformat(uploaded.size), "max": filesizeformat(max_size)},
            code="too_large",
        )
    content_type = sniff(uploaded, allowed)
    if content_type is None:
        raise ValidationError(
            _("Dit bestandstype is niet toegestaan. Toegestaan: %(types)s.")
            % {"types": ", ".join(LABELS.get(t, t) for t in allowed)},
            code="bad_type",
        )
    return content_type


def validate_document(uploaded):
    """A Wagtail document: the file's content must match its extension (a .pdf must be a PDF, ...)."""
    extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    content_type = DOCUMENT_TYPES.get(extension)
    if content_type is None:
        raise ValidationError(_("Dit bestandstype is niet toegestaan."), code="bad_type")
    return validate_upload(uploaded, allowed=(content_type,), max_size=DOCUMENT_MAX_SIZE)
