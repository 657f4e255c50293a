"""The griffie workspace's old addresses (/griffie/declaraties/..., /griffie/regeling/...,
/griffie/budget/, /griffie/export/..., /griffie/toestemming/...) redirect permanently to the
same page of the right authority."""

import pytest
from django.utils import timezone

from glashelder.offices.models import GriffieMember
from reimbursement import services
from reimbursement.models import ClaimStatus
from tests.factories import OfficeFactory, UserFactory, amsterdam, griffie_user, utrecht

from .factories import make_policy, paid_course, submitted_claim

pytestmark = pytest.mark.django_db


def moved_to(response, status=301):
    assert response.status_code == status, response
    return response["Location"]


def test_an_old_claim_address_goes_to_the_claims_authority(client, policy):
    claim = submitted_claim()
    griffie = griffie_user(amsterdam())
    GriffieMember.objects.create(user=griffie, authority=utrecht())  # serves both: the claim decides
    client.force_login(griffie)
    for rest in ("", "pdf/", "factuur/"):
        old = f"/griffie/declaraties/{claim.number}/{rest}"
        assert moved_to(client.get(old)) == f"/griffie/GM0344/declaraties/{claim.number}/{rest}"


def test_an_old_claim_address_of_someone_elses_authority_is_404(client, policy):
    claim = submitted_claim()
    client.force_login(griffie_user(amsterdam()))
    assert client.get(f"/griffie/declaraties/{claim.number}/").status_code == 404
    assert client.get("/griffie/declaraties/GH-2026-999999/").status_code == 404
    client.force_login(claim.member)
    assert client.get(f"/griffie/declaraties/{claim.number}/").status_code == 404


def test_old_section_addresses_go_to_the_only_authority(client, griffie):
    client.force_login(griffie)
    year = timezone.localdate().year
    for old, new in [
        ("/griffie/regeling/", "/griffie/GM0344/regeling/"),
        (f"/griffie/regeling/{year}/", f"/griffie/GM0344/regeling/{year}/"),
        ("/griffie/budget/?jaar=2025", "/griffie/GM0344/budget/?jaar=2025"),
        ("/griffie/export/", "/griffie/GM0344/export/"),
        ("/griffie/toestemming/?status=requested", "/griffie/GM0344/toestemming/?status=requested"),
    ]:
        assert moved_to(client.get(old)) == new, old
    assert client.get("/griffie/GM0344/budget/?jaar=2025").status_code == 200


def test_old_section_addresses_let_a_griffie_of_several_authorities_choose(client, griffie):
    GriffieMember.objects.create(user=griffie, authority=amsterdam())
    client.force_login(griffie)
    for old in ("/griffie/regeling/", "/griffie/budget/", "/griffie/export/", "/griffie/toestemming/"):
        assert moved_to(client.get(old)) == "/griffie/", old


def test_old_addresses_of_a_request_and_an_export_find_their_authority(client, griffie):
    make_policy(prior_approval_required=True)
    office = OfficeFactory()
    reservation = services.prior_approval_request(member=office.person, office=office, course=paid_course("150.00"))
    services.claim_approve(claim=submitted_claim(), actor=griffie)
    today = timezone.localdate()
    export = services.claims_export(authority=utrecht(), actor=griffie, period_start=today, period_end=today)
    GriffieMember.objects.create(user=griffie, authority=amsterdam())
    client.force_login(griffie)
    assert moved_to(client.get(f"/griffie/toestemming/{reservation.number}/")) == f"/griffie/GM0344/toestemming/{reservation.number}/"
    assert moved_to(client.get(f"/griffie/export/{export.pk}/xlsx/")) == f"/griffie/GM0344/export/{export.pk}/xlsx/"
    client.force_login(griffie_user(amsterdam()))
    assert client.get(f"/griffie/toestemming/{reservation.number}/").status_code == 404
    assert client.get(f"/griffie/export/{export.pk}/csv/").status_code == 404


def test_old_addresses_need_a_login_and_a_griffie_role(client):
    response = client.get("/griffie/budget/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    client.force_login(UserFactory())
    assert client.get("/griffie/budget/").status_code == 404


def test_a_bulk_approval_posted_to_the_old_address_still_works(client, griffie, policy):
    claims = [submitted_claim(), submitted_claim()]
    client.force_login(griffie)
    response = client.post("/griffie/declaraties/goedkeuren/", {"claims": [claims[0].number]})
    assert moved_to(response, 308) == "/griffie/GM0344/declaraties/goedkeuren/"
    client.post("/griffie/declaraties/goedkeuren/", {"claims": [claims[0].number]}, follow=True)
    for claim in claims:
        claim.refresh_from_db()
    assert [c.status for c in claims] == [ClaimStatus.APPROVED, ClaimStatus.SUBMITTED]


def test_the_old_authority_chooser_goes_to_the_start(client, griffie):
    client.force_login(griffie)
    response = client.post("/griffie/overheid/", {"authority": "GM0363"})
    assert moved_to(response) == "/griffie/"
    assert moved_to(client.get("/griffie/"), 302) == "/griffie/GM0344/"
