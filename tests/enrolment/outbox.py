"""Helpers for tests of the reaction outbox: temporary handlers, emitting an event as a service
would, the passing of a backoff, and a database that deterministically refuses a write."""

import contextlib
import datetime
from io import StringIO

from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F

from enrolment import reactions
from enrolment.models import OutboxDelivery
from tests.enrolment.builders import committed


@contextlib.contextmanager
def registered(kind, name, fn):
    """Register `fn` as a reaction to `kind` for the duration of the block."""
    reactions.register(kind, name=name)(fn)
    try:
        yield fn
    finally:
        reactions.unregister(name)


class Recorder:
    """A reaction that records its calls and raises on the first `failures` of them."""

    def __init__(self, failures=0):
        self.failures = failures
        self.calls = []

    def __call__(self, *, event, enrolment, payment):
        self.calls.append((event.kind, enrolment.pk, payment.pk if payment else None))
        if len(self.calls) <= self.failures:
            raise RuntimeError(f"deliberate failure {len(self.calls)}")


def emit_committed(kind, *, enrolment, payment=None):
    """Emit `kind` inside a transaction, as a service does, and run the after-commit delivery."""
    with committed():
        with transaction.atomic():
            event = reactions.emit(kind, enrolment=enrolment, payment=payment)
    return event


def deliver_reactions(**options):
    """Run `manage.py deliver_reactions` and return what it printed."""
    out = StringIO()
    call_command("deliver_reactions", stdout=out, **options)
    return out.getvalue()


def pending(handler=None):
    deliveries = OutboxDelivery.objects.filter(delivered_at__isnull=True)
    return deliveries.filter(handler=handler) if handler else deliveries


def time_passes(delta=datetime.timedelta(hours=7)):
    """Let the backoff of every pending delivery pass (the longest backoff is six hours)."""
    OutboxDelivery.objects.filter(delivered_at__isnull=True).update(next_attempt_at=F("next_attempt_at") - delta)


@contextlib.contextmanager
def refused_writes(model, operation="UPDATE"):
    """PostgreSQL refuses every `operation` (INSERT, UPDATE) on `model`'s table inside the block.

    A deterministic failure at the database edge: the code under test runs unchanged and meets
    a real database error, as it would with a broken constraint or a failing disk.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION test_refuse_write() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'write refused by the test'; END $$"
        )
        cursor.execute(
            f"CREATE TRIGGER test_refuse_write BEFORE {operation} ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION test_refuse_write()"
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER test_refuse_write ON {table}")
            cursor.execute("DROP FUNCTION test_refuse_write()")
