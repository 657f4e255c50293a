from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from .tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is open to everyone: holding an office is verified separately by the griffie."""

    def is_open_for_signup(self, request):
        return True

    def send_mail(self, template_prefix, email, context):
        """Render allauth's message here and hand the sending to the task framework.

        The task is enqueued without waiting for the commit: with the database
        task backend the task row is part of the same transaction, so a worker
        only sees it (and the confirmation key it mentions) after the commit.
        """


        request = allauth_context.request
        # Notifications may be sent from an on-commit hook after the request is gone.
        site = get_current_site(request) if request is not None else None
        ctx = {"request": request, "email": email, "current_site": site}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html = next((content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), None)
        if getattr(message, "content_subtype", "") == "html":
            html, body = message.body, ""
        else:
            body = message.body
        send_email.enqueue(
            subject=message.subject,
            body=body,
            to=list(message.to),
            from_email=message.from_email,
            html=html,
            headers=dict(message.extra_headers),
        )
