"""Responses shared by the griffie's and the member's claim pages: the claim form and the invoice."""

import mimetypes
import os

from django.http import FileResponse, Http404, HttpResponse

from ..documents import claim_form_pdf

PAGE_SIZE = 25


def pdf_response(claim):
    response = HttpResponse(claim_form_pdf(claim), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="declaratie-{claim.number}.pdf"'
    return response


def invoice_response(claim):
    if not claim.invoice:
        raise Http404
    try:
        handle = claim.invoice.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(claim.invoice.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=os.path.basename(claim.invoice.name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
