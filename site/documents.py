"""Wagtail documents: checked by content and size before they are stored
(settings.WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

from wagtail.documents.forms import BaseDocumentForm

from .kernel.uploads import validate_document


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            validate_document(uploaded)
        return uploaded
