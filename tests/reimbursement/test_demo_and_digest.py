"""Demo content (every state for both griffies, idempotent), the daily digest, the hooks' panels."""

from collections import Counter

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory

from glashelder.demo import load_accounts
from glashelder.kernel.choices import Role
from reimbursement import demo
from reimbursement.models import Claim, ClaimEvent, Reservation, TrainingPolicy
from reimbursement.wagtail_hooks import claims_dashboard_panel, reimbursement_panel
from tests.factories import amsterdam, utrecht

from .factories import draft_claim, make_policy, paid_course, submitted_claim

pytestmark = pytest.mark.django_db

STATES = {"draft", "submitted", "returned", "approved", "rejected", "exported"}


def test_demo_has_claims_in_every_state_for_both_griffies_and_is_idempotent():
    utrecht(), amsterdam()
    from courses.choices import CourseFormat
    from glashelder.kernel.choices import GEMEENTE_ROLES

    everyone = sorted(GEMEENTE_ROLES)  # demo claims only use courses whose audience includes the member's role
    for price in ("45.00", "95.00", "95.00", "45.00"):
        paid_course(price, audience_roles=everyone)
    paid_course("149.00", format=CourseFormat.LIVE, audience_roles=everyone)  # live: a direct payment would need a session
    users = load_accounts()
    demo.load(users)
    states = Counter((c.authority_code, c.status) for c in Claim.objects.all())
    for code in ("GM0344", "GM0363"):
        assert {status for (authority, status) in states if authority == code} == STATES
    assert set(Reservation.objects.values_list("kind", "status")) == {("direct_payment", "requested"), ("prior_approval", "requested")}
    mine = set(Claim.objects.filter(member=users["deelnemer"]).values_list("status", flat=True))
    assert len(mine) >= 3
    assert not TrainingPolicy.objects.get(authority__cbs_code="GM0344").prior_approval_required
    assert TrainingPolicy.objects.get(authority__cbs_code="GM0363").prior_approval_required
    assert TrainingPolicy.objects.get(authority__cbs_code="GM0344").four_eyes_threshold is not None
    counts = (Claim.objects.count(), ClaimEvent.objects.count(), Reservation.objects.count(), TrainingPolicy.objects.count())
    demo.load(users)
    assert (Claim.objects.count(), ClaimEvent.objects.count(), Reservation.objects.count(), TrainingPolicy.objects.count()) == counts


def test_demo_without_courses_creates_no_claims():
    utrecht(), amsterdam()
    demo.load(load_accounts())
    assert not Claim.objects.exists()
    assert TrainingPolicy.objects.count() == 2


def test_daily_digest_once_per_claim(policy, griffie, django_capture_on_commit_callbacks):
    claims = [submitted_claim(), submitted_claim()]
    draft_claim()
    # The digest is sent after the claims are marked (after commit).
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_claim_digest", stdout=None)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert griffie.email in message.to
    assert all(c.number in message.body for c in claims)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_claim_digest")
    assert len(mail.outbox) == 1
    submitted_claim()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_claim_digest")
    assert len(mail.outbox) == 2


def test_dashboard_panel_lists_claims_with_status_and_reasons(policy, griffie):
    from reimbursement import services

    claim = submitted_claim()
    services.claim_return(claim=claim, actor=griffie, question="Welk programma?")
    request = RequestFactory().get("/mijn/")
    request.user = claim.member
    panel = claims_dashboard_panel(request)
    assert panel["context"]["claims"] == [claim]
    from django.template.loader import render_to_string

    html = render_to_string(panel["template"], panel["context"], request=request)
    assert claim.number in html and "Teruggestuurd" in html and "Welk programma?" in html


def test_course_panel_shows_the_members_policy_and_request_buttons():
    from django.template.loader import render_to_string

    from tests.factories import OfficeFactory

    make_policy(prior_approval_required=True, cap_per_course="80.00")
    office = OfficeFactory()
    course = paid_course()
    request = RequestFactory().get("/")
    request.user = office.person
    panel = reimbursement_panel(request, course)
    html = render_to_string(panel["template"], panel["context"], request=request)
    assert "Vergoed door uw gemeente of provincie?" in html
    assert "Toestemming vragen" in html and "€\u00a080,00" in html
    assert f"/mijn/toestemming/aanvragen/{course.pk}/" in html


def test_legal_bases_are_seeded_with_unconfirmed_2019_articles():
    from reimbursement.models import LegalBasis

    current = LegalBasis.objects.get(role=Role.RAADSLID, level="gemeente", valid_until__isnull=True)
    assert current.articles == "art. 3.3.3" and current.confirmed is False
    old = LegalBasis.objects.get(role=Role.RAADSLID, level="gemeente", valid_until__isnull=False)
    assert old.articles == "art. 13" and old.confirmed is True
    assert LegalBasis.objects.get(role=Role.STATENLID, level="provincie", valid_until__isnull=True).articles == "art. 2.3.3"


def test_redactie_may_edit_legal_bases_in_the_admin(client):
    from glashelder.kernel.roles import redactie_group
    from reimbursement.models import LegalBasis
    from tests.factories import UserFactory, add_totp

    redactie = UserFactory()
    redactie.groups.add(redactie_group())
    add_totp(redactie)
    assert redactie.has_perm("reimbursement.change_legalbasis")
    basis = LegalBasis.objects.filter(valid_until__isnull=True).first()
    client.force_login(redactie)
    response = client.get(f"/admin/snippets/reimbursement/legalbasis/edit/{basis.pk}/")
    assert response.status_code == 200
    participant = UserFactory()
    assert not participant.has_perm("reimbursement.change_legalbasis")
