"""Demo content of the reimbursement app: legal bases, this year's policies for gemeente Utrecht and
gemeente Amsterdam, and claims in every state for both griffies. Idempotent: a claim is only made for
a member and course that have none yet, so a second run changes and duplicates nothing.

Uses the paid, approved courses of the courses demo; without them it creates no claims.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from courses.choices import ReviewStatus
from courses.models import CoursePage
from enrolment.models import Enrolment, EnrolmentStatus, Payment, PaymentMethod, PaymentStatus
from enrolment.services import certificate_issue
from glashelder.kernel.choices import Role
from glashelder.offices.models import Authority, GriffieMember, Office, OfficeStatus

from . import services
from .legal_bases import seed_legal_bases
from .models import (
    ApprovingGroup,
    Claim,
    ClaimStatus,
    LegalBasis,
    Reservation,
    ReservationKind,
    TrainingPolicy,
)

GEMEENTE_TERM = datetime.date(2026, 3, 26)

# (e-mail, first name, last name, role): the members whose claims are shown; the enrolment demo creates most of them.
UTRECHT_MEMBERS = [
    ("pieter.smit@example.org", "Pieter", "Smit", Role.RAADSLID),
    ("lotte.bos@example.org", "Lotte", "Bos", Role.COMMISSIELID),
    ("karim.haddou@example.org", "Karim", "Haddou", Role.WETHOUDER),
]
AMSTERDAM_MEMBERS = [
    ("eva.dekker@example.org", "Eva", "Dekker", Role.RAADSLID),
    ("daan.meijer@example.org", "Daan", "Meijer", Role.COMMISSIELID),
    ("nina.postma@example.org", "Nina", "Postma", Role.WETHOUDER),
]

# (member key, state, days ago completed). Exported claims are made first, so the later approvals stay approved.
UTRECHT_CLAIMS = [
    ("deelnemer", ClaimStatus.EXPORTED, 40),
    ("pieter", ClaimStatus.EXPORTED, 35),
    ("deelnemer", ClaimStatus.APPROVED, 20),
    ("deelnemer", ClaimStatus.RETURNED, 12),
    ("deelnemer", ClaimStatus.DRAFT, 2),
    ("pieter", ClaimStatus.SUBMITTED, 6),
    ("pieter", ClaimStatus.REJECTED, 25),
    ("lotte", ClaimStatus.SUBMITTED, 4),
    ("karim", ClaimStatus.SUBMITTED, 8),
]
AMSTERDAM_CLAIMS = [
    ("eva", ClaimStatus.EXPORTED, 38),
    ("eva", ClaimStatus.APPROVED, 18),
    ("eva", ClaimStatus.DRAFT, 3),
    ("daan", ClaimStatus.SUBMITTED, 5),
    ("daan", ClaimStatus.RETURNED, 10),
    ("nina", ClaimStatus.REJECTED, 22),
    ("daan", ClaimStatus.APPROVED, 15),
]


def _office(user, authority, role, verified_by):
    office = Office.objects.filter(person=user, authority=authority, role=role).first()
    if office is None:
        office = Office.objects.create(
            person=user, authority=authority, role=role, start_date=GEMEENTE_TERM,
            status=OfficeStatus.VERIFIED, verified_by=verified_by, verified_at=timezone.now(),
        )
    return office


def _policies(utrecht, amsterdam, year, users):
    roles_gemeente = [Role.RAADSLID, Role.COMMISSIELID, Role.WETHOUDER, Role.BURGEMEESTER]
    TrainingPolicy.objects.get_or_create(
        authority=utrecht, year=year,
        defaults={
            "budget": Decimal("15000.00"), "cap_per_member": Decimal("1500.00"), "cap_per_course": None,
            "eligible_roles": roles_gemeente, "prior_approval_required": False, "direct_payment_allowed": True,
            "claim_deadline_days": 90, "four_eyes_threshold": Decimal("125.00"),
            "contact_email": "griffie@utrecht.example", "updated_by": users["griffie"],
            "contact_text": "Vragen over scholing? Mail de griffie; we reageren binnen twee werkdagen.",
        },
    )
    TrainingPolicy.objects.get_or_create(
        authority=amsterdam, year=year,
        defaults={
            "budget": Decimal("25000.00"), "cap_per_member": Decimal("2000.00"), "cap_per_course": Decimal("500.00"),
            "eligible_roles": roles_gemeente, "prior_approval_required": True, "direct_payment_allowed": False,
            "claim_deadline_days": 60, "four_eyes_threshold": None, "executive_approver": ApprovingGroup.COLLEGE,
            "contact_email": "griffie@amsterdam.example", "updated_by": users["griffie_amsterdam"],
            "contact_text": "Vraag vóór de inschrijving toestemming aan; de griffie beslist binnen een week.",
        },
    )


def _completed_enrolment(person, office, course, days_ago):
    now = timezone.now()
    start_of_year = timezone.make_aware(datetime.datetime(now.year, 1, 2, 12, 0))
    completed = max(now - datetime.timedelta(days=days_ago), start_of_year)
    enrolment = Enrolment.objects.create(
        person=person, office=office, course=course, status=EnrolmentStatus.COMPLETED,
        created_at=completed - datetime.timedelta(days=10), activated_at=completed - datetime.timedelta(days=10),
        completed_at=completed,
    )
    Payment.objects.create(
        enrolment=enrolment, method=PaymentMethod.DEMO, status=PaymentStatus.PAID, amount=course.price,
        paid_at=completed - datetime.timedelta(days=10),
    )
    return enrolment


def _free_course(person, courses, office=None):
    """A paid course the person has no enrolment in yet and whose audience includes the office's role."""
    taken = set(Enrolment.objects.filter(person=person).values_list("course_id", flat=True))
    suitable = [c for c in courses if office is None or office.role in c.audience_roles]
    return next((c for c in suitable if c.pk not in taken), None)


def _claim_to_state(claim, state, griffie, member):
    if state == ClaimStatus.DRAFT:
        return claim
    services.claim_update(
        claim=claim, member=member, functional_reason=claim.functional_reason,
        member_remark="", non_partisan_statement=True,
    )
    services.claim_submit(claim=claim, member=member)
    if state == ClaimStatus.RETURNED:
        services.claim_return(claim=claim, actor=griffie, question="Kunt u het programma van de cursus toevoegen in een opmerking?")
    elif state == ClaimStatus.REJECTED:
        services.claim_reject(claim=claim, actor=griffie, reason="De scholing valt in een jaar waarin uw maximum al is bereikt.")
    elif state in (ClaimStatus.APPROVED, ClaimStatus.EXPORTED):
        services.claim_approve(claim=claim, actor=griffie, decision_reference="B&W 2026/117" if claim.role == Role.WETHOUDER else "")
    return claim


def _claims(authority, griffie, members, plan, courses):
    made = []
    for key, state, days_ago in plan:
        person, office = members[key]
        course = _free_course(person, courses, office)
        if course is None:
            continue
        enrolment = _completed_enrolment(person, office, course, days_ago)
        certificate_issue(enrolment=enrolment)
        try:
            claim = services.claim_prepare(enrolment=enrolment)
            made.append((_claim_to_state(claim, state, griffie, person), state))
        except services.ClaimError:
            continue
    exported = [c for c, state in made if state == ClaimStatus.EXPORTED]
    if exported:
        today = timezone.localdate()
        services.claims_export(authority=authority, actor=griffie, period_start=today, period_end=today)
    return made


def load(users):
    seed_legal_bases(LegalBasis)
    utrecht = Authority.objects.get(cbs_code="GM0344")
    amsterdam = Authority.objects.get(cbs_code="GM0363")
    GriffieMember.objects.get_or_create(user=users["griffie"], authority=utrecht)
    GriffieMember.objects.get_or_create(user=users["griffie_amsterdam"], authority=amsterdam)
    year = timezone.localdate().year
    _policies(utrecht, amsterdam, year, users)

    courses = list(
        CoursePage.objects.live().filter(review_status=ReviewStatus.APPROVED, price__gt=0).order_by("price", "pk")
    )
    if not courses:
        return
    # Demo claims are made once: a second run finds them and adds nothing.
    if Claim.objects.filter(authority__in=[utrecht, amsterdam], member__email__endswith="@example.org").exists():
        return

    griffie, griffie_amsterdam = users["griffie"], users["griffie_amsterdam"]
    utrecht_members = {"deelnemer": (users["deelnemer"], _office(users["deelnemer"], utrecht, Role.RAADSLID, griffie))}
    for email, first, last, role in UTRECHT_MEMBERS:
        person = users.person(email, first, last)
        utrecht_members[first.lower()] = (person, _office(person, utrecht, role, griffie))
    amsterdam_members = {}
    for email, first, last, role in AMSTERDAM_MEMBERS:
        person = users.person(email, first, last)
        amsterdam_members[first.lower()] = (person, _office(person, amsterdam, role, griffie_amsterdam))

    # Exported first (exporting marks every approved claim of the day), then the rest.
    for authority, griffie_user, members, plan in (
        (utrecht, griffie, utrecht_members, UTRECHT_CLAIMS),
        (amsterdam, griffie_amsterdam, amsterdam_members, AMSTERDAM_CLAIMS),
    ):
        exported = [row for row in plan if row[1] == ClaimStatus.EXPORTED]
        rest = [row for row in plan if row[1] != ClaimStatus.EXPORTED]
        _claims(authority, griffie_user, members, exported, courses)
        _claims(authority, griffie_user, members, rest, courses)

    # Open requests for the griffies to decide: a direct payment in Utrecht, a prior approval in Amsterdam.
    lotte, lotte_office = utrecht_members["lotte"]
    course = _free_course(lotte, [c for c in courses[::-1] if not c.needs_attendance], lotte_office)
    if course is not None and not Reservation.objects.filter(member=lotte, course=course).exists():
        services.direct_payment_request(member=lotte, office=lotte_office, course=course, remark="Mijn fractie heeft geen budget meer.")
    eva, eva_office = amsterdam_members["eva"]
    course = _free_course(eva, courses[::-1], eva_office)
    if course is not None and not Reservation.objects.filter(member=eva, course=course, kind=ReservationKind.PRIOR_APPROVAL).exists():
        services.prior_approval_request(member=eva, office=eva_office, course=course, remark="Past bij mijn portefeuille financiën.")
