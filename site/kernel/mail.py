"""Templated e-mail, in Dutch, with a plain and an HTML part: the one mail helper.

`send_templated_mail("reimbursement/email/claim_decision", context, [to])` renders
`<name>_subject.txt`, `<name>.txt` and `<name>.html`. Called from tasks only, so a
slow mail server never blocks a page.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def absolute(path):
    """An absolute URL on the public address (`WAGTAILADMIN_BASE_URL`), for e-mails and PDFs."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_templated_mail(name, context, to, attachments=()):
    """Render and send one message; nothing when there is no recipient. Returns the message."""
    to = [address for address in to if address]
    if not to:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{name}_subject.txt", context).strip()
        text = render_to_string(f"{name}.txt", context)
        html = render_to_string(f"{name}.html", context)
    message = EmailMultiAlternatives(subject=" ".join(subject.split()), body=text, to=to)
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
    return message
