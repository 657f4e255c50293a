"""Templated e-mail, in Dutch, with a plain and an HTML part: the one mail helper.

`send_templated_mail("reimbursement/email/claim_decision", context, [to])` renders
`<name>_subject.txt`, `<name>.txt` and `<name>.html`. The subject and the plain
part are text, not HTML: they are rendered without HTML escaping, so a course
called "Raad & rekenkamer" reads the same in both parts. Called from tasks only,
so a slow mail server never blocks a page. Links in e-mails and PDFs are made
with `absolute`.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation


def absolute(path):
    """An absolute URL on the public address (`WAGTAILADMIN_BASE_URL`), for e-mails and PDFs."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _render_text(name, context):
    """A template rendered as plain text: no HTML escaping of the values."""
    return get_template(name).template.render(Context(context, autoescape=False))


def send_templated_mail(name, context, to, attachments=(), *, bcc=()):
    """Render and send one message; nothing when there is no recipient. Returns the message.

    `attachments` are `(filename, content, mimetype)` triples. With `bcc`, the
    recipients do not see each other (`to` is then usually the sender itself).
    """
    to = [address for address in to if address]
    bcc = [address for address in bcc if address]
    if not to and not bcc:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        subject = _render_text(f"{name}_subject.txt", context).strip()
        text = _render_text(f"{name}.txt", context)
        html = render_to_string(f"{name}.html", context)
    message = EmailMultiAlternatives(subject=" ".join(subject.split()), body=text, to=to, bcc=bcc)
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
    return message
