"""Factories for the core models. App-specific factories live next to their tests."""

import datetime
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page

from courses.choices import CourseFormat, ReviewStatus
from courses.models import CourseIndexPage, CoursePage, Instrument, ModulePage, Provider, Session
from courses.services import provider_folder_ensure
from glashelder.kernel.choices import AuthorityKind, Level, Role
from glashelder.offices.models import Authority, GriffieMember, Office, OfficeStatus

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    # Fixed names, so that assertions on rendered pages never depend on a random name that
    # HTML-escapes differently (e.g. "van 't Hof"); escaping itself is tested in tests/site/test_injection.py.
    first_name = factory.Iterator(["Anna", "Bram", "Carla", "Daan", "Eva", "Femke", "Gijs", "Hanna", "Ilse", "Jelle"])
    last_name = factory.Iterator(["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos"])  # 10 x 9: 90 distinct full names
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Vereniging {n}")
    description = "Een beroepsvereniging."
    email = factory.Sequence(lambda n: f"info{n}@vereniging.example")
    editors_group = factory.LazyAttribute(lambda o: Group.objects.create(name=f"Redacteuren {o.name}"))


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Instrument {n}")
    slug = factory.Sequence(lambda n: f"instrument-{n}")
    kind = "controle"
    article_gemeente = "art. 155 Gemeentewet"
    article_provincie = "art. 151 Provinciewet"
    explanation = "Uitleg."


def course_index():
    return CourseIndexPage.objects.get()


def make_course(*, provider=None, title="Cursus begroting", instruments=(), publish=True, approved=True, **fields):
    """Create a CoursePage at /cursussen/<slug>/, in its provider's folder (published and approved by default)."""
    provider = provider or ProviderFactory()
    defaults = {
        "summary": "Een korte samenvatting.",
        "audience_roles": [Role.RAADSLID, Role.COMMISSIELID],
        "level": Level.GEMEENTE,
        "format": CourseFormat.ONLINE,
        "study_load_hours": Decimal("2.0"),
        "price": Decimal("0"),
        "learning_outcomes": "U kent de begrotingscyclus.\nU kunt een amendement schrijven.",
    }
    defaults.update(fields)
    course = CoursePage(title=title, provider=provider, live=publish, **defaults)
    if approved:
        course.review_status = ReviewStatus.APPROVED
        course.approved_at = timezone.now()
    provider_folder_ensure(provider=provider).add_child(instance=course)
    if instruments:
        course.instruments.set(instruments)
    revision = course.save_revision()
    if publish:
        revision.publish()
        if approved:
            CoursePage.objects.filter(pk=course.pk).update(approved_revision=revision)
    course.refresh_from_db()
    return course


def make_module(course, *, title="Module 1", questions=None, minutes=30):
    """A module with one lesson of text and, when given, a knowledge check."""
    content = [{"type": "rich_text", "value": "<p>Lesstof.</p>"}]
    if questions:
        content.append(
            {
                "type": "knowledge_check",
                "value": {"title": "Kennischeck", "questions": questions},
            }
        )
    module = ModulePage(
        title=title,
        intro="Inleiding",
        estimated_minutes=minutes,
        lessons=[{"type": "lesson", "value": {"title": "Les 1", "content": content}}],
    )
    Page.objects.get(pk=course.pk).add_child(instance=module)
    module.save_revision().publish()
    return module


def make_session(course, *, capacity=10, days_ahead=14, deadline_days=7, **fields):
    start = timezone.now() + datetime.timedelta(days=days_ahead)
    return Session.objects.create(
        course=course,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        capacity=capacity,
        registration_deadline=timezone.now() + datetime.timedelta(days=deadline_days),
        location="Stadhuis",
        **fields,
    )


def authority(code):
    """An Authority by CBS code; loads the reference data the first time it is needed."""
    found = Authority.objects.filter(cbs_code=code).first()
    if found is None:
        from glashelder.offices.reference_data import load_authorities

        load_authorities()
        found = Authority.objects.get(cbs_code=code)
    return found


def utrecht():
    return authority("GM0344")


def amsterdam():
    return authority("GM0363")


def provincie_utrecht():
    return authority("PV26")


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    person = factory.SubFactory(UserFactory)
    authority = factory.LazyFunction(utrecht)
    role = Role.RAADSLID
    start_date = factory.LazyFunction(lambda: datetime.date(2026, 3, 26))
    status = OfficeStatus.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)


def griffie_user(auth=None, *, mfa=True, **kwargs):
    """A griffie member of `auth` (default gemeente Utrecht), with a TOTP device unless mfa=False."""
    user = UserFactory(**kwargs)
    GriffieMember.objects.create(user=user, authority=auth or utrecht())
    if mfa:
        add_totp(user)
    return user


def add_totp(user, secret="GLASHELDERDEMOAB"):
    from allauth.mfa.totp.internal.auth import TOTP

    return TOTP.activate(user, secret)


__all__ = [
    "AuthorityKind",
    "PASSWORD",
    "UserFactory",
    "ProviderFactory",
    "InstrumentFactory",
    "OfficeFactory",
    "make_course",
    "make_module",
    "make_session",
    "utrecht",
    "amsterdam",
    "provincie_utrecht",
    "griffie_user",
    "add_totp",
]
