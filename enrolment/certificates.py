"""Certificate PDF (WeasyPrint) and its verification link.

The PDF is rendered from the certificate's snapshot only, the same facts the
public page at /certificaat/<code>/ shows, so an edited PDF is caught.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from glashelder.kernel.mail import absolute


def verification_url(certificate):
    return absolute(reverse("enrolment:certificate_verify", args=[certificate.code]))


def certificate_html(certificate):
    with translation.override("nl"):
        return render_to_string(
            "enrolment/certificate_pdf.html",
            {"certificate": certificate, "verification_url": verification_url(certificate)},
        )


def certificate_document(certificate):
    from weasyprint import HTML  # loaded only when a PDF is rendered: it is heavy, not part of a cycle

    return HTML(string=certificate_html(certificate), base_url=str(settings.BASE_DIR)).render()


def certificate_pdf(certificate):
    """The PDF as bytes."""
    return certificate_document(certificate).write_pdf()


def certificate_filename(certificate):
    return f"certificaat-{certificate.code}.pdf"
