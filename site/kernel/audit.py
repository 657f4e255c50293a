"""Write security-relevant events to the append-only audit log.

Never pass passwords, tokens or message bodies in `details`.
"""

from contextvars import ContextVar

from django.apps import apps

# The request being handled, set by the site's AuditContextMiddleware,
# for audit entries written where no request is passed along (signal handlers).
current_request = ContextVar("glashelder_current_request", default=None)

# Marker that replaces the actor of events of a deleted account.
ANONYMOUS_ACTOR = "[verwijderd account]"


def client_ip(request):
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_log(action, *, actor=None, request=None, target="", **details):
    if request is None:
        request = current_request.get()
    label = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        label = actor.email
    elif details.get("email"):
        label = details["email"]
    # The model belongs to the site app (the top layer); the kernel names it, never imports it.
    return apps.get_model("glashelder", "AuditEvent").objects.create(
        action=action,
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        actor_label=label,
        target=str(target)[:255],
        ip_address=client_ip(request),
        details=details,
    )
