"""Helpers for the enrolment tests: members with offices and ready-made courses."""

from decimal import Decimal

from courses.choices import CourseFormat
from tests.factories import OfficeFactory, UserFactory, add_totp, make_course, make_module, make_session

QUESTIONS = [
    {"question": "Wie stelt de begroting vast?", "options": ["Het college", "De raad"], "correct_option": 2,
     "feedback": "De raad stelt de begroting vast (budgetrecht)."},
    {"question": "Wat is een amendement?", "options": ["Een wijzigingsvoorstel", "Een verzoek"], "correct_option": 1,
     "feedback": "Een amendement wijzigt een voorstel."},
]


def member(**office_fields):
    """A verified raadslid of gemeente Utrecht; returns (user, office)."""
    office = OfficeFactory(**office_fields)
    return office.person, office


def paid_course(provider=None, *, price="95.00", modules=2, questions=True, **fields):
    course = make_course(provider=provider, title=fields.pop("title", "Begroting voor gevorderden"), price=Decimal(price), **fields)
    for n in range(modules):
        make_module(course, title=f"Module {n + 1}", questions=QUESTIONS if questions else None)
    return course


def free_course(provider=None, *, modules=1, **fields):
    return paid_course(provider, price="0", modules=modules, questions=False, title=fields.pop("title", "Vragenrecht"), **fields)


def live_course(provider=None, *, capacity=2, price="0", **fields):
    course = paid_course(provider, price=price, modules=1, questions=False, format=CourseFormat.LIVE,
                         title=fields.pop("title", "Live: recht van onderzoek"), **fields)
    session = make_session(course, capacity=capacity)
    return course, session


def provider_editor(provider):
    user = UserFactory()
    user.groups.add(provider.editors_group)
    add_totp(user)
    return user


def committed():
    """Run on-commit callbacks (e-mails, signals) at the end of the block, as a real commit would."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)
