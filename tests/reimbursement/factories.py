"""Factories for the reimbursement tests: policies, completed paid enrolments and claims in any state."""

import datetime
from decimal import Decimal

from django.utils import timezone

from enrolment.models import Enrolment, EnrolmentStatus, Payment, PaymentMethod, PaymentStatus
from glashelder.kernel.choices import Role
from reimbursement import services
from reimbursement.models import TrainingPolicy
from tests.factories import OfficeFactory, make_course, utrecht


def make_policy(authority=None, *, year=None, budget="1000.00", **fields):
    authority = authority or utrecht()
    year = year or timezone.localdate().year
    defaults = {
        "budget": Decimal(budget),
        "eligible_roles": [Role.RAADSLID, Role.COMMISSIELID, Role.WETHOUDER, Role.BURGEMEESTER, Role.STATENLID],
        "claim_deadline_days": 90,
    }
    defaults.update(fields)
    policy, _ = TrainingPolicy.objects.update_or_create(authority=authority, year=year, defaults=defaults)
    return policy



def paid_course(price="95.00", **fields):
    return make_course(title=fields.pop("title", f"Cursus {price}"), price=Decimal(price), **fields)


def completed_enrolment(*, office=None, course=None, amount=None, completed_at=None, method=PaymentMethod.DEMO, pay=True):
    """A completed enrolment with a paid payment (amount defaults to the course price)."""
    office = office or OfficeFactory()
    course = course or paid_course()
    completed_at = completed_at or (timezone.now() - datetime.timedelta(days=1))
    enrolment = Enrolment.objects.create(
        person=office.person, office=office, course=course, status=EnrolmentStatus.COMPLETED,
        created_at=completed_at - datetime.timedelta(days=7), activated_at=completed_at - datetime.timedelta(days=7),
        completed_at=completed_at,
    )
    if pay:
        Payment.objects.create(
            enrolment=enrolment, method=method, status=PaymentStatus.PAID,
            amount=Decimal(amount) if amount is not None else course.price, paid_at=completed_at - datetime.timedelta(days=7),
            receipt_url="https://pay.example/receipt/1",
        )
    return enrolment


def draft_claim(**kwargs):
    return services.claim_prepare(enrolment=completed_enrolment(**kwargs))


def submitted_claim(**kwargs):
    claim = draft_claim(**kwargs)
    claim.non_partisan_statement = True
    claim.save(update_fields=["non_partisan_statement"])
    return services.claim_submit(claim=claim, member=claim.member)
