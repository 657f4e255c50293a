"""Audit logging of account events."""

from allauth.account.signals import email_changed, password_changed, password_reset
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import audit_log


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    audit_log("login", actor=user, request=request)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
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
