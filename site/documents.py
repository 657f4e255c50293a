"""Wagtail documents: checked by content and size before they are stored
(settings.WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

from .kernel.uploads import DOCUMENT_MAX_SIZE, DOCUMENT_TYPES, validate_upload


def validate_document(uploaded):
    """The file's content must match its extension (a .pdf must be a PDF, ...)."""
    extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    content_type = DOCUMENT_TYPES.get(extension)
    if content_type is None:
        raise ValidationError(_("Dit bestandstype is niet toegestaan."), code="bad_type")
    return validate_upload(uploaded, allowed=(content_type,), max_size=DOCUMENT_MAX_SIZE)


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            validate_document(uploaded)
        return uploaded
