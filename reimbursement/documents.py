"""PDF documents rendered with WeasyPrint: the declaratieformulier and the purchase order."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation


def _render_pdf(template, context):
    from weasyprint import HTML  # loaded only when a PDF is rendered: it is heavy, not part of a cycle

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def claim_form_html(claim):
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("reimbursement/pdf/claim_form.html", _claim_context(claim))


def _claim_context(claim):
    return {
        "claim": claim,
        "events": list(claim.events.all()),
        "generated_at": timezone.now(),
    }


def claim_form_pdf(claim):
    """The declaratieformulier: the claim, the legal basis and its full approval history."""
    return _render_pdf("reimbursement/pdf/claim_form.html", _claim_context(claim))


def purchase_order_pdf(reservation):
    return _render_pdf(
        "reimbursement/pdf/purchase_order.html",
        {"reservation": reservation, "authority": reservation.authority, "generated_at": timezone.now()},
    )
