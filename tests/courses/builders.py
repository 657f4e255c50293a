"""Fast builders for catalogue tests: approved, published courses without going
through the full workflow (the workflow has its own tests)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from courses.choices import CourseFormat, ReviewStatus
from courses.models import CoursePage, Instrument, Session
from courses.services import provider_folder_ensure
from glashelder.kernel.choices import Level, Role
from tests.factories import ProviderFactory

_counter = {"n": 0}


def approved_course(*, provider=None, title=None, instruments=(), **fields):
    _counter["n"] += 1
    n = _counter["n"]
    values = {
        "summary": "Een korte samenvatting.",
        "audience_roles": [Role.RAADSLID],
        "level": Level.GEMEENTE,
        "format": CourseFormat.ONLINE,
        "study_load_hours": Decimal("2.0"),
        "price": Decimal("0"),
        "learning_outcomes": "U kent de begrotingscyclus.",
    }
    values.update(fields)
    provider = provider or ProviderFactory()
    course = CoursePage(
        title=title or f"Cursus {n:04d}",
        slug=f"cursus-{n:04d}",
        provider=provider,
        live=True,
        review_status=ReviewStatus.APPROVED,
        approved_at=timezone.now(),
        **values,
    )
    provider_folder_ensure(provider=provider).add_child(instance=course)
    if instruments:
        course.instruments.set(instruments)
        course.save()  # a ParentalManyToManyField is written on save
    revision = course.save_revision()
    CoursePage.objects.filter(pk=course.pk).update(live_revision=revision, approved_revision=revision)
    course.refresh_from_db()
    return course


def session(course, *, days=14, capacity=10, **fields):
    start = timezone.now() + datetime.timedelta(days=days)
    return Session.objects.create(
        course=course,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=capacity,
        registration_deadline=start - datetime.timedelta(days=1),
        location=fields.pop("location", "Stadhuis"),
        **fields,
    )


def instrument(slug):
    return Instrument.objects.get(slug=slug)
