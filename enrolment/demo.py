"""Demo content of the enrolment app: enrolments, progress and payments (offices come from the offices demo).

Idempotent: an enrolment that exists (person + course, not cancelled) is left
alone. Records are written directly rather than through the services so that
loading the demo sends no e-mail; the certificate comes from the same
`certificate_issue` the services use.
"""

import datetime

from django.utils import timezone

from courses.models import CoursePage
from glashelder.offices.models import Office, OfficeStatus

from .models import Enrolment, EnrolmentStatus, ModuleProgress, Payment, PaymentMethod, PaymentStatus
from .selectors import PLACE_HOLDING, course_modules
from .services import certificate_issue


def _office(email_or_user, role=None):
    offices = Office.objects.filter(status=OfficeStatus.VERIFIED).order_by("start_date")
    if isinstance(email_or_user, str):
        offices = offices.filter(person__email=email_or_user)
    else:
        offices = offices.filter(person=email_or_user)
    if role:
        offices = offices.filter(role=role)
    return offices.first()


def _enrol(office, course, *, status, days_ago, session=None, done_modules=0, check_score=100, paid=False):
    """One enrolment with `done_modules` completed modules and, for a paid course, a demo payment."""
    existing = Enrolment.objects.filter(person=office.person, course=course).exclude(status=EnrolmentStatus.CANCELLED).first()
    if existing:
        return existing
    created = timezone.now() - datetime.timedelta(days=days_ago)
    active = status in (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)
    enrolment = Enrolment.objects.create(
        person=office.person, office=office, course=course, session=session, status=status, created_at=created,
        activated_at=created if active else None,
    )
    modules = list(course_modules(course))
    for index, module in enumerate(modules[:done_modules] if active else []):
        questions = module.specific.knowledge_check_questions()
        ModuleProgress.objects.create(
            enrolment=enrolment, module=module, started_at=created + datetime.timedelta(days=index),
            last_lesson=max(len(module.specific.lessons) - 1, 0), check_score=check_score if questions else None,
            check_attempts=1 if questions else 0, completed_at=created + datetime.timedelta(days=index, hours=1),
        )
    if active and done_modules < len(modules):
        # started the next module: the dashboard resumes here
        ModuleProgress.objects.create(enrolment=enrolment, module=modules[done_modules], started_at=timezone.now())
        enrolment.last_module = modules[done_modules]
        enrolment.save(update_fields=["last_module"])
    if paid and not course.is_free:
        Payment.objects.create(
            enrolment=enrolment, method=PaymentMethod.DEMO, status=PaymentStatus.PAID, amount=course.price,
            created_at=created, paid_at=created,
        )
    if status == EnrolmentStatus.COMPLETED:
        enrolment.completed_at = created + datetime.timedelta(days=len(modules) + 1)
        enrolment.save(update_fields=["completed_at"])
        certificate_issue(enrolment=enrolment)
    return enrolment


def _course(slug):
    return CoursePage.objects.filter(slug=slug).first()


def load(users):
    deelnemer = _office(users["deelnemer"])
    if deelnemer is None:
        return

    begroting = _course("begroting-lezen-en-beinvloeden")
    vragenrecht = _course("vragenrecht-en-interpellatie")
    rekenkamer = _course("werken-met-de-rekenkamer")
    amendement = _course("amendement-en-motie-schrijven")
    participatie = _course("participatieverordening-maken")

    # In progress at different points, one completed with its certificate, one paid (demo payment).
    if begroting:
        _enrol(deelnemer, begroting, status=EnrolmentStatus.ACTIVE, days_ago=12, done_modules=1)
    if vragenrecht:
        modules = course_modules(vragenrecht).count()
        _enrol(deelnemer, vragenrecht, status=EnrolmentStatus.COMPLETED, days_ago=40, done_modules=modules)
    if rekenkamer:
        _enrol(deelnemer, rekenkamer, status=EnrolmentStatus.ACTIVE, days_ago=3, done_modules=0, paid=True)

    # A full session of the demo provider's blended course, with the demo participant on its waiting list.
    if amendement:
        session = amendement.sessions.filter(cancelled=False, starts_at__gt=timezone.now()).order_by("capacity", "starts_at").first()
        if session:
            for email in ("pieter.smit@example.org", "eva.dekker@example.org", "lotte.bos@example.org"):
                office = _office(email)
                taken = session.enrolments.filter(status__in=PLACE_HOLDING).count()
                if office and taken < session.capacity:
                    _enrol(office, amendement, status=EnrolmentStatus.ACTIVE, days_ago=8, session=session, paid=True)
            if session.enrolments.filter(status__in=PLACE_HOLDING).count() >= session.capacity:
                _enrol(deelnemer, amendement, status=EnrolmentStatus.WAITLISTED, days_ago=2, session=session)

    # More members of the demo provider's courses, so the provider sees enrolments.
    for email, course, done in (("lotte.bos@example.org", begroting, 2), ("daan.meijer@example.org", participatie, 1),
                                ("pieter.smit@example.org", begroting, 0)):
        office = _office(email)
        if office and course:
            _enrol(office, course, status=EnrolmentStatus.ACTIVE, days_ago=6, done_modules=done)
