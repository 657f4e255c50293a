"""The griffie workspace and the member's pages: rendering, scoping (404), decisions, uploads, query counts."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reimbursement.models import Claim, ClaimKind, ClaimStatus, ReservationStatus, TrainingPolicy
from tests.factories import OfficeFactory, UserFactory, amsterdam, griffie_user

from .factories import completed_enrolment, draft_claim, make_policy, paid_course, submitted_claim

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def login(client, user):
    client.force_login(user)
    return client


def test_griffie_queue_shows_claims_with_budget_left(client, griffie, policy):
    claim = submitted_claim()
    response = login(client, griffie).get("/griffie/GM0344/")
    assert response.status_code == 200
    html = response.content.decode()
    assert claim.number in html and claim.member_name in html
    assert "€\xa01.000,00" in html  # budget left on the claim row and in the summary
    assert html.count("<h1") == 1


def test_queue_filters_and_sorting(client, griffie, policy):
    a = submitted_claim(course=paid_course("95.00", title="Begroting lezen"))
    b = submitted_claim(course=paid_course("120.00", title="Enquêterecht"))
    client = login(client, griffie)
    html = client.get("/griffie/GM0344/", {"course": "enquête"}).content.decode()
    assert b.number in html and a.number not in html
    html = client.get("/griffie/GM0344/", {"sort": "-amount_requested"}).content.decode()
    assert html.index(b.number) < html.index(a.number)
    html = client.get("/griffie/GM0344/", {"status": "approved"}).content.decode()
    assert a.number not in html
    html = client.get("/griffie/GM0344/", {"member": a.member_name.split()[0]}).content.decode()
    assert a.number in html


def test_amsterdam_griffie_gets_404_for_a_utrecht_claim(client, policy, griffie_amsterdam):
    claim = submitted_claim()
    client = login(client, griffie_amsterdam)
    # Neither under Utrecht's code (not theirs) nor under their own (not Amsterdam's claim).
    for code in ("GM0344", "GM0363"):
        assert client.get(f"/griffie/{code}/declaraties/{claim.number}/").status_code == 404
        assert client.get(f"/griffie/{code}/declaraties/{claim.number}/pdf/").status_code == 404
        assert client.post(f"/griffie/{code}/declaraties/{claim.number}/", {"decision": "approve"}).status_code == 404
        client.post(f"/griffie/{code}/declaraties/goedkeuren/", {"claims": [claim.number]})
    assert client.get("/griffie/GM0344/").status_code == 404
    assert claim.number not in client.get("/griffie/GM0363/").content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_member_sees_only_their_own_claims(client, policy):
    mine, theirs = draft_claim(), draft_claim()
    client = login(client, mine.member)
    assert client.get(f"/mijn/declaraties/{mine.number}/").status_code == 200
    assert client.get(f"/mijn/declaraties/{theirs.number}/").status_code == 404
    assert client.get(f"/mijn/declaraties/{theirs.number}/pdf/").status_code == 404
    assert client.post(f"/mijn/declaraties/{theirs.number}/intrekken/").status_code == 404
    html = client.get("/mijn/declaraties/").content.decode()
    assert mine.number in html and theirs.number not in html


def test_participant_gets_404_in_the_griffie_workspace(client, policy):
    claim = submitted_claim()
    client = login(client, claim.member)
    assert client.get("/griffie/").status_code == 404
    assert client.get("/griffie/GM0344/").status_code == 404
    assert client.get(f"/griffie/GM0344/declaraties/{claim.number}/").status_code == 404


def test_member_submits_the_prepared_claim_in_two_clicks(client, policy):
    claim = draft_claim()
    client = login(client, claim.member)
    page = client.get(f"/mijn/declaraties/{claim.number}/")
    assert "Indienen bij de griffie" in page.content.decode()
    response = client.post(
        f"/mijn/declaraties/{claim.number}/",
        {"functional_reason": claim.functional_reason, "member_remark": "", "non_partisan_statement": "on", "submit": "1"},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_submitting_without_the_statement_shows_the_error_next_to_the_field(client, policy):
    claim = draft_claim()
    response = login(client, claim.member).post(
        f"/mijn/declaraties/{claim.number}/", {"functional_reason": claim.functional_reason, "submit": "1"}
    )
    assert response.status_code == 200
    assert "Verklaar dat de scholing niet partijpolitiek was" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT


def test_member_withdraws_and_resubmits_a_returned_claim(client, policy, griffie):
    from reimbursement import services

    claim = submitted_claim()
    services.claim_return(claim=claim, actor=griffie, question="Welke datum?")
    client = login(client, claim.member)
    assert "Welke datum?" in client.get(f"/mijn/declaraties/{claim.number}/").content.decode()
    client.post(
        f"/mijn/declaraties/{claim.number}/",
        {"functional_reason": claim.functional_reason, "member_remark": "12 mei", "non_partisan_statement": "on", "submit": "1"},
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED and claim.member_remark == "12 mei"
    client.post(f"/mijn/declaraties/{claim.number}/intrekken/")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT


def test_member_prepares_a_claim_for_a_completed_enrolment(client, policy):
    enrolment = completed_enrolment()
    client = login(client, enrolment.person)
    assert "Declaratie klaarzetten" in client.get("/mijn/declaraties/").content.decode()
    response = client.post(f"/mijn/declaraties/inschrijving/{enrolment.pk}/")
    claim = Claim.objects.get(enrolment=enrolment)
    assert response["Location"] == f"/mijn/declaraties/{claim.number}/"
    other = completed_enrolment()
    assert client.post(f"/mijn/declaraties/inschrijving/{other.pk}/").status_code == 404


def test_griffie_approves_in_part_rejects_and_returns_through_the_page(client, griffie, policy):
    a, b, c = submitted_claim(), submitted_claim(), submitted_claim()
    client = login(client, griffie)
    page = client.get(f"/griffie/GM0344/declaraties/{a.number}/").content.decode()
    assert "Grondslag niet gecontroleerd" in page and "3.3.3" in page
    client.post(f"/griffie/GM0344/declaraties/{a.number}/", {"decision": "approve", "amount": "60.00", "reason": "Maximum"})
    client.post(f"/griffie/GM0344/declaraties/{b.number}/", {"decision": "reject", "reason": "Partijpolitiek"})
    client.post(f"/griffie/GM0344/declaraties/{c.number}/", {"decision": "return", "reason": "Welke datum?"})
    for claim in (a, b, c):
        claim.refresh_from_db()
    assert (a.status, a.amount_approved) == (ClaimStatus.APPROVED, Decimal("60.00"))
    assert b.status == ClaimStatus.REJECTED and c.status == ClaimStatus.RETURNED
    detail = client.get(f"/griffie/GM0344/declaraties/{a.number}/").content.decode()
    assert "Gedeeltelijk goedgekeurd" in detail and "Maximum" in detail


def test_a_refused_decision_shows_the_reason_and_changes_nothing(client, griffie):
    make_policy(budget="50.00")
    claim = submitted_claim()
    response = login(client, griffie).post(f"/griffie/GM0344/declaraties/{claim.number}/", {"decision": "approve"})
    assert response.status_code == 200
    assert "Onvoldoende budget" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_bulk_approve(client, griffie, policy):
    claims = [submitted_claim() for _ in range(3)]
    login(client, griffie).post("/griffie/GM0344/declaraties/goedkeuren/", {"claims": [c.number for c in claims[:2]]})
    statuses = [Claim.objects.get(pk=c.pk).status for c in claims]
    assert statuses == [ClaimStatus.APPROVED, ClaimStatus.APPROVED, ClaimStatus.SUBMITTED]


def test_policy_form_creates_and_edits_the_years_policy(client, griffie):
    client = login(client, griffie)
    year = timezone.localdate().year
    assert client.get(f"/griffie/GM0344/regeling/{year}/").status_code == 200
    response = client.post(
        f"/griffie/GM0344/regeling/{year}/",
        {"budget": "2500.00", "cap_per_member": "750", "eligible_roles": ["raadslid", "commissielid"], "claim_deadline_days": "60",
         "executive_approver": "griffie", "prior_approval_required": "on"},
    )
    assert response.status_code == 302
    policy = TrainingPolicy.objects.get(year=year)
    assert policy.budget == Decimal("2500.00") and policy.prior_approval_required
    assert policy.eligible_roles == ["raadslid", "commissielid"]
    html = client.get("/griffie/GM0344/regeling/").content.decode()
    assert "€\xa02.500,00" in html
    # A role that does not exist at a gemeente is not offered.
    response = client.post(f"/griffie/GM0344/regeling/{year}/", {"budget": "1", "eligible_roles": ["statenlid"], "claim_deadline_days": "60", "executive_approver": "griffie"})
    assert response.status_code == 200


def test_budget_overview_with_chart_and_tables(client, griffie, policy):
    from reimbursement import services

    services.claim_approve(claim=submitted_claim(), actor=griffie)
    html = login(client, griffie).get("/griffie/GM0344/budget/").content.decode()
    assert "<svg" in html and "Besteed €\xa095,00" in html
    assert "Raadslid" in html
    assert "style=" not in html and "<script" not in html


def test_export_page_creates_and_downloads_csv_and_xlsx(client, griffie, policy):
    from reimbursement import services

    claim = services.claim_approve(claim=submitted_claim(), actor=griffie)
    client = login(client, griffie)
    today = timezone.localdate()
    response = client.post("/griffie/GM0344/export/", {"period_start": today.replace(day=1).isoformat(), "period_end": today.isoformat()})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.EXPORTED
    export = claim.export
    csv_response = client.get(f"/griffie/GM0344/export/{export.pk}/csv/")
    assert csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0]["claim_number"] == claim.number and rows[0]["amount"] == "95.00"
    assert client.get(f"/griffie/GM0344/export/{export.pk}/xlsx/").content[:2] == b"PK"
    # A second export of the same month has nothing.
    response = client.post("/griffie/GM0344/export/", {"period_start": today.replace(day=1).isoformat(), "period_end": today.isoformat()})
    assert "geen goedgekeurde declaraties" in response.content.decode()
    # Another griffie cannot download it, under either code.
    client.force_login(griffie_user(amsterdam()))
    assert client.get(f"/griffie/GM0344/export/{export.pk}/csv/").status_code == 404
    assert client.get(f"/griffie/GM0363/export/{export.pk}/csv/").status_code == 404


def test_claim_pdf_download(client, griffie, policy):
    claim = submitted_claim()
    response = login(client, griffie).get(f"/griffie/GM0344/declaraties/{claim.number}/pdf/")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    client.force_login(claim.member)
    assert client.get(f"/mijn/declaraties/{claim.number}/pdf/").content.startswith(b"%PDF")


def external_post(office, invoice):
    end = timezone.localdate() - timezone.timedelta(days=10)
    return {
        "office": office.pk, "title": "Cursus integriteit", "provider_name": "Academie",
        "start_date": (end - timezone.timedelta(days=1)).isoformat(), "end_date": end.isoformat(), "amount": "180.00", "description": "Twee dagen.", "functional_reason": "Voor mijn ambt.",
        "invoice": invoice,
    }


def test_external_claim_with_invoice_upload_and_authorised_download(client, policy, settings, tmp_path, griffie):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    office = OfficeFactory()
    client = login(client, office.person)
    response = client.post("/mijn/declaraties/extern/", external_post(office, SimpleUploadedFile("factuur.pdf", PDF, "application/pdf")))
    claim = Claim.objects.get(kind=ClaimKind.EXTERNAL)
    assert response["Location"] == f"/mijn/declaraties/{claim.number}/"
    assert claim.amount_requested == Decimal("180.00")
    assert (tmp_path / claim.invoice.name).exists()
    download = client.get(f"/mijn/declaraties/{claim.number}/factuur/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    client.force_login(griffie)
    assert client.get(f"/griffie/GM0344/declaraties/{claim.number}/factuur/").status_code == 200
    client.force_login(UserFactory())
    assert client.get(f"/mijn/declaraties/{claim.number}/factuur/").status_code == 404


def test_invoice_of_the_wrong_type_is_refused(client, policy, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    office = OfficeFactory()
    fake = SimpleUploadedFile("factuur.pdf", b"MZ\x90\x00 this is an executable", "application/pdf")
    response = login(client, office.person).post("/mijn/declaraties/extern/", external_post(office, fake))
    assert response.status_code == 200
    assert "Dit bestandstype is niet toegestaan" in response.content.decode()
    assert not Claim.objects.exists()


def test_invoice_that_is_too_big_is_refused(client, policy, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    office = OfficeFactory()
    big = SimpleUploadedFile("factuur.pdf", PDF + b"0" * (5 * 1024 * 1024), "application/pdf")
    response = login(client, office.person).post("/mijn/declaraties/extern/", external_post(office, big))
    assert response.status_code == 200
    assert "te groot" in response.content.decode()
    assert not Claim.objects.exists()


def test_reservation_request_and_griffie_decision_pages(client, griffie):
    make_policy(prior_approval_required=True, direct_payment_allowed=True)
    office = OfficeFactory()
    course = paid_course()
    client = login(client, office.person)
    assert client.get(f"/mijn/toestemming/aanvragen/{course.pk}/?soort=prior_approval").status_code == 200
    response = client.post(f"/mijn/toestemming/aanvragen/{course.pk}/", {"kind": "prior_approval", "office": office.pk, "remark": ""})
    assert response.status_code == 302
    reservation = office.person.reservations.get()
    assert reservation.number in client.get("/mijn/toestemming/").content.decode()
    client.force_login(griffie)
    assert reservation.number in client.get("/griffie/GM0344/toestemming/").content.decode()
    client.post(f"/griffie/GM0344/toestemming/{reservation.number}/", {"decision": "grant"})
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.GRANTED
    client.force_login(griffie_user(amsterdam()))
    assert client.get(f"/griffie/GM0344/toestemming/{reservation.number}/").status_code == 404
    assert client.get(f"/griffie/GM0363/toestemming/{reservation.number}/").status_code == 404


def queue_queries(client, griffie):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/griffie/GM0344/")
    assert response.status_code == 200
    return len(queries)


def bulk_claims(n, policy, start=0):
    """n submitted claims, created in bulk (the queue only reads the claim rows)."""
    office = OfficeFactory()
    now = timezone.now()
    Claim.objects.bulk_create(
        Claim(
            number=f"GH-{policy.year}-B{i:06d}", status=ClaimStatus.SUBMITTED, authority=policy.authority, budget_year=policy.year,
            member=office.person, office=office, member_name=f"Lid {i}", role="raadslid", authority_name="Gemeente Utrecht",
            authority_code="GM0344", course_title=f"Cursus {i}", provider_name="Vereniging", start_date=now.date(), end_date=now.date(),
            amount_requested=Decimal("10.00"), submitted_at=now,
        )
        for i in range(start, start + n)
    )


def test_queue_query_count_is_the_same_for_10_and_500_claims(client, griffie, policy):
    client = login(client, griffie)
    bulk_claims(10, policy)
    queue_queries(client, griffie)  # warm up: session and first-request work
    small = queue_queries(client, griffie)
    bulk_claims(490, policy, start=10)
    large = queue_queries(client, griffie)
    assert small == large
    assert small <= 35


def test_member_claims_page_query_count_is_bounded(client, policy):
    enrolment = completed_enrolment()
    client = login(client, enrolment.person)
    with CaptureQueriesContext(connection) as few:
        client.get("/mijn/declaraties/")
    for _ in range(5):
        draft_claim(office=enrolment.office)
    with CaptureQueriesContext(connection) as more:
        client.get("/mijn/declaraties/")
    assert len(few) == len(more)
