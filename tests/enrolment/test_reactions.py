"""The reaction outbox (enrolment/reactions.py): an event is written with its change, each
registered handler gets its own delivery, a failing handler is retried by `deliver_reactions`
until it succeeds, and a delivered one never runs again.

Failures are deterministic: a test handler raises on its first call(s).
"""

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from enrolment import reactions, services
from enrolment.models import OutboxDelivery, OutboxEvent, OutboxEventKind
from glashelder.kernel.audit import audit_log
from glashelder.models import AuditEvent
from tests.enrolment.builders import free_course, member
from tests.enrolment.outbox import (
    Recorder,
    deliver_reactions,
    emit_committed,
    pending,
    registered,
    time_passes,
)
from tests.factories import UserFactory, add_totp

pytestmark = pytest.mark.django_db

KIND = OutboxEventKind.ENROLMENT_COMPLETED


class Auditing(Recorder):
    """A reaction with a visible effect (an audit row) that raises after writing it on its first calls."""

    def __call__(self, *, event, enrolment, payment):
        audit_log("test_reaction", target=f"event:{event.pk}")
        super().__call__(event=event, enrolment=enrolment, payment=payment)


def reaction_rows(event):
    return AuditEvent.objects.filter(action="test_reaction", target=f"event:{event.pk}").count()


@pytest.fixture
def enrolment():
    person, office = member()
    return services.enrolment_create(person=person, office=office, course=free_course())


@pytest.fixture
def beheer(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    add_totp(user)
    client.force_login(user)
    return user


def test_an_event_and_its_deliveries_exist_only_with_the_change(enrolment):
    with registered(KIND, "test.one", Recorder()), registered(KIND, "test.two", Recorder()):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                reactions.emit(KIND, enrolment=enrolment)
                raise RuntimeError("the change fails after its event was written")
        assert not OutboxEvent.objects.exists() and not OutboxDelivery.objects.exists()
        with transaction.atomic():
            event = reactions.emit(KIND, enrolment=enrolment)
    assert (event.kind, event.enrolment_id, event.payment_id) == (KIND, enrolment.pk, None)
    assert set(event.deliveries.values_list("handler", flat=True)) >= {"test.one", "test.two"}
    assert all(d.pending and d.attempts == 0 for d in event.deliveries.all())


def test_services_write_their_events_with_the_registered_reactions(enrolment):
    services.enrolment_cancel(enrolment=enrolment, by=enrolment.person)
    event = OutboxEvent.objects.get(kind=OutboxEventKind.ENROLMENT_CANCELLED, enrolment=enrolment)
    # reimbursement registered its reaction from its AppConfig.ready(); enrolment never imports it
    assert list(event.deliveries.values_list("handler", flat=True)) == ["reimbursement.reservations_release"]


def test_a_reaction_is_delivered_after_commit(enrolment):
    with registered(KIND, "test.audit", Auditing()) as reaction:
        event = emit_committed(KIND, enrolment=enrolment)
    assert reaction.calls == [(KIND, enrolment.pk, None)]
    assert reaction_rows(event) == 1
    delivery = event.deliveries.get(handler="test.audit")
    assert delivery.delivered_at is not None and delivery.attempts == 1 and delivery.last_error == ""


def test_a_reaction_that_fails_once_still_happens_exactly_once(enrolment):
    with registered(KIND, "test.audit", Auditing(failures=1)) as reaction:
        event = emit_committed(KIND, enrolment=enrolment)
        # The first attempt failed: its writes are rolled back, the attempt and error are kept.
        assert reaction_rows(event) == 0
        delivery = pending("test.audit").get()
        assert delivery.attempts == 1 and delivery.last_error == "RuntimeError: deliberate failure 1"
        assert delivery.next_attempt_at > timezone.now()
        # Not retried before its backoff has passed ...
        assert deliver_reactions().startswith("0 reaction(s) delivered")
        assert len(reaction.calls) == 1
        # ... and delivered once it has.
        time_passes()
        assert deliver_reactions().startswith("1 reaction(s) delivered")
        assert reaction_rows(event) == 1
        delivery.refresh_from_db()
        assert delivery.delivered_at is not None and delivery.attempts == 2
        # Running the command again (or twice in a row) changes nothing.
        time_passes()
        deliver_reactions()
        deliver_reactions()
        assert len(reaction.calls) == 2 and reaction_rows(event) == 1


def test_each_reaction_is_delivered_on_its_own(enrolment):
    with registered(KIND, "test.fine", Auditing()) as fine, registered(KIND, "test.failing", Recorder(failures=1)) as failing:
        event = emit_committed(KIND, enrolment=enrolment)
        assert event.deliveries.get(handler="test.fine").delivered_at is not None
        assert event.deliveries.get(handler="test.failing").pending
        time_passes()
        deliver_reactions()
    assert len(fine.calls) == 1 and len(failing.calls) == 2
    assert not event.deliveries.filter(handler__startswith="test.", delivered_at__isnull=True).exists()


def test_a_reaction_that_keeps_failing_stays_pending_with_growing_backoff(enrolment):
    with registered(KIND, "test.broken", Recorder(failures=100)) as reaction:
        emit_committed(KIND, enrolment=enrolment)
        for _ in range(3):
            time_passes()
            deliver_reactions()
    delivery = pending("test.broken").get()
    assert delivery.attempts == 4 and len(reaction.calls) == 4
    assert delivery.last_error == "RuntimeError: deliberate failure 4"
    wait = delivery.next_attempt_at - timezone.now()
    assert datetime.timedelta(minutes=7) < wait <= datetime.timedelta(minutes=8)


def test_backoff_doubles_up_to_six_hours():
    assert [reactions.backoff(n) for n in (1, 2, 3)] == [datetime.timedelta(minutes=m) for m in (1, 2, 4)]
    assert reactions.backoff(30) == datetime.timedelta(hours=6)


def test_a_delivery_whose_handler_is_gone_stays_pending_with_the_reason(enrolment):
    with registered(KIND, "test.removed", Recorder()):
        with transaction.atomic():
            event = reactions.emit(KIND, enrolment=enrolment)
    delivery = event.deliveries.get(handler="test.removed")
    assert reactions.deliver(delivery.pk) is False
    delivery.refresh_from_db()
    assert delivery.pending and "No reaction is registered under the name 'test.removed'" in delivery.last_error


def test_registering_another_function_under_a_taken_name_is_refused():
    with pytest.raises(ValueError, match="already registered"):
        reactions.register(OutboxEventKind.PAYMENT_REFUNDED, name="reimbursement.claim_follow_refund")(lambda **kw: None)


def test_beheer_sees_pending_reactions_and_their_errors_read_only(client, beheer, enrolment):
    with registered(KIND, "test.broken", Recorder(failures=100)):
        event = emit_committed(KIND, enrolment=enrolment)
    delivery = pending("test.broken").get()
    listing = client.get("/django-admin/enrolment/outboxdelivery/?afgehandeld=nee")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "test.broken" in html and "deliberate failure 1" in html
    assert client.get("/django-admin/enrolment/outboxdelivery/add/").status_code == 403
    detail = client.get(f"/django-admin/enrolment/outboxdelivery/{delivery.pk}/change/")
    assert detail.status_code == 200 and 'name="_save"' not in detail.content.decode()
    assert client.post(f"/django-admin/enrolment/outboxdelivery/{delivery.pk}/delete/", {"post": "yes"}).status_code == 403
    event_page = client.get(f"/django-admin/enrolment/outboxevent/{event.pk}/change/").content.decode()
    assert "test.broken" in event_page and "deliberate failure 1" in event_page
    assert OutboxDelivery.objects.filter(pk=delivery.pk, delivered_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_emit_outside_a_transaction_is_refused():
    person, office = member()
    enrolment = services.enrolment_create(person=person, office=office, course=free_course())
    with pytest.raises(RuntimeError, match="inside the transaction"):
        reactions.emit(KIND, enrolment=enrolment)
    assert not OutboxEvent.objects.filter(kind=KIND).exists()


@pytest.mark.django_db(transaction=True)
def test_a_delivery_held_by_another_run_is_skipped_not_run_twice():
    person, office = member()
    enrolment = services.enrolment_create(person=person, office=office, course=free_course())
    with registered(KIND, "test.audit", Auditing(failures=1)) as reaction:
        with transaction.atomic():
            event = reactions.emit(KIND, enrolment=enrolment)
        # committed: delivered at once, failed once
        delivery = pending("test.audit").get()
        time_passes()

        locked, release = threading.Event(), threading.Event()

        def other_run():
            try:
                with transaction.atomic():
                    OutboxDelivery.objects.select_for_update().get(pk=delivery.pk)
                    locked.set()
                    release.wait(timeout=30)
            finally:
                connection.close()

        thread = threading.Thread(target=other_run)
        thread.start()
        try:
            assert locked.wait(timeout=30)
            assert "1 skipped" in deliver_reactions()
            assert len(reaction.calls) == 1
        finally:
            release.set()
            thread.join(timeout=30)
        assert deliver_reactions().startswith("1 reaction(s) delivered")
        assert len(reaction.calls) == 2 and reaction_rows(event) == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_deliver_a_reaction_once():
    person, office = member()
    enrolment = services.enrolment_create(person=person, office=office, course=free_course())
    with registered(KIND, "test.audit", Auditing(failures=1)) as reaction:
        with transaction.atomic():
            event = reactions.emit(KIND, enrolment=enrolment)
        time_passes()
        barrier = threading.Barrier(2)
        results = []

        def run():
            try:
                barrier.wait(timeout=10)
                results.append(reactions.deliver_due())
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert len(reaction.calls) == 2  # the failed first attempt and exactly one delivery
    assert reaction_rows(event) == 1
    assert sum(r["delivered"] for r in results) == 1
