"""The transition skeleton, written once: lock, check, change, event, audit, after commit.

Every state change of the platform runs through `transition()`:

    with transition(Claim.objects, claim.pk, allowed=(ClaimStatus.SUBMITTED,),
                    refusal=_("Een declaratie met status %(status)s kan niet worden afgewezen.")) as step:
        claim = step.obj                      # locked (SELECT ... FOR UPDATE), re-read
        ...checks that raise a DomainError...
        claim.status = ClaimStatus.REJECTED   # change
        step.save("status", "decision_reason")
        step.record(write_claim_event, ...)   # the app's own history row, same transaction
        step.audit("claim_rejected", actor=actor, target=claim.number)
        step.after_commit(tasks.send_claim_decision, claim.pk)

The order is fixed by the object: the row is locked and its state checked before the
body runs; history and audit rows are written in the same transaction; tasks are
enqueued only after commit, so nothing is sent for a change that rolled back.

`durable` marks a top-level service (called by a view, a task, the webhook or a
command): it must own its transaction (`atomic(durable=True)`), so its after-commit
effects really happen after the data is durable. Building blocks that another service
calls inside its own transaction use `transition()` alone.
"""

import functools
from contextlib import contextmanager

from django.db import transaction

from .audit import audit_log
from .errors import InvalidTransition


def durable(fn):
    """Run the service in one durable transaction (refused when nested in another)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with transaction.atomic(durable=True):
            return fn(*args, **kwargs)

    wrapper.durable = True
    return wrapper


def after_commit(task, *args, **kwargs):
    """Enqueue a task once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


class Step:
    """One transition in progress; see the module docstring."""

    def __init__(self, obj, status_field):
        self.obj = obj
        self.status_field = status_field
        self.from_status = getattr(obj, status_field, None) if status_field else None

    def save(self, *fields):
        """Save the changed fields (all fields when none are named)."""
        if fields:
            self.obj.save(update_fields=list(fields))
        else:
            self.obj.save()
        return self.obj

    def record(self, writer, *args, **kwargs):
        """Write the app's own history row (an event) in the same transaction."""
        return writer(self.obj, *args, **kwargs)

    def audit(self, action, **kwargs):
        return audit_log(action, **kwargs)

    def after_commit(self, task, *args, **kwargs):
        after_commit(task, *args, **kwargs)


@contextmanager
def transition(queryset, pk, *, allowed=None, refusal=None, error=InvalidTransition, status_field="status", select_related=()):
    """Lock row `pk` of `queryset`, check its state is in `allowed`, and yield a `Step`.

    `refusal` is a Dutch sentence with `%(status)s` for the current state's label; it is
    raised as `error` (`InvalidTransition` or an app's subclass of it) and nothing changes.
    """
    with transaction.atomic():
        qs = queryset.select_for_update(of=("self",)) if select_related else queryset.select_for_update()
        if select_related:
            qs = qs.select_related(*select_related)
        obj = qs.get(pk=pk)
        if allowed is not None and getattr(obj, status_field) not in allowed:
            label = getattr(obj, f"get_{status_field}_display")()
            raise error((refusal or error.default_message) % {"status": str(label).lower()})
        yield Step(obj, status_field)
