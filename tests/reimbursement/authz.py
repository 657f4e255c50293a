"""Authorisation cases for the reimbursement pages (format: tests/authz_world.py).

Every claim, request and export here belongs to gemeente Utrecht and to the world's
`participant`: only Utrecht's `griffie` reaches the griffie pages of these objects and only
the participant their own claim pages; everyone else gets 404. The workspace pages that
are not about one object (queue, budget, policy, exports) answer every griffie member,
each for their own authority.
"""

from django.core.files.base import ContentFile
from django.utils import timezone

from reimbursement import services
from reimbursement.models import private_storage
from tests.reimbursement.factories import completed_enrolment, make_policy

EVERYONE = ("anonymous", "participant", "other_participant", "griffie", "griffie_other", "provider", "other_provider", "redactie", "beheer")


def only(status, *roles, anonymous=302):
    """`status` for `roles`, 404 for every other logged-in role, a redirect to the login page for anonymous."""
    return {**{role: 404 for role in EVERYONE}, "anonymous": anonymous, **{role: status for role in roles}}


def logged_in(status):
    return {**{role: status for role in EVERYONE}, "anonymous": 302}


def setup(world):
    make_policy(world.utrecht, prior_approval_required=True, direct_payment_allowed=True, budget="5000.00")
    # A submitted claim, an approved and exported one, a draft one with an uploaded invoice.
    claim = services.claim_prepare(enrolment=completed_enrolment(office=world.office, course=world.course))
    claim.non_partisan_statement = True
    claim.save()
    world.claim = services.claim_submit(claim=claim, member=world.participant)

    from tests.factories import make_course

    exported_course = make_course(provider=world.provider, title="Cursus rekenkamer en onderzoek", price=95)
    exported = services.claim_prepare(enrolment=completed_enrolment(office=world.office, course=exported_course))
    exported.non_partisan_statement = True
    exported.save()
    services.claim_submit(claim=exported, member=world.participant)
    services.claim_approve(claim=exported, actor=world.griffie)
    today = timezone.localdate()
    world.export = services.claims_export(authority=world.utrecht, actor=world.griffie, period_start=today, period_end=today)

    invoice_course = make_course(provider=world.provider, title="Cursus integriteit", price=120)
    world.invoice_claim = services.claim_prepare(enrolment=completed_enrolment(office=world.office, course=invoice_course))
    name = world.invoice_claim.invoice.field.generate_filename(world.invoice_claim, "factuur-wereld.pdf")
    if private_storage.exists(name):  # a file of an earlier run: replace it rather than pile up copies
        private_storage.delete(name)
    world.invoice_claim.invoice.save("factuur-wereld.pdf", ContentFile(b"%PDF-1.4 authz"), save=True)

    world.enrolment_to_claim = completed_enrolment(
        office=world.office, course=make_course(provider=world.provider, title="Cursus moties", price=45)
    )
    world.reservation = services.prior_approval_request(
        member=world.participant, office=world.office,
        course=make_course(provider=world.provider, title="Cursus enquêterecht", price=150),
    )


CASES = [
    # The griffie workspace: every griffie member for their own authority; others 404.
    ("reimbursement:griffie_home", lambda w: "/griffie/", "GET", only(200, "griffie", "griffie_other")),
    ("reimbursement:griffie_choose_authority", lambda w: "/griffie/overheid/", "POST", only(302, "griffie", "griffie_other")),
    ("reimbursement:griffie_bulk_approve", lambda w: "/griffie/declaraties/goedkeuren/", "POST", only(302, "griffie", "griffie_other")),
    ("reimbursement:griffie_claim", lambda w: f"/griffie/declaraties/{w.claim.number}/", "GET", only(200, "griffie")),
    ("reimbursement:griffie_claim", lambda w: f"/griffie/declaraties/{w.claim.number}/", "POST", only(200, "griffie")),
    ("reimbursement:griffie_claim_pdf", lambda w: f"/griffie/declaraties/{w.claim.number}/pdf/", "GET", only(200, "griffie")),
    ("reimbursement:griffie_claim_invoice", lambda w: f"/griffie/declaraties/{w.invoice_claim.number}/factuur/", "GET", only(200, "griffie")),
    ("reimbursement:griffie_reservations", lambda w: "/griffie/toestemming/", "GET", only(200, "griffie", "griffie_other")),
    ("reimbursement:griffie_reservation", lambda w: f"/griffie/toestemming/{w.reservation.number}/", "GET", only(200, "griffie")),
    ("reimbursement:griffie_reservation", lambda w: f"/griffie/toestemming/{w.reservation.number}/", "POST", only(200, "griffie")),
    ("reimbursement:griffie_policies", lambda w: "/griffie/regeling/", "GET", only(200, "griffie", "griffie_other")),
    ("reimbursement:griffie_policy", lambda w: f"/griffie/regeling/{timezone.localdate().year}/", "GET", only(200, "griffie", "griffie_other")),
    ("reimbursement:griffie_policy", lambda w: f"/griffie/regeling/{timezone.localdate().year}/", "POST", only(200, "griffie", "griffie_other")),
    ("reimbursement:griffie_budget", lambda w: "/griffie/budget/", "GET", only(200, "griffie", "griffie_other")),
    ("reimbursement:griffie_exports", lambda w: "/griffie/export/", "GET", only(200, "griffie", "griffie_other")),
    ("reimbursement:griffie_exports", lambda w: "/griffie/export/", "POST", only(200, "griffie", "griffie_other")),
    ("reimbursement:griffie_export_download", lambda w: f"/griffie/export/{w.export.pk}/csv/", "GET", only(200, "griffie")),
    ("reimbursement:griffie_export_download", lambda w: f"/griffie/export/{w.export.pk}/xlsx/", "GET", only(200, "griffie")),
    # The member's own claims and requests.
    ("reimbursement:member_claims", lambda w: "/mijn/declaraties/", "GET", logged_in(200)),
    ("reimbursement:member_external_claim", lambda w: "/mijn/declaraties/extern/", "GET", logged_in(200)),
    ("reimbursement:member_external_claim", lambda w: "/mijn/declaraties/extern/", "POST", logged_in(200)),
    ("reimbursement:member_claim_prepare", lambda w: f"/mijn/declaraties/inschrijving/{w.enrolment_to_claim.pk}/", "POST", only(302, "participant")),
    ("reimbursement:member_claim", lambda w: f"/mijn/declaraties/{w.claim.number}/", "GET", only(200, "participant")),
    ("reimbursement:member_claim", lambda w: f"/mijn/declaraties/{w.invoice_claim.number}/", "POST", only(200, "participant")),
    ("reimbursement:member_claim_pdf", lambda w: f"/mijn/declaraties/{w.claim.number}/pdf/", "GET", only(200, "participant")),
    ("reimbursement:member_claim_invoice", lambda w: f"/mijn/declaraties/{w.invoice_claim.number}/factuur/", "GET", only(200, "participant")),
    ("reimbursement:member_claim_withdraw", lambda w: f"/mijn/declaraties/{w.claim.number}/intrekken/", "POST", only(302, "participant")),
    ("reimbursement:member_reservations", lambda w: "/mijn/toestemming/", "GET", logged_in(200)),
    ("reimbursement:reservation_request", lambda w: f"/mijn/toestemming/aanvragen/{w.course.pk}/", "GET", logged_in(200)),
    ("reimbursement:reservation_request", lambda w: f"/mijn/toestemming/aanvragen/{w.course.pk}/", "POST", logged_in(200)),
]
