"""enrolment_create: who may enrol in what, and every refusal in Dutch."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from wagtail import hooks

from courses.choices import ReviewStatus
from enrolment import services
from enrolment.models import Enrolment, EnrolmentStatus
from glashelder.kernel.choices import Level, Role
from glashelder.offices.models import OfficeStatus
from tests.enrolment.builders import committed, free_course, live_course, member, paid_course
from tests.factories import UserFactory, make_session, provincie_utrecht

pytestmark = pytest.mark.django_db


def refused(message_part, **kwargs):
    with pytest.raises(services.EnrolmentError) as exc:
        services.enrolment_create(**kwargs)
    assert message_part in exc.value.message
    return exc.value


def test_free_course_is_active_at_once_and_mails():
    person, office = member()
    course = free_course()
    with committed():
        enrolment = services.enrolment_create(person=person, office=office, course=course)
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert enrolment.activated_at is not None
    assert len(mail.outbox) == 1
    assert "Inschrijving bevestigd" in mail.outbox[0].subject
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_paid_course_waits_for_payment():
    person, office = member()
    enrolment = services.enrolment_create(person=person, office=office, course=paid_course())
    assert enrolment.status == EnrolmentStatus.REQUESTED
    assert enrolment.activated_at is None


def test_office_of_someone_else():
    person, _ = member()
    _, other_office = member()
    refused("niet op uw naam", person=person, office=other_office, course=free_course())
    assert not Enrolment.objects.exists()


def test_office_not_held_today():
    person, office = member(start_date=datetime.date(2018, 3, 29), end_date=datetime.date(2022, 3, 29))
    refused("bekleedt dit ambt vandaag niet", person=person, office=office, course=free_course())


def test_declined_office():
    person, office = member(status=OfficeStatus.DECLINED)
    refused("niet bevestigd", person=person, office=office, course=free_course())


def test_unverified_office_free_course_allowed_paid_refused():
    person, office = member(status=OfficeStatus.REQUESTED)
    assert services.enrolment_create(person=person, office=office, course=free_course()).status == EnrolmentStatus.ACTIVE
    refused("griffie uw ambt eerst bevestigen", person=person, office=office, course=paid_course())


def test_role_not_in_audience():
    person, office = member(role=Role.WETHOUDER)
    refused("niet bedoeld voor uw ambt", person=person, office=office, course=free_course())


def test_level_mismatch_and_beide():
    person, office = member(role=Role.STATENLID, authority=provincie_utrecht())
    refused("bedoeld voor ambtsdragers van een gemeente", person=person, office=office,
            course=free_course(audience_roles=[Role.STATENLID], level=Level.GEMEENTE))
    both = free_course(title="Voor iedereen", audience_roles=[Role.STATENLID], level=Level.BEIDE)
    assert services.enrolment_create(person=person, office=office, course=both).status == EnrolmentStatus.ACTIVE


def test_course_not_live_or_not_approved():
    person, office = member()
    draft = free_course(title="Concept", publish=False, approved=False)
    refused("niet (meer) open", person=person, office=office, course=draft)
    unapproved = free_course(title="Niet goedgekeurd", approved=False)
    assert unapproved.review_status != ReviewStatus.APPROVED
    refused("niet (meer) open", person=person, office=office, course=unapproved)


def test_live_course_needs_its_own_open_session():
    person, office = member()
    course, session = live_course()
    other_course, other_session = live_course(title="Andere live cursus")
    refused("Kies een bijeenkomst", person=person, office=office, course=course)
    refused("hoort niet bij deze cursus", person=person, office=office, course=course, session=other_session)
    cancelled = make_session(course, cancelled=True)
    refused("geannuleerd", person=person, office=office, course=course, session=cancelled)
    late = make_session(course)
    late.registration_deadline = timezone.now() - datetime.timedelta(hours=1)
    late.save()
    refused("inschrijftermijn", person=person, office=office, course=course, session=late)
    assert services.enrolment_create(person=person, office=office, course=course, session=session).session == session


def test_full_session_offers_waiting_list():
    course, session = live_course(capacity=1)
    first, first_office = member()
    services.enrolment_create(person=first, office=first_office, course=course, session=session)
    second, second_office = member()
    error = refused("vol", person=second, office=second_office, course=course, session=session)
    assert isinstance(error, services.SessionFullError) and error.offer_waitlist
    with committed():
        waiting = services.enrolment_create(person=second, office=second_office, course=course, session=session, waitlist=True)
    assert waiting.status == EnrolmentStatus.WAITLISTED
    assert "wachtlijst" in mail.outbox[-1].subject.lower()


def test_second_open_enrolment_refused_but_again_after_cancel():
    person, office = member()
    course = free_course()
    first = services.enrolment_create(person=person, office=office, course=course)
    refused("al ingeschreven", person=person, office=office, course=course)
    services.enrolment_cancel(enrolment=first, by=person)
    again = services.enrolment_create(person=person, office=office, course=course)
    assert again.pk != first.pk and again.status == EnrolmentStatus.ACTIVE


def test_enrolment_checks_hook_can_refuse():
    person, office = member()
    course = free_course()

    def needs_prior_approval(*, person, office, course, session):
        return "De griffie moet deze cursus vooraf goedkeuren."

    with hooks.register_temporarily("glashelder_enrolment_checks", needs_prior_approval):
        refused("vooraf goedkeuren", person=person, office=office, course=course)
    assert services.enrolment_create(person=person, office=office, course=course).status == EnrolmentStatus.ACTIVE


def test_cancel_after_deadline_refused():
    course, session = live_course()
    person, office = member()
    enrolment = services.enrolment_create(person=person, office=office, course=course, session=session)
    session.registration_deadline = timezone.now() - datetime.timedelta(minutes=1)
    session.save()
    with pytest.raises(services.EnrolmentError, match="annuleringstermijn"):
        services.enrolment_cancel(enrolment=enrolment, by=person)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE


def test_only_the_member_cancels():
    person, office = member()
    enrolment = services.enrolment_create(person=person, office=office, course=free_course())
    with pytest.raises(services.EnrolmentError):
        services.enrolment_cancel(enrolment=enrolment, by=UserFactory())


def test_cancel_promotes_first_waiting_and_mails_them():
    course, session = live_course(capacity=1, price="0")
    a, a_office = member()
    b, b_office = member()
    c, c_office = member()
    first = services.enrolment_create(person=a, office=a_office, course=course, session=session)
    b_wait = services.enrolment_create(person=b, office=b_office, course=course, session=session, waitlist=True)
    c_wait = services.enrolment_create(person=c, office=c_office, course=course, session=session, waitlist=True)
    mail.outbox.clear()
    with committed():
        services.enrolment_cancel(enrolment=first, by=a)
    b_wait.refresh_from_db()
    c_wait.refresh_from_db()
    assert b_wait.status == EnrolmentStatus.ACTIVE
    assert c_wait.status == EnrolmentStatus.WAITLISTED
    assert any(m.to == [b.email] and "plaats vrijgekomen" in m.subject for m in mail.outbox)


def test_promoted_to_paid_course_must_pay():
    course, session = live_course(capacity=1, price="40.00")
    a, a_office = member()
    b, b_office = member()
    first = services.enrolment_create(person=a, office=a_office, course=course, session=session)
    waiting = services.enrolment_create(person=b, office=b_office, course=course, session=session, waitlist=True)
    services.enrolment_cancel(enrolment=first, by=a)
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.REQUESTED
    assert course.price == Decimal("40.00")


def test_session_cancel_notifies_everyone_enrolled():
    course, session = live_course(capacity=1)
    a, a_office = member()
    b, b_office = member()
    services.enrolment_create(person=a, office=a_office, course=course, session=session)
    services.enrolment_create(person=b, office=b_office, course=course, session=session, waitlist=True)
    mail.outbox.clear()
    editor = UserFactory()
    editor.groups.add(course.provider.editors_group)
    with committed():
        cancelled = services.session_cancel(session=session, by=editor)
    assert len(cancelled) == 2
    assert set(Enrolment.objects.values_list("status", flat=True)) == {EnrolmentStatus.CANCELLED}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([a.email, b.email])
    assert all("geannuleerd" in m.subject for m in mail.outbox)


def test_session_cancel_only_by_own_provider():
    course, session = live_course()
    with pytest.raises(services.EnrolmentError):
        services.session_cancel(session=session, by=UserFactory())
    session.refresh_from_db()
    assert not session.cancelled


def test_unpaid_place_expires_after_the_hold_and_goes_to_the_waiting_list():
    import datetime as dt

    from django.core.management import call_command

    course, session = live_course(capacity=1, price="40.00")
    a, a_office = member()
    b, b_office = member()
    unpaid = services.enrolment_create(person=a, office=a_office, course=course, session=session)
    waiting = services.enrolment_create(person=b, office=b_office, course=course, session=session, waitlist=True)
    # within the hold nothing happens
    assert services.enrolments_expire_unpaid() == []
    later = timezone.now() + services.PAYMENT_HOLD + dt.timedelta(minutes=1)
    mail.outbox.clear()
    with committed():
        expired = services.enrolments_expire_unpaid(now=later)
    assert [e.pk for e in expired] == [unpaid.pk]
    unpaid.refresh_from_db()
    waiting.refresh_from_db()
    assert unpaid.status == EnrolmentStatus.CANCELLED
    assert waiting.status == EnrolmentStatus.REQUESTED and waiting.place_held_since is not None
    assert {m.to[0] for m in mail.outbox} == {a.email, b.email}
    # the promoted member gets a full hold of their own, counted from the promotion
    assert services.enrolments_expire_unpaid() == []
    call_command("expire_unpaid_enrolments")
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.REQUESTED


def test_paid_place_never_expires():
    import datetime as dt

    course, session = live_course(capacity=1, price="40.00")
    a, a_office = member()
    enrolment = services.enrolment_create(person=a, office=a_office, course=course, session=session)
    services.payment_mark_paid(payment=services.payment_open(enrolment=enrolment))
    later = timezone.now() + services.PAYMENT_HOLD + dt.timedelta(days=1)
    assert services.enrolments_expire_unpaid(now=later) == []
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE
