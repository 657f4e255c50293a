"""Audit logging of account events."""

from allauth.account.signals import email_changed, password_changed, password_reset
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver

from courses.models import Provider

from .kernel.audit import audit_log, current_request
from .kernel.roles import REDACTIE_GROUP
from .models import User


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    audit_log("login", actor=user, request=request)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    # An account that was just deleted (inactive, anonymised) is not logged again.
    if user is not None and user.is_active:
        audit_log("logout", actor=user, request=request)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # Only the e-mail address is kept, never the password.
    audit_log("login_failed", request=request, email=str(credentials.get("email") or credentials.get("username") or ""))


@receiver(password_changed)
def on_password_changed(sender, request, user, **kwargs):
    audit_log("password_changed", actor=user, request=request)


@receiver(password_reset)
def on_password_reset(sender, request, user, **kwargs):
    audit_log("password_reset", actor=user, request=request)


@receiver(email_changed)
def on_email_changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    audit_log("email_changed", actor=user, request=request)


@receiver(authenticator_added)
def on_mfa_added(sender, request, user, authenticator, **kwargs):
    audit_log("mfa_added", actor=user, request=request, type=authenticator.type)


@receiver(authenticator_removed)
def on_mfa_removed(sender, request, user, authenticator, **kwargs):
    audit_log("mfa_removed", actor=user, request=request, type=authenticator.type)


# Role changes through group membership: provider editors (a provider's
# editors group) and redactie. Covers the Django admin, the Wagtail user
# editor and code alike, in both directions of the relation.


def _group_role(group):
    if group.name == REDACTIE_GROUP:
        return "redactie", ""
    provider = Provider.objects.filter(editors_group=group).first()
    if provider is not None:
        return "aanbieder", str(provider)
    return "groep", group.name


def _request_actor():
    request = current_request.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _log_membership(action, user, group):
    role, scope = _group_role(group)
    audit_log(
        action,
        actor=_request_actor(),
        target=f"user:{user.pk}",
        role=role,
        scope=scope,
        group=group.name,
        user_id=user.pk,
    )


@receiver(m2m_changed, sender=User.groups.through)
def on_group_membership_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if reverse:  # group.user_set.add(user, ...)
        groups = [instance]
        users = list(User.objects.filter(pk__in=pk_set or ())) if action != "pre_clear" else list(instance.user_set.all())
    else:  # user.groups.add(group, ...)
        users = [instance]
        groups = list(Group.objects.filter(pk__in=pk_set or ())) if action != "pre_clear" else list(instance.groups.all())
    audit_action = "role_granted" if action == "post_add" else "role_revoked"
    for user in users:
        for group in groups:
            _log_membership(audit_action, user, group)


@receiver(pre_save, sender=User)
def on_superuser_flag_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    """Becoming or ceasing to be beheer (superuser) or staff is a role change too."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and not {"is_superuser", "is_staff"} & set(update_fields):
        return
    previous = User.objects.filter(pk=instance.pk).values("is_superuser", "is_staff").first()
    if previous is None:
        return
    for flag, role in (("is_superuser", "beheer"), ("is_staff", "staf")):
        if previous[flag] != getattr(instance, flag):
            audit_log(
                "role_granted" if getattr(instance, flag) else "role_revoked",
                actor=_request_actor(),
                target=f"user:{instance.pk}",
                role=role,
                user_id=instance.pk,
            )
