"""Authorisation cases for the reimbursement pages (format: tests/authz_world.py).

Every claim, request and export here belongs to gemeente Utrecht and to the world's
`participant`: only Utrecht's `griffie` reaches the griffie pages of these objects and only
the participant their own claim pages; everyone else gets 404. The workspace names its
authority in the path (/griffie/<code>/...): Utrecht's pages answer Utrecht's griffie,
Amsterdam's pages Amsterdam's griffie (`griffie_other`), and a Utrecht object under
Amsterdam's code is a 404 for everyone. The old addresses redirect permanently.
"""

from django.core.files.base import ContentFile
from django.utils import timezone

from reimbursement import services
from reimbursement.models import private_storage
from tests.reimbursement.factories import completed_enrolment, make_policy

GRIFFIES = ("griffie", "griffie_other")
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


def u(path):
    """A page of Utrecht's workspace."""
    return lambda w: f"/griffie/{w.utrecht.cbs_code}/{path}"


def a(path):
    """A page of Amsterdam's workspace."""
    return lambda w: f"/griffie/{w.amsterdam.cbs_code}/{path}"


YEAR = timezone.localdate().year

CASES = [
    # The griffie workspace names its authority: Utrecht's pages answer Utrecht's griffie only,
    # Amsterdam's pages Amsterdam's griffie only; a Utrecht object under Amsterdam's code is a 404.
    ("reimbursement:griffie_home", u(""), "GET", only(200, "griffie")),
    ("reimbursement:griffie_home", a(""), "GET", only(200, "griffie_other")),
    ("reimbursement:griffie_bulk_approve", u("declaraties/goedkeuren/"), "POST", only(302, "griffie")),
    ("reimbursement:griffie_bulk_approve", a("declaraties/goedkeuren/"), "POST", only(302, "griffie_other")),
    ("reimbursement:griffie_claim", lambda w: u(f"declaraties/{w.claim.number}/")(w), "GET", only(200, "griffie")),
    ("reimbursement:griffie_claim", lambda w: a(f"declaraties/{w.claim.number}/")(w), "GET", only(404)),
    ("reimbursement:griffie_claim", lambda w: u(f"declaraties/{w.claim.number}/")(w), "POST", only(200, "griffie")),
    ("reimbursement:griffie_claim_pdf", lambda w: u(f"declaraties/{w.claim.number}/pdf/")(w), "GET", only(200, "griffie")),
    ("reimbursement:griffie_claim_pdf", lambda w: a(f"declaraties/{w.claim.number}/pdf/")(w), "GET", only(404)),
    ("reimbursement:griffie_claim_invoice", lambda w: u(f"declaraties/{w.invoice_claim.number}/factuur/")(w), "GET", only(200, "griffie")),
    ("reimbursement:griffie_claim_invoice", lambda w: a(f"declaraties/{w.invoice_claim.number}/factuur/")(w), "GET", only(404)),
    ("reimbursement:griffie_reservations", u("toestemming/"), "GET", only(200, "griffie")),
    ("reimbursement:griffie_reservations", a("toestemming/"), "GET", only(200, "griffie_other")),
    ("reimbursement:griffie_reservation", lambda w: u(f"toestemming/{w.reservation.number}/")(w), "GET", only(200, "griffie")),
    ("reimbursement:griffie_reservation", lambda w: a(f"toestemming/{w.reservation.number}/")(w), "GET", only(404)),
    ("reimbursement:griffie_reservation", lambda w: u(f"toestemming/{w.reservation.number}/")(w), "POST", only(200, "griffie")),
    ("reimbursement:griffie_policies", u("regeling/"), "GET", only(200, "griffie")),
    ("reimbursement:griffie_policies", a("regeling/"), "GET", only(200, "griffie_other")),
    ("reimbursement:griffie_policy", u(f"regeling/{YEAR}/"), "GET", only(200, "griffie")),
    ("reimbursement:griffie_policy", a(f"regeling/{YEAR}/"), "GET", only(200, "griffie_other")),
    ("reimbursement:griffie_policy", u(f"regeling/{YEAR}/"), "POST", only(200, "griffie")),
    ("reimbursement:griffie_policy", a(f"regeling/{YEAR}/"), "POST", only(200, "griffie_other")),
    ("reimbursement:griffie_budget", u("budget/"), "GET", only(200, "griffie")),
    ("reimbursement:griffie_budget", a("budget/"), "GET", only(200, "griffie_other")),
    ("reimbursement:griffie_exports", u("export/"), "GET", only(200, "griffie")),
    ("reimbursement:griffie_exports", a("export/"), "GET", only(200, "griffie_other")),
    ("reimbursement:griffie_exports", u("export/"), "POST", only(200, "griffie")),
    ("reimbursement:griffie_export_download", lambda w: u(f"export/{w.export.pk}/csv/")(w), "GET", only(200, "griffie")),
    ("reimbursement:griffie_export_download", lambda w: u(f"export/{w.export.pk}/xlsx/")(w), "GET", only(200, "griffie")),
    ("reimbursement:griffie_export_download", lambda w: a(f"export/{w.export.pk}/csv/")(w), "GET", only(404)),
    # Old addresses: a permanent redirect for whoever may see the page, 404 for everyone else
    # (the old chooser only sends everyone to /griffie/, which checks for itself).
    ("reimbursement:griffie_choose_moved", lambda w: "/griffie/overheid/", "POST", {role: 301 for role in EVERYONE}),
    ("reimbursement:griffie_page_moved", lambda w: "/griffie/budget/", "GET", only(301, *GRIFFIES)),
    ("reimbursement:griffie_page_moved", lambda w: "/griffie/declaraties/goedkeuren/", "POST", only(308, *GRIFFIES)),
    ("reimbursement:griffie_page_moved", lambda w: f"/griffie/declaraties/{w.claim.number}/", "GET", only(301, "griffie")),
    ("reimbursement:griffie_page_moved", lambda w: f"/griffie/toestemming/{w.reservation.number}/", "GET", only(301, "griffie")),
    ("reimbursement:griffie_page_moved", lambda w: f"/griffie/export/{w.export.pk}/csv/", "GET", only(301, "griffie")),
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
